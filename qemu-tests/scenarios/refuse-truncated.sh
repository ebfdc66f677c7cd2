# refuse-truncated: a rootfs cut short (an interrupted copy) is refused.
#@ arches malta virt
#@ skip.maltabe a size check of the same C; refuse-corrupt covers the hash path on this board
#@ skip.arm64 a size check of the same C; refuse-corrupt covers the hash path on this board
#@ timeout 120
#@ push bundles/ok
#@ expect @@BOOT old
#@ expect @@ refused with exit 2: phramboot: .*rootfs
#@ reject @@BOOT trial
cp -a $B/ok /tmp/short
dd if=$B/ok/rootfs of=/tmp/short/rootfs bs=4096 count=100 2>/dev/null
expect_refusal 2 phramboot --timeout 10 /tmp/short
