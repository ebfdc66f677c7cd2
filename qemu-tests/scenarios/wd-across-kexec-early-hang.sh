# wd-across-kexec-early-hang: as wd-across-kexec-hang, but the trial kernel hangs in a
# core initcall, before any watchdog driver probes (test-only hook
# phramboot_test.early_hang=1, qemu-tests/kernel/test-patches). Only the timer the old
# kernel left running can reset the board.
#@ core
#@ arches malta virt
#@ skip.maltabe the same watchdog device keeps counting whatever the CPU runs; proven on the family's first board
#@ skip.arm64 the same watchdog device keeps counting whatever the CPU runs; proven on the family's first board
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
# The watchdog series' per-device request (kernel-patches/): /dev/watchdog is watchdog0.
keep=/sys/class/watchdog/watchdog0/keep_running_on_restart
[ -f "$keep" ] || fail "wd: no $keep: kernel without the watchdog series (kernel-patches/)"
echo 1 >"$keep" || fail "wd: unable to write 1 to $keep"
[ -c /dev/watchdog ] || fail "wd: no /dev/watchdog"
watchdog -T 10 -t 1000 -F /dev/watchdog &
sleep 1
kill -KILL $!
[ "$(cat "$keep")" = 1 ] || fail "wd: $keep reads '$(cat "$keep")' after arming, not 1"
mark "wd: armed 10 s, keep_running_on_restart=1, kexec into a kernel that hangs early"
kexec -e
fail "wd: kexec -e returned"
