# root-health: a trial whose health check passes for a while, then fails: the keepalive
# must stop petting so that the board resets into the old firmware.
. /trial-modes/root-proof.sh
touch /tmp/healthy
watchdog-arm --keepalive --health 'test -f /tmp/healthy' --interval 2 &
mark "trial: keepalive with health check started"
sleep 8
rm /tmp/healthy
mark "trial: health check now fails"
while :; do sleep 1000; done
