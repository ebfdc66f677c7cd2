# wd-no-request: the old system arms the watchdog but does not ask for it to survive
# kexec. As upstream, the watchdog is stopped across kexec (ib700's shutdown hook, the
# i6300esb reboot notifier), so a trial that never opens it stays up: no reset.
#@ arches malta virt
#@ timeout 120
#@ push payload
#@ expect @@BOOT old
#@ expect @@ wd: armed
#@ expect @@BOOT trial
#@ expect @@ trial: idle
#@ expect @@ trial: still up after 35 s without opening the watchdog
case $(guest_arch) in
malta) con=console=ttyS0 ;;
*) con=console=ttyAMA0 ;;
esac
run kexec -l $P/kernel --initrd $P/trial.cpio.gz \
	--append "$con test.trial=wd-idle test.wait=35 watchdog.open_timeout=5" ||
	fail "wd: kexec -l failed"
knob=/sys/module/watchdog/parameters/stop_on_reboot
[ "$(cat "$knob")" = -1 ] || fail "wd: stop_on_reboot is '$(cat "$knob")', not the default -1"
[ -c /dev/watchdog ] || fail "wd: no /dev/watchdog"
watchdog -T 10 -t 1000 -F /dev/watchdog &
sleep 1
kill -KILL $!
mark "wd: armed 10 s, no keep-running request, kexec into a trial that never opens it"
kexec -e
fail "wd: kexec -e returned"
