# commit-ab: on the A/B layout, commit writes only the inactive slot (b), switches U-Boot
# to it with one redundant-environment write, and slot b boots the new firmware, which
# confirms itself. Then fw-broken: its trial is healthy and commits (to slot a, now the
# inactive one), but the root it flashed has no /init: booted from flash its kernel
# panics, U-Boot falls back to slot b, and status says slot a did not confirm.
#@ arches virt
#@ timeout 420
#@ boots 5
#@ push bundles/fw-next bundles/fw-broken
#@ writes-flash u-boot-env u-boot-env-redund kernel_a rootfs_a kernel_b dtb_b rootfs_b journal ubi
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* ssh up fw=factory slot=a trial=$
#@ expect ^phramboot: starting trial
#@ expect @@BOOT old .* fw=next slot= trial=[0-9a-f]{16}
#@ expect ^phramboot: rootfs -> mtd:rootfs_b: [0-9]+ bytes
#@ expect ^phramboot: committed trial [0-9a-f]{16} to slot b
#@ expect @@ commit-ab: fw-next committed to slot b, slot a untouched; rebooting
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect ^phramboot: slot b confirmed
#@ expect @@BOOT old .* ssh up fw=next slot=b trial=$
#@ expect ^flash: running [0-9a-f]{16} from slot b, committed from trial
#@ expect @@ commit-ab: slot b runs fw-next; now the broken one
#@ expect @@BOOT old .* fw=next slot= trial=[0-9a-f]{16}
#@ expect ^phramboot: committed trial [0-9a-f]{16} to slot a
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect Kernel panic - not syncing
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* ssh up fw=next slot=b trial=$
#@ expect ^flash: slot a holds [0-9a-f]{16} \(committed from trial [0-9a-f]{16}\) but its boot did not confirm it: slot b boots
#@ expect @@ commit-ab: slot a panicked, U-Boot fell back to slot b
#@ reject ^phramboot: fatal
next=$(bundle_id $B/fw-next)
broken=$(bundle_id $B/fw-broken)
case $(boot_state) in
factory)
	[ "$(env_var boot_slot)" = a ] || fail "commit-ab: the factory board does not boot slot a"
	phramboot --timeout 15 $B/fw-next
	fail "phramboot returned $?: the trial did not start" ;;
"trial $next")
	run phramboot commit || fail "commit-ab: commit exited $rc"
	[ "$(env_var try_slot)" = b ] || fail "commit-ab: try_slot is '$(env_var try_slot)', not b"
	[ "$(env_var boot_slot)" = a ] || fail "commit-ab: boot_slot changed before slot b booted"
	why=$(flash_matches $B/fw-next b) || fail "commit-ab: $why"
	# The factory firmware in slot a: its kernel is not fw-next's.
	[ "$(slot_holds a fw-next)" = neither ] || fail "commit-ab: slot a was written"
	mark "commit-ab: fw-next committed to slot b, slot a untouched; rebooting"
	reboot -f ;;
"trial $broken")
	run phramboot commit || fail "commit-ab: commit of fw-broken exited $rc"
	[ "$(env_var try_slot)" = a ] || fail "commit-ab: try_slot is '$(env_var try_slot)', not a"
	reboot -f ;;
next)
	phramboot status | tee /tmp/status
	[ "$(cmdline_arg phramboot.slot)" = b ] || fail "commit-ab: fw-next runs from slot $(cmdline_arg phramboot.slot)"
	[ "$(env_var boot_slot)" = b ] || fail "commit-ab: slot b is running but boot_slot is $(env_var boot_slot)"
	if grep -q "^flash: slot a holds $broken" /tmp/status; then
		mark "commit-ab: slot a panicked, U-Boot fell back to slot b"
		poweroff -f
	fi
	grep -q "^flash: running $next from slot b" /tmp/status || fail "commit-ab: status does not name $next in slot b"
	mark "commit-ab: slot b runs fw-next; now the broken one"
	phramboot --timeout 15 $B/fw-broken
	fail "phramboot returned $?: the trial of fw-broken did not start" ;;
*) fail "commit-ab: unexpected boot: $(boot_state)" ;;
esac
