# commit-skip-same: committing the same trial twice erases nothing the second time:
# every erase block already holds its bytes, the UBI volume already holds its
# contents, and the bootloader's environment already names the slot.
#@ arches malta virt
#@ skip.maltabe the compare-before-erase logic is the same C; proven on the family's first board
#@ skip.arm64 the compare-before-erase logic is the same C; proven on the family's first board
#@ timeout 240
#@ boots 2
#@ push bundles/fw-next
#@ writes-flash.malta kernel_a rootfs_a journal
#@ writes-flash.virt u-boot-env u-boot-env-redund kernel_b dtb_b rootfs_b journal ubi
#@ expect @@BOOT old .* ssh up fw=factory
#@ expect @@BOOT old .* fw=next slot= trial=[0-9a-f]{16}
#@ expect @@ commit-skip-same: first commit wrote [1-9][0-9]* units
#@ expect @@ commit-skip-same: second commit wrote 0 units and skipped [1-9][0-9]*
#@ reject ^phramboot: fatal
case $(boot_state) in
factory)
	phramboot --timeout 15 $B/fw-next
	fail "phramboot returned $?: the trial did not start" ;;
trial*)
	phramboot commit >/tmp/c1 || fail "commit-skip-same: first commit failed: $(cat /tmp/c1)"
	cat /tmp/c1
	w1=$(sed -n 's/.* units\{0,1\}, \([0-9]*\) written.*/\1/p' /tmp/c1 | awk '{ s += $1 } END { print s + 0 }')
	mark "commit-skip-same: first commit wrote $w1 units"
	phramboot commit >/tmp/c2 || fail "commit-skip-same: second commit failed: $(cat /tmp/c2)"
	cat /tmp/c2
	w2=$(sed -n 's/.* units\{0,1\}, \([0-9]*\) written.*/\1/p' /tmp/c2 | awk '{ s += $1 } END { print s + 0 }')
	s2=$(sed -n 's/.* written, \([0-9]*\) already.*/\1/p' /tmp/c2 | awk '{ s += $1 } END { print s + 0 }')
	grep -q "environment already" /tmp/c2 || [ "$(guest_arch)" != virt ] ||
		fail "commit-skip-same: the second commit wrote the environment again"
	mark "commit-skip-same: second commit wrote $w2 units and skipped $s2"
	poweroff -f ;;
*) fail "commit-skip-same: unexpected boot: $(boot_state)" ;;
esac
