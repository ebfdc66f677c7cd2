# refuse-corrupt: one byte of the rootfs flipped after signing is refused.
#@ arches malta virt
#@ timeout 120
#@ push bundles/ok
#@ expect @@BOOT old
#@ expect @@ refused with exit 2: phramboot: .*rootfs
#@ reject @@BOOT trial
cp -a $B/ok /tmp/corrupt
byte=$(dd if=/tmp/corrupt/rootfs bs=1 skip=100000 count=1 2>/dev/null)
new=X; [ "$byte" = X ] && new=Y
printf %s "$new" | dd of=/tmp/corrupt/rootfs bs=1 seek=100000 conv=notrunc 2>/dev/null
cmp -s /tmp/corrupt/rootfs $B/ok/rootfs && fail "the byte did not change"
expect_refusal 2 phramboot --timeout 10 /tmp/corrupt
