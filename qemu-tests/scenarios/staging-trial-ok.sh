# staging-trial-ok: on the staging board variant (a staging region of 136 MiB declared
# at boot: malta on its command line, virt in its DTB), the host streams a bundle whose
# root image is 130 MiB, more than half of the board's 256 MiB RAM, with
# `tar | ssh router phramboot receive`. The image goes straight into the region; kexec
# loads only the kernel and the DTB; the trial runs from the region and reads every byte
# of its root image back, hashed against the signed SHA-256 (the old kernel wrote it
# through one mapping, the trial reads it through another).
#@ arches malta virt
#@ skip.maltabe the staging region's use is the same C on both malta boards; proven on malta
#@ board staging
#@ timeout 600
#@ receive bundles/huge
#@ expect @@BOOT old
#@ expect @@HOST receive: phramboot: received bundle [0-9a-f]{16} into /tmp/phramboot-bundle, [0-9]+ bytes; its root image is in the staging region /dev/mtd[0-9]+ at 0x[0-9a-f]+
#@ expect @@HOST receive exit 0
#@ expect ^path: staging region /dev/mtd[0-9]+, 0x[0-9a-f]+\+0x8800000 .*: the root image is in place, kexec loads only the kernel and DTB
#@ expect @@ old: MemTotal [0-9]+ kB; starting the trial of a 136314880-byte root image from the staging region
#@ expect @@BOOT trial
#@ expect @@ trial: all 136314880 bytes of the root image in RAM match the signed SHA-256
#@ expect.malta @@ trial ok: still up after 20 s
#@ expect.virt @@ trial ok: still up after 30 s
phramboot --dry-run /tmp/phramboot-bundle >/tmp/plan || fail "staging: the dry run failed: $(cat /tmp/plan)"
grep -E '^(path|placement|root|load):' /tmp/plan
# The root image is no kexec segment: only the kernel and the DTB are loaded.
grep '^load:' /tmp/plan | grep -q -- '--map-file' && fail "staging: kexec would load the root image: $(grep '^load:' /tmp/plan)"
[ ! -e /tmp/phramboot-bundle/rootfs ] || fail "staging: the root image went to tmpfs too"
mark "old: MemTotal $(awk '/^MemTotal/ { print $2 }' /proc/meminfo) kB; starting the trial of a 136314880-byte root image from the staging region"
phramboot --timeout 10 /tmp/phramboot-bundle
fail "phramboot returned $?: the trial did not start"
