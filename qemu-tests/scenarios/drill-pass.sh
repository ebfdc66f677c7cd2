# drill-pass: a drill on a working board. phramboot drill arms the watchdog as for a
# trial and kexecs into the drill payload, which never pets it; the watchdog resets the
# board, the old firmware boots from flash, and its status says passed, with how long the
# payload's kernel was up. The result is kept: drill --result says it again, from the
# journal, and exits 0.
#@ arches malta virt
#@ timeout 240
#@ push bundles/drill
#@ boots 2
#@ writes-flash journal
#@ expect @@BOOT old
#@ expect ^drill: none on this board yet
#@ expect @@ drill: starting one
#@ expect phramboot: drill [0-9a-f]{16} recorded in the journal; it waits up to 45 s
#@ expect phramboot-drill: started [0-9a-f]{16} budget=45
#@ expect phramboot-drill: waiting [0-9a-f]{16} up=[0-9]+
#@ expect @@BOOT old
#@ expect ^drill: passed: the watchdog reset the board [0-9]+ s into drill [0-9a-f]{16} \(timeout 10 s\), the old firmware is back, pstore kept the log
#@ expect @@ drill: passed after [0-9]+ s, kept in the journal
#@ reject phramboot-drill: no watchdog reset
line=$(drill_line)
case $line in
"drill: none"*)
	mark "drill: starting one"
	phramboot drill $B/drill
	fail "phramboot drill returned $?: the drill did not start" ;;
"drill: passed"*)
	phramboot drill --result >/tmp/result
	rc=$?
	cat /tmp/result
	[ $rc = 0 ] || fail "drill --result exited $rc after a drill that passed"
	grep -q '^drill: passed' /tmp/result || fail "drill --result does not keep the pass: $(cat /tmp/result)"
	mark "drill: passed after $(echo "$line" | sed -n 's/.*board \([0-9]*\) s into.*/\1/p') s, kept in the journal" ;;
*) fail "drill: status says: $line" ;;
esac
