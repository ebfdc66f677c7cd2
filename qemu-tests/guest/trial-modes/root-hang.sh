# root-hang: a trial that boots, proves where it runs from, then hangs without ever
# opening the watchdog. Only the watchdog can bring the old firmware back.
. /trial-modes/root-proof.sh
mark "trial: hanging now, never petting"
# Through the kernel log, which pstore keeps: the old firmware must find it after the reset.
echo "phramboot-test: trial $id hangs here" >/dev/kmsg
while :; do sleep 1000; done
