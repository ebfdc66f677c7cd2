# staging-refusals: phramboot receive on the staging board variant refuses a truncated
# stream, a tampered file, files in the wrong order and a root image larger than the
# region, each with one line and exit 2, leaving the region empty and no bundle
# directory; and phramboot refuses to boot a bundle whose image is not the one in the
# region (the region holds another bundle, or is empty), arming and loading nothing.
#@ arches malta virt
#@ skip.maltabe receive's refusals are the same C; proven on the family's first board
#@ skip.arm64 receive's refusals are the same C; proven on the family's first board
#@ board staging
#@ timeout 300
#@ push bundles/ok bundles/health bundles/big
#@ expect @@BOOT old
#@ expect @@ receive refused: truncated
#@ expect @@ receive refused: tampered
#@ expect @@ receive refused: wrong order
#@ expect @@ receive refused: too large
#@ expect @@ refused with exit 2: phramboot: fatal: unable to boot bundle /tmp/rx-ok \([0-9a-f]{16}\): the staging region /dev/mtd[0-9]+ holds bundle [0-9a-f]{16}; receive this one again
#@ expect @@ refused with exit 2: phramboot: fatal: unable to boot bundle /tmp/rx-health: its root image is not in the staging region /dev/mtd[0-9]+, which is empty
#@ expect @@END
#@ reject @@BOOT trial
send() { tar -C "$1" -cf - manifest manifest.sig kernel dtb rootfs; }
# refused WHY PATTERN: the last receive exited 2 with one line matching PATTERN, left
# no directory, no kexec image and no armed watchdog.
refused() {
	rc=$(cat /tmp/rx.rc)
	[ "$rc" = 2 ] || fail "receive ($1): exit $rc, wanted 2: $(cat /tmp/rx.err)"
	[ "$(wc -l </tmp/rx.err)" = 1 ] || fail "receive ($1): not one line: $(cat /tmp/rx.err)"
	grep -q "$2" /tmp/rx.err || fail "receive ($1): $(cat /tmp/rx.err)"
	[ ! -e /tmp/rx-bad ] && [ ! -e /tmp/rx-bad.partial ] || fail "receive ($1) left a directory"
	[ "$(cat /sys/kernel/kexec_loaded)" = 0 ] || fail "receive ($1) left a kexec image loaded"
	cat /tmp/rx.err
	mark "receive refused: $1"
}
# The last stage of a pipeline runs in a subshell: its exit status goes through a file.
recv() { phramboot receive --dir /tmp/rx-bad >/dev/null 2>/tmp/rx.err; echo $? >/tmp/rx.rc; }

send $B/ok | recv
rc=$(cat /tmp/rx.rc)
[ "$rc" = 0 ] || fail "receive of a good bundle: exit $rc: $(cat /tmp/rx.err)"
mv /tmp/rx-bad /tmp/rx-ok
# Cut inside the root image, after the region was emptied for it.
cut=$(( $(wc -c <$B/ok/kernel) + $(wc -c <$B/ok/dtb) + 8192 + 65536 ))
send $B/ok | head -c $cut | recv
refused truncated "the stream ends inside rootfs: truncated; nothing was kept, and the staging region is empty"
cp -a $B/ok /tmp/tampered
printf 'X' | dd of=/tmp/tampered/rootfs bs=1 seek=70000 conv=notrunc 2>/dev/null
send /tmp/tampered | recv
refused tampered "rootfs does not match its SHA-256 in the signed manifest"
tar -C $B/ok -cf - rootfs manifest manifest.sig kernel dtb | recv
refused "wrong order" "rootfs came before the manifest"
# The signed 140 MiB image, rebuilt sparse (the same bytes): more than the region holds.
mkdir /tmp/big
cp -a $B/big/* /tmp/big/ && cp $B/ok/rootfs /tmp/big/rootfs && dd of=/tmp/big/rootfs bs=1 count=0 seek=140M 2>/dev/null
send /tmp/big | recv
refused "too large" "larger than the staging region"
# Another bundle's image in the region: the first one's directory no longer boots.
send $B/health | phramboot receive --dir /tmp/rx-health >/dev/null || fail "receive of the health bundle failed"
expect_refusal 2 phramboot --timeout 10 /tmp/rx-ok
# A refused receive leaves the region empty: nothing boots from it.
send $B/ok | head -c $cut | recv
expect_refusal 2 phramboot --timeout 10 /tmp/rx-health
