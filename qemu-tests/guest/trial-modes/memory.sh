# memory: the trial of router-memory. Its bundle's DTB said 128 MiB; the board has 256.
# MemTotal is the RAM less the kernel image and early reservations (and 1 MiB ramoops):
# well above 128 MiB means the board's RAM reached this kernel.
. /trial-modes/root-proof.sh
mem=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
[ "$mem" -gt 230000 ] || fail "router-memory: MemTotal is $mem kB: the trial got the bundle's 128 MiB, not the board's RAM"
mark "router-memory: the trial has MemTotal $mem kB of the board's 262144 kB"
