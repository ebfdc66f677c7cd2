# bench-load: memory and time of one real phramboot run on an image held in tmpfs (its
# rootfs is bench.mib= MiB), the same load done the read-into-malloc way, verification
# against sha256sum, and what the loaded image holds once its tmpfs copy is gone. Ends in
# the trial; bench/run stops QEMU there.
. /bench/lib.sh
# What the old firmware's own initramfs takes (a router would keep that on flash).
mark "bench: cold-up=$(up) initramfs-kib=$(du -skx / | cut -f1) memtotal=$(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo)"
mib=$(cmdline_arg bench.mib) || fail "bench: no bench.mib= on the command line"
a0=$(avail)
mkbundle /tmp/b "load-$mib" copy
a1=$(avail)
image=$(cat /tmp/b/kernel /tmp/b/dtb /tmp/b/rootfs | wc -c)
mark "bench: image=$image rootfs=$(wc -c </tmp/b/rootfs) avail-empty=$a0 avail-bundle=$a1"

# Verification: the dry run checks the signature and hashes every file (and plans);
# sha256sum hashes the same bytes, from the same tmpfs. Best of three each: the host may
# be busy, and /proc/uptime counts in 10 ms steps.
vs=99999 ss=99999
for i in 1 2 3; do
	t0=$(up)
	rm -f /tmp/plan.dtb
	phramboot --timeout 10 --dry-run --save-dtb /tmp/plan.dtb /tmp/b >/tmp/plan || fail "bench: dry run failed"
	t1=$(up)
	sha256sum /tmp/b/kernel /tmp/b/dtb /tmp/b/rootfs >/dev/null
	t2=$(up)
	set -- $(echo "$t0 $t1 $t2 $vs $ss" | awk '{ v = $2 - $1; s = $3 - $2; print (v < $4 ? v : $4), (s < $5 ? s : $5) }')
	vs=$1 ss=$2
done
mark "bench: verify-s=$vs sha256sum-s=$ss"
addr=$(sed -n 's/^placement: \(0x[0-9a-f]*\)-.*/\1/p' /tmp/plan)
[ -n "$addr" ] || fail "bench: no placement in the dry run: $(cat /tmp/plan)"

# The two ways to hand the image to kexec: read into malloc (--initrd, the way Liminix
# goes), and mapped from its file (--map-file, the argv phramboot builds). The mapped
# load comes from a second tmpfs copy, which is then dropped.
kxload malloc - /tmp/b/kernel --dtb=/tmp/plan.dtb --initrd=/tmp/b/rootfs
mkdir /tmp/c
cp /tmp/b/rootfs /tmp/c/rootfs
kxload mapped /tmp/c/rootfs /tmp/b/kernel --dtb=/tmp/plan.dtb --map-file=/tmp/c/rootfs@"$addr"
rm -rf /tmp/c /tmp/plan.dtb /tmp/plan

# The real run, sampled until the board goes down.
mark "bench: pb-avail=$(avail)"
mark "bench: phramboot-start up=$(up)"
phramboot --timeout 10 /tmp/b &
pp=$!
memwatch $pp pb 20000
wait $pp
fail "phramboot returned $?: the trial did not start"
