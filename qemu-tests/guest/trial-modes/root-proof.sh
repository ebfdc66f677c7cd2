# Shared by the root-* trial modes: prove that this system is a phramboot trial running
# from the squashfs image on phram, and report where that image sits in RAM.
id=$(cmdline_arg phramboot.trial) || fail "trial: no phramboot.trial= marker on the command line"
# The phram partition phramboot labels "rootfs" (a board's flash partitions, described
# by the same DTB, come before it), and the root= phramboot chose must be that one.
mtd=$(sed -n 's/^mtd\([0-9]*\): .* "rootfs"$/\1/p' /proc/mtd)
[ -n "$mtd" ] || fail "trial: no phram rootfs in /proc/mtd: $(cat /proc/mtd)"
[ "$(cmdline_arg root)" = "/dev/mtdblock$mtd" ] ||
	fail "trial: root=$(cmdline_arg root), but the phram rootfs is mtd$mtd"
awk '$2 == "/" && $3 == "squashfs" { found = 1 } END { exit !found }' /proc/mounts ||
	fail "trial: / is not squashfs: $(grep ' / ' /proc/mounts)"
# The stamp is random bytes made at build time; its hash went into the signed bundle.
want=$(cmdline_arg test.stamp)
got=$(sha256sum /etc/trial-stamp | cut -c1-16)
[ -n "$want" ] && [ "$got" = "$want" ] || fail "trial: /etc/trial-stamp hashes to $got, the build said $want"
node=$(ls /sys/firmware/devicetree/base/reserved-memory 2>/dev/null | grep '^phram@')
[ -n "$node" ] || fail "trial: no phram node under /reserved-memory in the DTB"
mark "trial $id runs from squashfs on phram (mtd$mtd), stamp $got ok"
mark "trial phram at 0x$(printf '%x' "0x${node#phram@}")"
