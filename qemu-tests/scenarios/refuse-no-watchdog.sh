# refuse-no-watchdog: without a watchdog a hung trial could never roll back, so phramboot
# refuses unless told --no-watchdog.
#@ arches malta virt
#@ skip.maltabe the watchdog lookup is the same C; proven on the family's first board
#@ skip.arm64 the watchdog lookup is the same C; proven on the family's first board
#@ timeout 120
#@ push bundles/ok
#@ nowatchdog
#@ expect @@BOOT old
#@ expect @@ refused with exit 4: phramboot: .*watchdog
#@ reject @@BOOT trial
# ib700 has no presence check: its driver registers /dev/watchdog on malta with or
# without QEMU's device. Removing the nodes makes the board one without a watchdog.
rm -f /dev/watchdog*
expect_refusal 4 phramboot --timeout 10 $B/ok
