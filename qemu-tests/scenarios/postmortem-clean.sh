# postmortem-clean: a good trial that ends in a normal reboot leaves no failure report,
# and neither does the old firmware's own reboot after it. Three boots: the old firmware
# starts the trial; after the trial reboots, it reports a clean end and reboots itself;
# then it reports a boot that was no trial.
#@ arches malta virt
#@ skip.maltabe the report logic is the same C; postmortem-hang and postmortem-panic cover this board's pstore
#@ skip.arm64 the report logic is the same C; postmortem-hang and postmortem-panic cover this board's pstore
#@ timeout 300
#@ push bundles/ok
#@ boots 3
#@ reject ^last boot: .*failed
#@ reject ^\|
#@ expect @@BOOT old
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial ok: still up
#@ expect reboot: Restarting system
#@ expect @@BOOT old
#@ expect ^last boot: trial [0-9a-f]{16} ended cleanly \(reboot: Restarting system\)
#@ expect @@ old: clean trial reported, rebooting
#@ expect @@BOOT old
#@ expect ^last boot: not a trial
#@ expect @@ old: no report after a plain reboot
phramboot status >/tmp/status
cat /tmp/status
if grep -q '^last boot: trial .* ended cleanly' /tmp/status; then
	mark "old: clean trial reported, rebooting"
	reboot -f
elif grep -q '^last boot: not a trial' /tmp/status; then
	mark "old: no report after a plain reboot"
	poweroff -f
fi
mark "old: starting the trial"
phramboot --timeout 10 --append "test.wait=12 test.end=reboot" $B/ok
fail "phramboot returned $?: the trial did not start"
