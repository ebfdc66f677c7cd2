# wd-no-request: the old system arms the watchdog but does not ask for it to survive
# kexec. As upstream, the watchdog is stopped across kexec (the core's reboot notifier:
# i6300esb, and ib700 converted to the core by the test patches), so a trial that never
# opens it stays up: no reset. The series changes nothing without the request.
#@ core
#@ arches malta virt
#@ skip.maltabe the watchdog core is the same code on every board; proven on the family's first board
#@ skip.arm64 the watchdog core is the same code on every board; proven on the family's first board
#@ timeout 120
#@ push payload
#@ expect @@BOOT old
#@ expect @@ wd: armed
#@ expect @@BOOT trial
#@ expect @@ trial: idle
#@ expect.malta @@ trial: still up after 20 s without opening the watchdog
#@ expect.virt @@ trial: still up after 30 s without opening the watchdog
case $(guest_arch) in
malta) con=console=ttyS0 ;;
*) con=console=ttyAMA0 ;;
esac
run kexec -l $P/kernel --initrd $P/trial.cpio.gz \
	--append "$con test.trial=wd-idle test.wait=$(proof_seconds) watchdog.open_timeout=5" ||
	fail "wd: kexec -l failed"
keep=/sys/class/watchdog/watchdog0/keep_running_on_restart
[ -f "$keep" ] || fail "wd: no $keep: kernel without the watchdog series (kernel-patches/)"
[ "$(cat "$keep")" = 0 ] || fail "wd: $keep is '$(cat "$keep")', not the default 0"
[ -c /dev/watchdog ] || fail "wd: no /dev/watchdog"
watchdog -T 10 -t 1000 -F /dev/watchdog &
sleep 1
kill -KILL $!
[ "$(cat "$keep")" = 0 ] || fail "wd: $keep reads '$(cat "$keep")' after arming, not 0"
mark "wd: armed 10 s, no keep-running request, kexec into a trial that never opens it"
kexec -e
fail "wd: kexec -e returned"
