# commit-single: a trial proves fw-next, `phramboot commit` run in it over ssh (the
# managing host's way) writes it to the one slot, and after a power cycle U-Boot boots
# the new firmware from flash; its partitions hold the manifest's bytes exactly and
# `phramboot status` names the commit. virt uses its single-slot layout file.
#@ arches malta virt
#@ skip.arm64 commit-ab and commit-ubi write this board's flash with the same code; commit-single is proven on virt
#@ timeout 240
#@ boots 3
#@ push bundles/fw-next
#@ writes-flash.malta kernel_a rootfs_a journal
#@ writes-flash.virt kernel_a rootfs_a journal ubi
#@ powercut @@ commit-single: committed, pull the plug
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* ssh up fw=factory
#@ expect ^phramboot: starting trial [0-9a-f]{16}
#@ expect @@BOOT old .* ssh up fw=next slot= trial=[0-9a-f]{16}
#@ expect ^phramboot: kernel -> [^ ]*: [0-9]+ bytes, [0-9]+ units?, [1-9][0-9]* written
#@ expect ^phramboot: rootfs -> [^ ]*: [0-9]+ bytes, [0-9]+ units?, [1-9][0-9]* written
#@ expect ^phramboot: committed trial [0-9a-f]{16}: the flash holds it
#@ expect @@ commit-single: committed, pull the plug
#@ expect ^@@HOST power cut
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* ssh up fw=next slot=a trial=$
#@ expect ^flash: running [0-9a-f]{16}, committed from trial [0-9a-f]{16}$
#@ expect @@ commit-single: flash holds fw-next, byte for byte
#@ reject ^phramboot: fatal
L=
[ "$(guest_arch)" != virt ] || L="--layout /etc/phramboot/layout.single"
want=$(bundle_id $B/fw-next)
case $(boot_state) in
factory)
	phramboot --timeout 15 $B/fw-next
	fail "phramboot returned $?: the trial did not start" ;;
"trial $want")
	run phramboot commit $L || fail "commit-single: commit exited $rc"
	mark "commit-single: committed, pull the plug"
	stop_here ;;
next)
	phramboot status $L | tee /tmp/status
	grep -q "committed from trial $want" /tmp/status || fail "commit-single: status does not name $want"
	why=$(flash_matches $B/fw-next a) || fail "commit-single: $why"
	mark "commit-single: flash holds fw-next, byte for byte"
	poweroff -f ;;
*) fail "commit-single: unexpected boot: $(boot_state)" ;;
esac
