# refuse-downgrade: anti-rollback. The board commits fw-next (security version 2), and
# once it runs from slot b the journal's floor is 2: the factory firmware's bundle
# (version 1, signed by the same key) is refused as a trial; with --allow-downgrade it
# boots, but commit in it refuses to write it without --allow-downgrade too.
#@ arches virt
#@ skip.arm64 the security-version check is the same C; proven on virt
#@ timeout 360
#@ boots 4
#@ push bundles/fw-next bundles/fw-factory
#@ writes-flash u-boot-env u-boot-env-redund kernel_b dtb_b rootfs_b journal ubi
#@ expect @@BOOT old .* ssh up fw=factory slot=a
#@ expect ^phramboot: committed trial [0-9a-f]{16} to slot b
#@ expect @@BOOT old .* ssh up fw=next slot=b trial=$
#@ expect ^security version: 2
#@ expect @@ refused with exit 2: .*its security version 1 is below this board's 2 \(anti-rollback
#@ expect @@BOOT old .* fw=factory slot= trial=[0-9a-f]{16}
#@ expect @@ refused with exit 2: .*security version 1, below this board's 2 \(anti-rollback\); pass --allow-downgrade
#@ expect @@ refuse-downgrade: the old firmware was refused twice
next=$(bundle_id $B/fw-next)
old=$(bundle_id $B/fw-factory)
case $(boot_state) in
factory)
	phramboot --timeout 15 $B/fw-next
	fail "phramboot returned $?: the trial did not start" ;;
"trial $next")
	run phramboot commit || fail "refuse-downgrade: commit exited $rc"
	reboot -f ;;
next)
	phramboot status
	expect_refusal 2 phramboot --timeout 10 $B/fw-factory
	phramboot --timeout 15 --allow-downgrade $B/fw-factory
	fail "phramboot returned $?: the downgrade trial did not start" ;;
"trial $old")
	phramboot commit >/tmp/c.out 2>/tmp/c.err
	rc=$?
	cat /tmp/c.out /tmp/c.err
	[ "$rc" = 2 ] && [ "$(wc -l </tmp/c.err)" = 1 ] || fail "refuse-downgrade: commit exited $rc"
	mark "refused with exit $rc: $(cat /tmp/c.err)"
	mark "refuse-downgrade: the old firmware was refused twice"
	poweroff -f ;;
*) fail "refuse-downgrade: unexpected boot: $(boot_state)" ;;
esac
