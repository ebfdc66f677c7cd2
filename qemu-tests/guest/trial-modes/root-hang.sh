# root-hang: a trial that boots, proves where it runs from, then hangs without ever
# opening the watchdog. Only the watchdog can bring the old firmware back.
. /trial-modes/root-proof.sh
mark "trial: hanging now, never petting"
while :; do sleep 1000; done
