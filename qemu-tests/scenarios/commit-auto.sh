# commit-auto: the trial commits itself. Booted with test.autocommit=20 (the firmware's
# init then runs watchdog-arm --keepalive --health true --healthy-for 20 --then
# 'phramboot commit'), it writes itself to slot b once healthy for 20 s; nothing is
# written before. The manual way (ssh router phramboot commit) is every other commit
# scenario.
#@ arches virt
#@ skip.arm64 the trial's own commit runs commit-ab's code path; proven on the family's first board
#@ timeout 240
#@ boots 2
#@ push bundles/fw-next
#@ writes-flash u-boot-env u-boot-env-redund kernel_b dtb_b rootfs_b journal ubi
#@ expect @@BOOT old .* ssh up fw=factory
#@ expect @@BOOT old .* fw=next slot= trial=[0-9a-f]{16}
#@ expect @@ commit-auto: not committed yet
#@ expect ^watchdog-arm: healthy for 20 s: running phramboot commit
#@ expect ^phramboot: committed trial [0-9a-f]{16} to slot b
#@ expect ^watchdog-arm: phramboot commit --quiet: exit 0
#@ expect @@ commit-auto: slot b holds fw-next, try_slot=b
#@ reject ^phramboot: fatal
case $(boot_state) in
factory)
	phramboot --timeout 15 --append test.autocommit=20 $B/fw-next
	fail "phramboot returned $?: the trial did not start" ;;
trial*)
	phramboot status | grep '^flash:'
	phramboot status | grep -q '^flash: as installed' || fail "commit-auto: something was committed before the trial was healthy"
	mark "commit-auto: not committed yet"
	t=0
	until [ "$(env_var try_slot)" = b ]; do
		t=$((t + 1))
		[ $t -lt 60 ] || fail "commit-auto: no commit after 60 s"
		sleep 1
	done
	sleep 2
	why=$(flash_matches $B/fw-next b) || fail "commit-auto: $why"
	mark "commit-auto: slot b holds fw-next, try_slot=b"
	poweroff -f ;;
*) fail "commit-auto: unexpected boot: $(boot_state)" ;;
esac
