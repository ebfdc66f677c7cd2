# postmortem-panic: the trial's kernel panics. Its console, kept in the pstore/ramoops
# region the old firmware shared with it, survives the reset: back in the old firmware,
# phramboot status names the trial and shows its panic message.
#@ arches malta virt
#@ timeout 240
#@ push bundles/panic
#@ boots 2
#@ expect @@BOOT old
#@ expect ^last boot: unknown
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect Kernel panic - not syncing: Attempted to kill init
#@ expect @@BOOT old
#@ expect ^last boot: trial [0-9a-f]{16} failed: kernel panic: Attempted to kill init
#@ expect ^\| .*Kernel panic - not syncing|^\| .*end Kernel panic
#@ expect @@ old: post-mortem shown
if after_trial; then
	mark "old: post-mortem shown"
	poweroff -f
fi
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 $B/panic
fail "phramboot returned $?: the trial did not start"
