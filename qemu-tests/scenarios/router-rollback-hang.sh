# router-rollback-hang: a trial that hangs. The watchdog, armed by the old firmware and
# kept running through kexec, resets the board: U-Boot runs again from flash, loads the
# old kernel from its partition, and the old firmware boots from the same flash, with
# ssh; phramboot status there says the trial was rolled back.
#@ arches malta virt
#@ timeout 240
#@ boots 2
#@ push bundles/hang
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* squashfs ssh up
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial: hanging now
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect ^## Booting kernel from Legacy Image
#@ expect @@BOOT old .* root=/dev/root squashfs ssh up
#@ expect @@RUN router-rollback-hang over ssh
#@ expect ^last boot: trial [0-9a-f]{16} failed: it never shut down
#@ expect @@ old: back from flash after the rollback
if after_trial; then
	mark "old: back from flash after the rollback"
	poweroff -f
fi
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 /tmp/bundles/hang
fail "phramboot returned $?: the trial did not start"
