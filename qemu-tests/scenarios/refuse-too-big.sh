# refuse-too-big: a signed 140 MiB image cannot be placed in a 256 MiB board (kexec_load
# takes at most half of RAM); phramboot says how much it needs and how much there is.
#@ arches malta virt
#@ skip.maltabe kexec_load's half-of-RAM limit is generic kernel code; proven on the family's first board
#@ skip.arm64 kexec_load's half-of-RAM limit is generic kernel code; proven on the family's first board
#@ timeout 240
#@ push bundles/big bundles/ok
#@ expect @@BOOT old
#@ expect @@ refused with exit 3: phramboot: .*
#@ expect @@ refusal: no reset
#@ reject @@BOOT trial
# The signed rootfs is the trial root padded with zeros to 140 MiB: rebuild it sparse.
# Reading a tmpfs hole through mmap allocates a page, and /tmp stops at half of RAM.
mkdir /tmp/big
mount -t tmpfs -o size=150m tmpfs /tmp/big
cp -a $B/big/* /tmp/big/
cp $B/ok/rootfs /tmp/big/rootfs
dd of=/tmp/big/rootfs bs=1 count=0 seek=140M 2>/dev/null
expect_refusal_no_reset 3 phramboot --timeout 10 /tmp/big
