# rollback-hang: the trial boots from RAM and hangs without ever petting. The watchdog
# armed by the old firmware kept running through kexec, so the board resets and the old
# firmware boots again; where the driver reports boot status (virt), phramboot status
# says so.
#@ arches malta virt
#@ timeout 240
#@ boots 2
#@ expect @@BOOT old
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial: hanging now
#@ expect @@BOOT old
#@ expect.virt last reset: watchdog .*a trial was rolled back
#@ expect.malta last reset:
run phramboot status
mark "old: starting the trial"
phramboot --timeout 10 --open-timeout 15 /payload/bundles/hang
fail "phramboot returned $?: the trial did not start"
