# commit-ubi: the UBI volume appdata (a squashfs) is updated by commit through a volume
# update (UBI_IOCVOLUP), not by rewriting the partition: every PEB's erase counter, read
# from its EC header before and after, is not lower afterwards (a raw flashcp would wipe
# them), some went up, the volume grew (it was too small: resized on a device with free
# PEBs), and the new volume mounts with the new contents.
#@ arches virt
#@ timeout 240
#@ boots 2
#@ push bundles/fw-next
#@ writes-flash u-boot-env u-boot-env-redund kernel_b dtb_b rootfs_b journal ubi
#@ expect @@BOOT old .* ssh up fw=factory
#@ expect @@BOOT old .* fw=next slot= trial=[0-9a-f]{16}
#@ expect @@ commit-ubi: appdata holds "factory", [0-9]+ PEBs with erase counters
#@ expect ^phramboot: appdata -> ubi:ubi/appdata: [0-9]+ bytes
#@ expect @@ commit-ubi: no erase counter went down, [1-9][0-9]* went up
#@ expect @@ commit-ubi: appdata grew from [0-9]+ to [0-9]+ LEBs and mounts with "next"
#@ reject ^phramboot: fatal
# The erase counter of every PEB of the ubi partition: "PEB EC", from the EC headers
# ("UBI#", then the 64-bit big-endian counter at byte 8).
erase_counters() {
	dev=$(mtd_dev ubi) || fail "commit-ubi: no ubi partition"
	eb=$(cat /sys/class/mtd/${dev#/dev/}/erasesize)
	n=$(( $(cat /sys/class/mtd/${dev#/dev/}/size) / eb ))
	i=0
	while [ $i -lt $n ]; do
		hdr=$(dd if="$dev" bs="$eb" skip=$i count=1 2>/dev/null | head -c 16 | od -An -tx1 | tr -d ' \n')
		case $hdr in
		55424923*) echo "$i $((0x${hdr#????????????????}))" ;;
		*) echo "$i none" ;;
		esac
		i=$((i + 1))
	done
}
ubi_num() { # the UBI device on the ubi partition, attached if need be
	mtd=$(mtd_dev ubi | sed 's/.*mtd//')
	for d in /sys/class/ubi/ubi[0-9]*; do
		[ -f "$d/mtd_num" ] && [ "$(cat "$d/mtd_num")" = "$mtd" ] && { echo "${d##*/ubi}"; return; }
	done
	ubiattach -m "$mtd" >/dev/null || fail "commit-ubi: ubiattach -m $mtd failed"
	ubi_num
}
mount_appdata() { # WHERE: the appdata volume's squashfs, through ubiblock
	u=$(ubi_num)
	vol=$(for v in /sys/class/ubi/ubi${u}_*; do [ "$(cat "$v/name")" = appdata ] && echo "${v##*_}"; done)
	[ -n "$vol" ] || fail "commit-ubi: no appdata volume on ubi$u"
	[ -b /dev/ubiblock${u}_$vol ] || ubiblock -c /dev/ubi${u}_$vol || fail "commit-ubi: ubiblock failed"
	mkdir -p "$1" && mount -t squashfs -o ro /dev/ubiblock${u}_$vol "$1" || fail "commit-ubi: cannot mount appdata"
	cat /sys/class/ubi/ubi${u}_$vol/reserved_ebs >/tmp/appdata.lebs
}
case $(boot_state) in
factory)
	phramboot --timeout 15 $B/fw-next
	fail "phramboot returned $?: the trial did not start" ;;
trial*)
	erase_counters >/tmp/ec.before
	mount_appdata /tmp/mnt-old
	before=$(cat /tmp/mnt-old/version) lebs0=$(cat /tmp/appdata.lebs)
	umount /tmp/mnt-old
	ubiblock -r /dev/ubi$(ubi_num)_0 2>/dev/null
	[ "$before" = factory ] || fail "commit-ubi: the factory appdata says '$before'"
	mark "commit-ubi: appdata holds \"$before\", $(grep -vc none /tmp/ec.before) PEBs with erase counters"
	ubinfo -a | sed -n 's/^\(Volume ID\|Name\|Size\|Current maximum erase counter value\|Amount of available logical eraseblocks\):/  &/p'
	run phramboot commit || fail "commit-ubi: commit exited $rc"
	erase_counters >/tmp/ec.after
	down=0 up=0
	while read -r peb ec; do
		was=$(awk -v p="$peb" '$1 == p { print $2 }' /tmp/ec.before)
		[ "$was" != none ] || continue
		[ "$ec" != none ] || fail "commit-ubi: PEB $peb lost its EC header"
		[ "$ec" -ge "$was" ] || { echo "PEB $peb: erase counter $was -> $ec"; down=$((down + 1)); }
		[ "$ec" -le "$was" ] || up=$((up + 1))
	done </tmp/ec.after
	[ "$down" = 0 ] || fail "commit-ubi: $down erase counters went down"
	mark "commit-ubi: no erase counter went down, $up went up"
	mount_appdata /tmp/mnt-new
	after=$(cat /tmp/mnt-new/version) lebs1=$(cat /tmp/appdata.lebs)
	[ "$after" = next ] || fail "commit-ubi: the new appdata says '$after'"
	[ "$lebs1" -gt "$lebs0" ] || fail "commit-ubi: appdata did not grow ($lebs0 -> $lebs1 LEBs)"
	mark "commit-ubi: appdata grew from $lebs0 to $lebs1 LEBs and mounts with \"$after\""
	poweroff -f ;;
*) fail "commit-ubi: unexpected boot: $(boot_state)" ;;
esac
