# rollback-panic: the trial's init dies and its kernel panics; the board resets and the
# old firmware boots again.
#@ arches malta virt
#@ timeout 240
#@ push bundles/panic
#@ boots 2
#@ expect @@BOOT old
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect Kernel panic
#@ expect @@BOOT old
#@ expect ^last boot: trial [0-9a-f]{16} failed: kernel panic
run phramboot status
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 $B/panic
fail "phramboot returned $?: the trial did not start"
