# postmortem-hang: the trial's init writes a known line to the kernel log and hangs. The
# watchdog resets the board; the line survives the reset and U-Boot (which relocates
# itself to the top of RAM, clear of the ramoops region): back in the old firmware,
# phramboot status, over ssh, says the trial never shut down and shows that very line,
# the trial's last, in the tail of its log.
#@ arches malta virt
#@ timeout 240
#@ push bundles/hang
#@ boots 2
#@ expect @@BOOT old
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial: hanging now
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* ssh up
#@ expect ^last boot: trial [0-9a-f]{16} failed: it never shut down
#@ expect ^\| .*phramboot-test: trial [0-9a-f]{16} hangs here
#@ expect @@ old: post-mortem shown
if after_trial; then
	# The very line the trial wrote last, not just any line of its log.
	last=$(phramboot status --log | grep 'phramboot-test: trial .* hangs here' | tail -n1)
	[ -n "$last" ] || fail "postmortem-hang: the trial's last line is not in phramboot status --log"
	mark "old: post-mortem shown: ${last#*] }"
	poweroff -f
fi
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 $B/hang
fail "phramboot returned $?: the trial did not start"
