# wd-across-kexec-pet: as wd-across-kexec-hang, but the trial's userspace opens the
# watchdog and pets it. The board must stay up for more than 3x the 10 s timeout.
#@ arches malta virt
#@ timeout 120
#@ push payload
#@ expect @@BOOT old
#@ expect @@ wd: armed
#@ expect @@BOOT trial
#@ expect @@ trial: petting
#@ expect @@ trial: still up after 35 s of petting
case $(guest_arch) in
malta) con=console=ttyS0 ;;
*) con=console=ttyAMA0 ;;
esac
run kexec -l $P/kernel --initrd $P/trial.cpio.gz \
	--append "$con test.trial=wd-pet test.wait=35 watchdog.open_timeout=5" ||
	fail "wd: kexec -l failed"
knob=/sys/module/watchdog/parameters/stop_on_reboot
echo 0 >"$knob" 2>/dev/null
[ "$(cat "$knob")" = 0 ] || fail "wd: kernel lacks run-time watchdog.stop_on_reboot (kernel-patches/)"
[ -c /dev/watchdog ] || fail "wd: no /dev/watchdog"
watchdog -T 10 -t 1000 -F /dev/watchdog &
sleep 1
kill -KILL $!
mark "wd: armed 10 s, stop_on_reboot=0, kexec into a trial that pets it"
kexec -e
fail "wd: kexec -e returned"
