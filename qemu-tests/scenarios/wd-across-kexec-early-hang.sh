# wd-across-kexec-early-hang: as wd-across-kexec-hang, but the trial kernel hangs in a
# core initcall, before any watchdog driver probes (test-only hook
# phramboot_test.early_hang=1, qemu-tests/kernel/test-patches). Only the timer the old
# kernel left running can reset the board.
#@ arches malta virt
#@ timeout 120
#@ push payload
#@ boots 2
#@ expect @@BOOT old
#@ expect @@ wd: armed
#@ expect phramboot_test: hanging before any watchdog driver probes
#@ expect @@BOOT old
#@ reject @@BOOT trial
case $(guest_arch) in
malta) con="console=ttyS0 earlycon=uart8250,io,0x3f8" ;;
*) con="console=ttyAMA0 earlycon=pl011,0x9000000" ;;
esac
# earlycon: the hang comes before the serial driver registers its console.
run kexec -l $P/kernel --initrd $P/trial.cpio.gz \
	--append "$con phramboot_test.early_hang=1 test.trial=wd-idle" ||
	fail "wd: kexec -l failed"
knob=/sys/module/watchdog/parameters/stop_on_reboot
echo 0 >"$knob" 2>/dev/null
[ "$(cat "$knob")" = 0 ] || fail "wd: kernel lacks run-time watchdog.stop_on_reboot (kernel-patches/)"
[ -c /dev/watchdog ] || fail "wd: no /dev/watchdog"
watchdog -T 10 -t 1000 -F /dev/watchdog &
sleep 1
kill -KILL $!
mark "wd: armed 10 s, stop_on_reboot=0, kexec into a kernel that hangs early"
kexec -e
fail "wd: kexec -e returned"
