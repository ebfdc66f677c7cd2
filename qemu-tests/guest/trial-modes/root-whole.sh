# root-whole: root-ok for a root image that phramboot receive wrote into a staging
# region: every byte of the image, read back through the trial's own phram, hashes to
# what the build signed (test.rootsize, test.rootsha: its signed command line). That is
# the cache-coherency proof: the old kernel wrote the region through one mapping, this
# kernel reads it through another.
. /trial-modes/root-proof.sh
wait=$(cmdline_arg test.wait) || wait=$(proof_seconds)
# Pet first: hashing 130 MiB takes longer than the watchdog's timeout here.
watchdog-arm --keepalive --health true --interval 2 &
mark "trial: keepalive started (pid $!)"
size=$(cmdline_arg test.rootsize) want=$(cmdline_arg test.rootsha)
got=$(head -c "$size" "/dev/mtdblock$mtd" | sha256sum | cut -c1-64)
[ "$got" = "$want" ] || fail "trial: the root image in RAM hashes to $got, the signed one to $want"
mark "trial: all $size bytes of the root image in RAM match the signed SHA-256"
sleep "$wait"
kill -0 $! 2>/dev/null || fail "trial: watchdog-arm --keepalive exited"
mark "trial ok: still up after $wait s, watchdog petted"
