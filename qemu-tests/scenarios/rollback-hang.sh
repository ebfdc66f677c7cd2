# rollback-hang: the trial boots from RAM and hangs without ever petting. The watchdog
# armed by the old firmware kept running through kexec, so the board resets: U-Boot runs
# again from flash, loads the old kernel from its partition, and the old firmware boots
# from the same flash, with ssh. phramboot status says so: from the trial's console log, which
# pstore/ramoops kept across the reset, and where the driver reports boot status (virt),
# from the watchdog too.
#@ core
#@ arches malta virt
#@ timeout 240
#@ push bundles/hang
#@ boots 2
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* squashfs ssh up
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial: hanging now
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect ^## Booting kernel from Legacy Image
#@ expect @@BOOT old .* root=/dev/root squashfs ssh up
#@ expect.virt last reset: watchdog .*a trial was rolled back
#@ expect ^last boot: trial [0-9a-f]{16} failed: it never shut down
run phramboot status
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 $B/hang
fail "phramboot returned $?: the trial did not start"
