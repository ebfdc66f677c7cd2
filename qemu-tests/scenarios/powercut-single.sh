# powercut-single: the power goes at every step of a single-slot commit (virt's
# single-slot layout). The only copy is overwritten, so a brick can be unavoidable
# inside the risk window phramboot(8) documents: from the first erase of a changed block
# of the slot's kernel, DTB or root to the last write of them. A cut outside it must
# boot the old or the new firmware exactly, with status saying which; a cut inside it
# passes whether it boots or not, and the summary counts those that did not.
#@ arches virt
#@ skip.arm64 the journal's recovery is the same C on every board; proven on virt
#@ variants 19
#@ timeout 240
#@ boots 3
#@ push-first bundles/fw-next
#@ push-manifest bundles/fw-factory
#@ writes-flash any
#@ powercut ^phramboot: test cut point
#@ brick-ok @@ powercut-single: cut point [0-9]+ of [0-9]+, inside the risk window
#@ expect @@BOOT old .* ssh up fw=factory slot=a trial=$
#@ expect @@BOOT old .* fw=next slot= trial=[0-9a-f]{16}
#@ expect @@ powercut-single: cut point [0-9]+ of [0-9]+
#@ expect ^phramboot: test cut point
#@ expect ^@@HOST power cut
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@ powercut-single: after the cut
#@ reject ^phramboot: fatal
L="--layout /etc/phramboot/layout.single"
next=$(bundle_id $B/fw-next)
case $(boot_state) in
factory|next)
	if ! cut_marker >/tmp/cut-point; then
		[ "$(boot_state)" = factory ] || fail "powercut-single: fw-next boots, but no cut happened"
		phramboot --timeout 15 $B/fw-next
		fail "phramboot returned $?: the trial did not start"
	fi
	phramboot status $L | tee /tmp/status
	line=$(grep '^flash:' /tmp/status)
	holds=$(slot_holds a fw-factory fw-next)
	if grep -q 'inside the risk window' /tmp/cut-point; then
		mark "powercut-single: after the cut ($(cat /tmp/cut-point)): it booted anyway; slot a holds $holds; $line"
		poweroff -f
	fi
	[ "$holds" = "fw-$(boot_state)" ] || fail "powercut-single: fw-$(boot_state) boots but slot a holds $holds"
	# Status must say which: the old firmware untouched, or the new one complete.
	case $holds in
	fw-factory) echo "$line" | grep -Eq "as installed|still holds the old firmware, untouched" ||
		fail "powercut-single: the old firmware boots but status says: $line" ;;
	fw-next) echo "$line" | grep -Eq "^flash: running $next|the slot holds $next complete" ||
		fail "powercut-single: the new firmware boots but status says: $line" ;;
	esac
	mark "powercut-single: after the cut ($(cat /tmp/cut-point)): slot a holds $holds, status agrees"
	poweroff -f ;;
"trial $next")
	pick_cut powercut-single $L
	# The window: the first to the last raw erase or write of the slot's partitions.
	lo=$(awk '$1 == "step" && ($3 == "erase" || $3 == "write") { sub(/:$/, "", $2); print $2; exit }' /tmp/dry)
	hi=$(awk '$1 == "step" && ($3 == "erase" || $3 == "write") { sub(/:$/, "", $2); n = $2 } END { print n }' /tmp/dry)
	where="outside the risk window (steps $lo-$hi)"
	[ "$step" -le "$lo" ] || [ "$step" -gt "$hi" ] || where="inside the risk window (steps $lo-$hi)"
	mark "powercut-single: cut point $VARIANT of $total, $where: before step $step ($what)"
	set_cut_marker "cut point $VARIANT of $total, $where, before step $step: $what"
	cut_commit powercut-single $L ;;
*) fail "powercut-single: unexpected boot: $(boot_state)" ;;
esac
