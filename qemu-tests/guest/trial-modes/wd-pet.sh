# wd-pet: a trial that takes the watchdog over and pets it: busybox watchdog sets a
# 10 s timeout and pets every 2 s. It reports after test.wait seconds (default
# proof_seconds: longer than an unpetted timer takes to reset the board) that the board
# stayed up, then stops petting cleanly.
wait=$(cmdline_arg test.wait) || wait=$(proof_seconds)
[ -c /dev/watchdog ] || fail "trial: no /dev/watchdog"
watchdog -T 10 -t 2 -F /dev/watchdog &
pet=$!
mark "trial: petting the watchdog every 2 s (timeout 10 s) for $wait s"
t=0
while [ "$t" -lt "$wait" ]; do
	sleep 5
	t=$((t + 5))
	kill -0 "$pet" 2>/dev/null || fail "trial: busybox watchdog exited"
done
mark "trial: still up after $wait s of petting"
# SIGTERM makes busybox watchdog write the magic 'V' and stop the timer.
kill -TERM "$pet"
wait "$pet"
