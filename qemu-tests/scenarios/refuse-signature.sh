# refuse-signature: a bundle signed by a key the device does not trust is refused.
#@ arches malta virt
#@ timeout 120
#@ push bundles/badsig
#@ expect @@BOOT old
#@ expect @@ refused with exit 2: phramboot: .*manifest.sig
#@ reject @@BOOT trial
expect_refusal 2 phramboot --timeout 10 $B/badsig
