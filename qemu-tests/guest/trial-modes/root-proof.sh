# Shared by the root-* trial modes: prove that this system is a phramboot trial running
# from the squashfs image on phram, and report where that image sits in RAM.
id=$(cmdline_arg phramboot.trial) || fail "trial: no phramboot.trial= marker on the command line"
grep -q '^mtd0: .*"rootfs"' /proc/mtd || fail "trial: no phram rootfs in /proc/mtd: $(cat /proc/mtd)"
awk '$2 == "/" && $3 == "squashfs" { found = 1 } END { exit !found }' /proc/mounts ||
	fail "trial: / is not squashfs: $(grep ' / ' /proc/mounts)"
# The stamp is random bytes made at build time; its hash went into the signed bundle.
want=$(cmdline_arg test.stamp)
got=$(sha256sum /etc/trial-stamp | cut -c1-16)
[ -n "$want" ] && [ "$got" = "$want" ] || fail "trial: /etc/trial-stamp hashes to $got, the build said $want"
node=$(ls /sys/firmware/devicetree/base/reserved-memory 2>/dev/null | grep '^phram@')
[ -n "$node" ] || fail "trial: no phram node under /reserved-memory in the DTB"
mark "trial $id runs from squashfs on phram (mtd0), stamp $got ok"
mark "trial phram at 0x$(printf '%x' "0x${node#phram@}")"
