# router-powercut: the harness's power cut. The old firmware writes a marker into the
# spare slot's rootfs_b partition and syncs; the host then pulls the plug (QEMU quits
# from its monitor, no shutdown) and powers the board on again from the same flash
# files: U-Boot and the old firmware boot again and the marker is still there. Also
# the proof that the harness's flash check sees a write: rootfs_b must have changed,
# and nothing else.
#@ arches malta virt
#@ skip.maltabe tests the harness's power cut, not the board; proven on the family's first board
#@ skip.arm64 tests the harness's power cut, not the board; proven on the family's first board
#@ timeout 120
#@ boots 2
#@ writes-flash rootfs_b
#@ powercut @@ router-powercut: marker written, pull the plug
#@ expect @@BOOT old .* ssh up
#@ expect @@ router-powercut: marker written, pull the plug
#@ expect ^@@HOST power cut
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* ssh up
#@ expect @@ router-powercut: the marker survived the power cut
case $(guest_arch) in
malta) dev=/dev/sda4 ;;
*) dev=/dev/mtdblock$(grep -l '^rootfs_b$' /sys/class/mtd/mtd*/name | sed 's#.*/mtd\([0-9]*\)/name#\1#') ;;
esac
[ -b "$dev" ] || fail "router-powercut: no block device for rootfs_b ($dev)"
marker="phramboot power-cut marker"
if [ "$(head -c ${#marker} "$dev")" = "$marker" ]; then
	mark "router-powercut: the marker survived the power cut"
	poweroff -f
fi
printf '%s' "$marker" | dd of="$dev" conv=notrunc 2>/dev/null || fail "router-powercut: cannot write $dev"
sync
[ "$(head -c ${#marker} "$dev")" = "$marker" ] || fail "router-powercut: $dev does not read back the marker"
mark "router-powercut: marker written, pull the plug"
while :; do sleep 10; done
