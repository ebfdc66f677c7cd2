# router-postmortem: the trial's last console line survives the watchdog reset and
# U-Boot (which relocates itself to the top of RAM, clear of the ramoops region): back
# on the old firmware, phramboot status, over ssh, shows it.
#@ arches malta virt
#@ timeout 240
#@ boots 2
#@ push bundles/hang
#@ expect @@BOOT old .* ssh up
#@ expect @@ old: starting the trial
#@ expect @@ trial: hanging now
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* ssh up
#@ expect ^last boot: trial [0-9a-f]{16} failed: it never shut down
#@ expect ^\| .*phramboot-test: trial [0-9a-f]{16} hangs here
#@ expect @@ old: the trial's last line came through U-Boot
if after_trial; then
	# The very line the trial wrote last, not just any line of its log.
	last=$(phramboot status --log | grep 'phramboot-test: trial .* hangs here' | tail -n1)
	[ -n "$last" ] || fail "router-postmortem: the trial's last line is not in phramboot status --log"
	mark "old: the trial's last line came through U-Boot: ${last#*] }"
	poweroff -f
fi
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 /tmp/bundles/hang
fail "phramboot returned $?: the trial did not start"
