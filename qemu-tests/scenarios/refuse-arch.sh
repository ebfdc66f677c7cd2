# refuse-arch: a correctly signed bundle whose kernel is for the other architecture.
#@ arches malta virt
#@ timeout 120
#@ push bundles/wrongarch
#@ expect @@BOOT old
#@ expect @@ refused with exit 2: phramboot: .*(arch|machine)
#@ reject @@BOOT trial
expect_refusal 2 phramboot --timeout 10 $B/wrongarch
