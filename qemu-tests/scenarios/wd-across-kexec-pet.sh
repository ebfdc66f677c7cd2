# wd-across-kexec-pet: as wd-across-kexec-hang, but the trial's userspace opens the
# watchdog and pets it. The board must stay up longer than an unpetted 10 s timer would
# let it (proof_seconds, in /lib/test.sh).
#@ core
#@ arches malta virt
#@ skip.maltabe the watchdog core and driver are the same; trial-ok proves the trial pets it on this board
#@ skip.arm64 the watchdog core and driver are the same; trial-ok proves the trial pets it on this board
#@ timeout 120
#@ push payload
#@ expect @@BOOT old
#@ expect @@ wd: armed
#@ expect @@BOOT trial
#@ expect @@ trial: petting
#@ expect.malta @@ trial: still up after 20 s of petting
#@ expect.virt @@ trial: still up after 30 s of petting
case $(guest_arch) in
malta) con=console=ttyS0 ;;
*) con=console=ttyAMA0 ;;
esac
run kexec -l $P/kernel --initrd $P/trial.cpio.gz \
	--append "$con test.trial=wd-pet watchdog.open_timeout=5" ||
	fail "wd: kexec -l failed"
# The watchdog series' per-device request (kernel-patches/): /dev/watchdog is watchdog0.
keep=/sys/class/watchdog/watchdog0/keep_running_on_restart
[ -f "$keep" ] || fail "wd: no $keep: kernel without the watchdog series (kernel-patches/)"
echo 1 >"$keep" || fail "wd: unable to write 1 to $keep"
[ -c /dev/watchdog ] || fail "wd: no /dev/watchdog"
watchdog -T 10 -t 1000 -F /dev/watchdog &
sleep 1
kill -KILL $!
[ "$(cat "$keep")" = 1 ] || fail "wd: $keep reads '$(cat "$keep")' after arming, not 1"
mark "wd: armed 10 s, keep_running_on_restart=1, kexec into a trial that pets it"
kexec -e
fail "wd: kexec -e returned"
