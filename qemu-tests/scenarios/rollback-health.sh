# rollback-health: the trial boots and pets while its health check passes; when the check
# fails, watchdog-arm stops petting, the board resets and the old firmware boots again.
#@ arches malta virt
#@ skip.maltabe the health check is userspace logic; rollback-hang and rollback-panic cover this board's reset paths
#@ skip.arm64 the health check is userspace logic; rollback-hang and rollback-panic cover this board's reset paths
#@ timeout 240
#@ push bundles/health
#@ boots 2
#@ expect @@BOOT old
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial: keepalive with health check started
#@ expect @@ trial: health check now fails
#@ expect @@BOOT old
#@ expect ^last boot: trial [0-9a-f]{16} failed: it never shut down
run phramboot status
mark "old: starting the trial"
phramboot --timeout 10 $B/health
fail "phramboot returned $?: the trial did not start"
