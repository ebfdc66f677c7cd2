# drill-no-pstore: a board without a ramoops region. phramboot drill finds none to share
# (an empty --ramoops directory, as /sys/module/ramoops/parameters is on such a board),
# and pstore.backend=none keeps the payload's kernel off the region that virt's DTB
# names. The watchdog still resets the board; the old firmware's status says that the
# board came back but a failed trial would leave no log.
#@ arches malta virt
#@ skip.maltabe the same drill logic as drill-pass without a ramoops region; proven on the family's first board
#@ skip.arm64 the same drill logic as drill-pass without a ramoops region; proven on the family's first board
#@ timeout 240
#@ push bundles/drill
#@ boots 2
#@ writes-flash journal
#@ expect @@BOOT old
#@ expect @@ drill: starting one without a ramoops region
#@ expect phramboot-drill: started [0-9a-f]{16}
#@ expect @@BOOT old
#@ expect ^drill: failed: no pstore: the board came back from drill [0-9a-f]{16}, but it has no ramoops region
#@ expect @@ drill: the board came back, and status said pstore is missing
#@ reject phramboot-drill: no watchdog reset
line=$(drill_line)
case $line in
"drill: none"*)
	mkdir -p /tmp/no-ramoops
	mark "drill: starting one without a ramoops region"
	phramboot drill --ramoops /tmp/no-ramoops --append pstore.backend=none $B/drill
	fail "phramboot drill returned $?: the drill did not start" ;;
"drill: failed: no pstore"*)
	mark "drill: the board came back, and status said pstore is missing" ;;
*) fail "drill: status says: $line" ;;
esac
