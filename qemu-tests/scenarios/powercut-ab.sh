# powercut-ab: the power goes at every step of an A/B commit. Each of the 25 runs
# boots the factory firmware, starts the trial of fw-next, and cuts at its own point:
# before each journal record (two of them torn half way), before the first erase,
# the first write and the last write of each partition, before the UBI volume's resize
# and update, before the environment switch, and after the end. Powered on again, the
# board must boot, the slot it boots must hold the old or the new bundle exactly, and
# `phramboot status` must say which. 0 bricks is the only pass.
#@ arches virt
#@ skip.arm64 the journal's recovery is the same C on every board, and 25 cut points double the suite's time; proven on virt
#@ variants 25
#@ timeout 240
#@ boots 3
#@ push-first bundles/fw-next
#@ push-manifest bundles/fw-factory
#@ writes-flash any
#@ powercut ^phramboot: test cut point
#@ expect @@BOOT old .* ssh up fw=factory slot=a trial=$
#@ expect @@BOOT old .* fw=next slot= trial=[0-9a-f]{16}
#@ expect @@ powercut-ab: cut point [0-9]+ of [0-9]+:
#@ expect ^phramboot: test cut point
#@ expect ^@@HOST power cut
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@ powercut-ab: after the cut .*: slot [ab] boots fw-(factory|next), status agrees
#@ reject ^phramboot: fatal
next=$(bundle_id $B/fw-next)
case $(boot_state) in
factory|next)
	if ! cut_marker >/tmp/cut-point; then
		[ "$(boot_state)" = factory ] || fail "powercut-ab: fw-next boots, but no cut happened"
		phramboot --timeout 15 $B/fw-next
		fail "phramboot returned $?: the trial did not start"
	fi
	phramboot status | tee /tmp/status
	slot=$(cmdline_arg phramboot.slot)
	fw=fw-$(boot_state)
	holds=$(slot_holds "$slot" fw-factory fw-next)
	[ "$holds" = "$fw" ] || fail "powercut-ab: slot $slot boots $fw but holds $holds"
	line=$(grep '^flash:' /tmp/status)
	case $fw in
	fw-factory)
		# Interrupted before the switch, or switched and the slot's one try ended in
		# the cut: either way the status must say slot a is what boots.
		echo "$line" | grep -Eq "slot a boots|as installed" ||
			fail "powercut-ab: factory firmware boots but status says: $line" ;;
	fw-next)
		echo "$line" | grep -q "^flash: running $next from slot b" ||
			fail "powercut-ab: fw-next boots but status says: $line" ;;
	esac
	mark "powercut-ab: after the cut ($(cat /tmp/cut-point)): slot $slot boots $fw, status agrees"
	poweroff -f ;;
"trial $next")
	pick_cut powercut-ab
	[ "$total" -ge 20 ] || fail "powercut-ab: only $total cut points in the dry run"
	mark "powercut-ab: cut point $VARIANT of $total: before step $step ($what)"
	set_cut_marker "cut point $VARIANT of $total, before step $step: $what"
	cut_commit powercut-ab ;;
*) fail "powercut-ab: unexpected boot: $(boot_state)" ;;
esac
