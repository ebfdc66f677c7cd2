# wd-across-kexec-hang: the old system arms the watchdog, asks for it to survive kexec
# (1 in its /sys/class/watchdog/watchdog0/keep_running_on_restart) and kexecs into a
# trial whose userspace never opens it. The board must reset and the original firmware
# boot again.
#@ core
#@ arches malta virt
#@ skip.maltabe the watchdog core and driver are the same; rollback-hang proves the watchdog survives kexec on this board
#@ skip.arm64 the watchdog core and driver are the same; rollback-hang proves the watchdog survives kexec on this board
#@ timeout 150
#@ push payload
#@ boots 2
#@ expect @@BOOT old
#@ expect @@ wd: armed
#@ expect @@BOOT trial
#@ expect @@ trial: idle
#@ expect @@BOOT old
#@ reject trial: still up
case $(guest_arch) in
malta) con=console=ttyS0 ;;
*) con=console=ttyAMA0 ;;
esac
# open_timeout bounds how long the trial kernel feeds a timer it found running (i6300esb
# reports WDOG_HW_RUNNING) while its userspace has not opened the device.
run kexec -l $P/kernel --initrd $P/trial.cpio.gz \
	--append "$con test.trial=wd-idle test.wait=100 watchdog.open_timeout=5" ||
	fail "wd: kexec -l failed"
# The watchdog series' per-device request (kernel-patches/): /dev/watchdog is watchdog0.
keep=/sys/class/watchdog/watchdog0/keep_running_on_restart
[ -f "$keep" ] || fail "wd: no $keep: kernel without the watchdog series (kernel-patches/)"
echo 1 >"$keep" || fail "wd: unable to write 1 to $keep"
[ -c /dev/watchdog ] || fail "wd: no /dev/watchdog"
# busybox watchdog sets the timeout and pets once; SIGKILL leaves without the magic 'V',
# so the timer keeps running with nobody petting it.
watchdog -T 10 -t 1000 -F /dev/watchdog &
sleep 1
kill -KILL $!
[ "$(cat "$keep")" = 1 ] || fail "wd: $keep reads '$(cat "$keep")' after arming, not 1"
mark "wd: armed 10 s, keep_running_on_restart=1, kexec into a trial that never opens it"
kexec -e
fail "wd: kexec -e returned"
