# router-flash-untouched: nothing a trial does writes the flash. The host hashes every
# partition of the board's flash (and malta's disk) before it powers the board on and
# after the rollback; the harness compares them (it does for every scenario; this one
# makes the trial and its rollback the whole story, with both lists in the log).
#@ arches malta virt
#@ skip.maltabe every run hashes the flash before and after; this one adds nothing on a second board
#@ skip.arm64 every run hashes the flash before and after; this one adds nothing on a second board
#@ timeout 240
#@ boots 2
#@ push bundles/hang
#@ expect ^@@HOST flash before: u-boot=[0-9a-f]{12} u-boot-env=[0-9a-f]{12} (u-boot-env-redund=[0-9a-f]{12} )?kernel_a=[0-9a-f]{12}
#@ expect @@BOOT old .* ssh up
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial: hanging now
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* ssh up
#@ expect ^last boot: trial [0-9a-f]{16} failed: it never shut down
#@ expect @@ old: rolled back; the host compares the flash now
if after_trial; then
	mark "old: rolled back; the host compares the flash now"
	poweroff -f
fi
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 /tmp/bundles/hang
fail "phramboot returned $?: the trial did not start"
