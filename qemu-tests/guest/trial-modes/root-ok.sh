# root-ok: a healthy trial. It proves where it runs from, then keeps the watchdog petted
# through watchdog-arm's keepalive for test.wait seconds (default proof_seconds, in
# /lib/test.sh: longer than the 10 s timeout the old firmware armed takes to reset the
# board, by half again at least), then powers off.
. /trial-modes/root-proof.sh
wait=$(cmdline_arg test.wait) || wait=$(proof_seconds)
watchdog-arm --keepalive --health true --interval 2 &
mark "trial: keepalive started (pid $!)"
sleep "$wait"
kill -0 $! 2>/dev/null || fail "trial: watchdog-arm --keepalive exited"
mark "trial ok: still up after $wait s, watchdog petted"
# test.end=reboot: end with a normal reboot instead of a power-off (postmortem-clean).
if [ "$(cmdline_arg test.end)" = reboot ]; then
	kill $!
	reboot -f
fi
