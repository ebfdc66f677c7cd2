# postmortem-hang: the trial's init writes a known line to the kernel log and hangs. The
# watchdog resets the board; back in the old firmware, phramboot status says the trial
# never shut down and shows that line in the tail of the trial's log.
#@ arches malta virt
#@ timeout 240
#@ push bundles/hang
#@ boots 2
#@ expect @@BOOT old
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial: hanging now
#@ expect @@BOOT old
#@ expect ^last boot: trial [0-9a-f]{16} failed: it never shut down
#@ expect ^\| .*phramboot-test: trial [0-9a-f]{16} hangs here
#@ expect @@ old: post-mortem shown
if after_trial; then
	phramboot status --log | grep -q 'phramboot-test: trial .* hangs here' ||
		fail "phramboot status --log lacks the trial's last line"
	mark "old: post-mortem shown"
	poweroff -f
fi
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 $B/hang
fail "phramboot returned $?: the trial did not start"
