# bench-staging: on a board whose command line declares a staging region (bench/run
# sizes it for the image), does an image of bench.mib= MiB boot through phramboot
# receive? The bundle is moved onto the root tmpfs with its padding sparse (lib.sh
# mkbundle move), and streamed into receive by a local pipe: what ssh would bring,
# without the network the bench guest lacks. Also: the same stream into cat >/dev/null
# (throughput), and the lowest MemAvailable during receive and during the load.
. /bench/lib.sh
mib=$(cmdline_arg bench.mib) || fail "bench: no bench.mib= on the command line"
mount -o remount,size=95% / || fail "bench: cannot grow the root tmpfs"
mkbundle /b "big-$mib" move
send() { tar -C /b -cf - manifest manifest.sig kernel dtb rootfs; }
t0=$(up)
send | cat >/dev/null
t1=$(up)
a0=$(avail)
send | phramboot receive --dir /tmp/rx >/tmp/rx.out 2>&1 &
rp=$!
memwatch $rp rx
wait $rp
rc=$?
t2=$(up)
cat /tmp/rx.out
[ "$rc" = 0 ] || { mark "bench: big-refused=$rc"; exit 0; }
kd=$(cat /b/kernel /b/dtb | wc -c)
mark "bench: stream-bytes=$(send | wc -c) cat-s=$(echo "$t0 $t1" | awk '{ print $2 - $1 }') receive-s=$(echo "$t1 $t2" | awk '{ print $2 - $1 }') rx-avail=$a0 rx-low=$low kernel-dtb=$kd"
# Only the trial's root on phram ends the step; a refusal prints its code.
phramboot --timeout 10 /tmp/rx &
pp=$!
memwatch $pp pb 20000
wait $pp
mark "bench: big-refused=$? avail=$(avail)"
