# bench-big: does an image of bench.mib= MiB boot? The bundle is made on the root tmpfs
# by moving the payload's files there, its padding sparse (lib.sh mkbundle), so that it
# is in RAM once; the root tmpfs may grow past its default half of RAM. The trial must
# reach user space with its root on phram.
. /bench/lib.sh
mib=$(cmdline_arg bench.mib) || fail "bench: no bench.mib= on the command line"
mount -o remount,size=95% / || fail "bench: cannot grow the root tmpfs"
mkbundle /b "big-$mib" move
mark "bench: big=$mib avail=$(avail) initramfs-kib=$(du -skx / | cut -f1)"
phramboot --timeout 10 /b
mark "bench: big-refused=$? avail=$(avail)"
