# watchdog-reset: arm the watchdog without kexec and never pet it. The machine must reset
# and the original firmware (QEMU's -kernel/-initrd) boot a second time. Proves the
# harness sees a rollback before anything depends on it.
#@ arches malta virt
#@ skip.maltabe the same watchdog device as the family's first board; rollback-hang proves it resets this board
#@ skip.arm64 the same watchdog device as the family's first board; rollback-hang proves it resets this board
#@ timeout 120
#@ boots 2
#@ expect @@BOOT old
#@ expect @@ watchdog armed
#@ expect @@BOOT old
[ -c /dev/watchdog ] || fail "no /dev/watchdog"
# busybox watchdog sets the timeout and pets once; SIGKILL leaves without the magic 'V',
# so the timer keeps running with nobody petting it.
watchdog -T 10 -t 1000 -F /dev/watchdog &
sleep 2
kill -KILL $!
mark "watchdog armed, 10 s, not petting"
sleep 300
fail "still running 300 s after arming: no watchdog reset"
