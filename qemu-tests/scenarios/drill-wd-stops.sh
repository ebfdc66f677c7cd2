# drill-wd-stops: a board whose old kernel stops the watchdog at kexec. Here kexec -e
# runs through a wrapper that takes the keep-running request back first (writes 0 to
# /sys/class/watchdog/watchdog0/keep_running_on_restart), as a kernel without
# kernel-patches/ or a driver whose shutdown hook stops the timer would. The payload
# waits its budget, says the watchdog did not fire and reboots the board itself; the old
# firmware's status reports the watchdog stopped across kexec, and drill --result exits 4.
#@ arches malta virt
#@ skip.maltabe the old kernel's watchdog stop is core code shared by every board; proven on the family's first board
#@ skip.arm64 the old kernel's watchdog stop is core code shared by every board; proven on the family's first board
#@ timeout 240
#@ push bundles/drill
#@ boots 2
#@ writes-flash journal
#@ expect @@BOOT old
#@ expect @@ drill: starting one whose kexec stops the watchdog
#@ expect phramboot-drill: started [0-9a-f]{16} budget=45
#@ expect phramboot-drill: no watchdog reset [0-9a-f]{16} up=4[5-9]: rebooting
#@ expect @@BOOT old
#@ expect ^drill: failed: the watchdog was stopped across kexec: drill [0-9a-f]{16} waited 4[5-9] s
#@ expect @@ drill: the payload rebooted the board itself, and status said why
line=$(drill_line)
case $line in
"drill: none"*)
	kexec=$(command -v kexec) || fail "drill: no kexec on this firmware"
	printf '#!/bin/sh\n[ "$1" = -e ] && echo 0 >/sys/class/watchdog/watchdog0/keep_running_on_restart\nexec %s "$@"\n' \
		"$kexec" >/tmp/kexec-stops-wd
	chmod 755 /tmp/kexec-stops-wd
	mark "drill: starting one whose kexec stops the watchdog"
	phramboot drill --kexec /tmp/kexec-stops-wd $B/drill
	fail "phramboot drill returned $?: the drill did not start" ;;
"drill: failed: the watchdog was stopped"*)
	phramboot drill --result >/dev/null
	rc=$?
	[ $rc = 4 ] || fail "drill --result exited $rc after a failed drill, want 4"
	mark "drill: the payload rebooted the board itself, and status said why" ;;
*) fail "drill: status says: $line" ;;
esac
