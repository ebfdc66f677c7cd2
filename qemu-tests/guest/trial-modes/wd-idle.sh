# wd-idle: a trial whose userspace never opens the watchdog. It reports what the kernel
# says about the watchdog, then idles test.wait seconds (default 600) and says so. With
# the watchdog kept across kexec the board resets first; without, the line appears.
wait=$(cmdline_arg test.wait) || wait=600
for f in identity state timeout bootstatus; do
	[ -r /sys/class/watchdog/watchdog0/$f ] &&
		echo "trial: watchdog0 $f: $(cat /sys/class/watchdog/watchdog0/$f)"
done
mark "trial: idle, never opening the watchdog, for $wait s"
t=0
while [ "$t" -lt "$wait" ]; do
	sleep 5
	t=$((t + 5))
done
mark "trial: still up after $wait s without opening the watchdog"
