#!/bin/sh
# mkfirmware.sh GUEST: the emulated router's flash, in build/guest/NAME/router/:
# U-Boot (built from Debian's source), its environment, and the old firmware (a U-Boot
# image of the test kernel, and a squashfs root with busybox, dropbear, kexec, phramboot,
# watchdog-arm, U-Boot's environment tools, mtd-utils, the trusted key and the
# scenarios) in the partitions qemu-tests/board.sh names; on virt also a UBI image in
# its `ubi` partition. Also the ssh keys the harness uses and `parts`, the partition
# table it hashes.
# Run by mkguest.sh after the kernel, the tools and the board DTB exist.
set -eu
. "$(dirname "$0")/../scripts/lib.sh"
. "$TOP/qemu-tests/board.sh"

gdir=${1:?usage: mkfirmware.sh malta|maltabe|virt|arm64|malta-mainline}
# The board; gdir names its directory in build/guest/ (guest_board in scripts/lib.sh).
guest=$(guest_board "$gdir")
board "$guest"
family=$(board_family "$guest")
triplet=$(arch_triplet "$ARCH")
g=$TOP/build/guest/$gdir
out=$g/router
mkdir -p "$out"
kexec=$("$TOP/scripts/build-kexec.sh" "$ARCH")
ssh_root=$("$TOP/scripts/sysroot.sh" "$ARCH" ssh)
# Only the virt boards' updates use U-Boot's environment tools and UBI (A/B slots, the
# appdata volume); the malta boards' single slot is a block device phramboot writes.
flash_root=
[ "$family" != virt ] || flash_root=$("$TOP/scripts/sysroot.sh" "$ARCH" flash)
# No guest can boot Debian's U-Boot as shipped (scripts/build-uboot.sh says why).
# At power-on QEMU swaps every 32-bit word of little-endian malta's flash below 0x3e0000
# (a trick for bi-endian firmware; the environment sector above is left alone), so
# malta's U-Boot goes in as its build's u-boot-swap.bin.
case $guest in
malta) uboot=$("$TOP/scripts/build-uboot.sh" malta)/u-boot-swap.bin ;;
*) uboot=$("$TOP/scripts/build-uboot.sh" "$guest")/u-boot.bin ;;
esac

# Keys. The harness logs in with ssh-client; each board has its own dropbear host key,
# which the harness pins (known_hosts under the alias phramboot-GUEST) instead of
# turning host key checking off.
keys=$TOP/build/keys
mkdir -p "$keys"
[ -f "$keys/ssh-client" ] || ssh-keygen -q -t ed25519 -N '' -C 'phramboot QEMU harness' -f "$keys/ssh-client"
hostkey=$keys/dropbear-$guest
[ -f "$hostkey" ] || dropbearkey -t ed25519 -f "$hostkey" >/dev/null 2>&1 ||
	die "dropbearkey could not make $hostkey"
printf 'phramboot-%s %s\n' "$guest" "$(dropbearkey -y -f "$hostkey" | grep '^ssh-' | cut -d' ' -f1-2)" \
	>"$out/known_hosts"

# The root's /etc and the ssh server with the glibc it runs on (Debian's dropbear-bin).
etc=$(mktemp -d)
trap 'rm -rf "$etc"' EXIT
mkdir -p "$etc/etc/dropbear" "$etc/root/.ssh" "$etc/lib/$triplet"
printf 'root::0:0:root:/root:/bin/sh\n' >"$etc/etc/passwd"
printf 'root:x:0:\n' >"$etc/etc/group"
printf '/bin/sh\n' >"$etc/etc/shells"
cp "$hostkey" "$etc/etc/dropbear/dropbear_ed25519_host_key"
cp "$keys/ssh-client.pub" "$etc/root/.ssh/authorized_keys"
chmod 700 "$etc/root" "$etc/root/.ssh"
chmod 600 "$etc/root/.ssh/authorized_keys" "$etc/etc/dropbear/dropbear_ed25519_host_key"
# The glibc programs the firmware runs, from Debian's packages: dropbear, U-Boot's
# environment tools, and the mtd-utils an update needs (UBI volumes, erase, copy). All go
# in /usr/sbin: /usr/bin is the tmpfs of busybox's applet links (guest/init), and
# /usr/sbin comes before it on every PATH, ahead of busybox's own UBI applets. maltabe's
# dropbear is static, built from Debian's source (scripts/sysroot.sh): no libraries.
progs="$ssh_root/usr/sbin/dropbear"
if [ -n "$flash_root" ]; then
	progs="$progs $flash_root/usr/bin/fw_printenv $flash_root/usr/bin/fw_setenv"
	for p in ubiattach ubidetach ubinfo ubiupdatevol ubimkvol ubirsvol ubiblock flash_erase flashcp; do
		progs="$progs $flash_root/usr/sbin/$p"
	done
fi
mkdir -p "$etc/usr/sbin"
for p in $progs; do
	[ -f "$p" ] || die "$p missing from its sysroot"
	cp "$p" "$etc/usr/sbin/"
done
# Every library they need, and what those need in turn (readelf's NEEDED lines).
needed() { readelf -d "$@" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u; }
need=$(needed $progs)
done_libs=
while [ -n "$need" ]; do
	lib=${need%%[[:space:]]*}
	need=$(printf '%s\n' "$need" | sed 1d)
	case " $done_libs " in *" $lib "*) continue ;; esac
	done_libs="$done_libs $lib"
	f=$(find "$ssh_root/lib/$triplet" "$ssh_root/usr/lib/$triplet" \
		${flash_root:+"$flash_root/lib/$triplet" "$flash_root/usr/lib/$triplet"} -name "$lib" 2>/dev/null | head -n1)
	[ -n "$f" ] || die "$lib (needed by the firmware's programs) not found in $ssh_root ${flash_root:+or $flash_root}"
	cp -L "$f" "$etc/lib/$triplet/$lib"
	need=$(printf '%s\n%s\n' "$need" "$(needed "$f")" | sed '/^$/d')
done
ld=$(readelf -l "$ssh_root/usr/sbin/dropbear" | sed -n 's/.*interpreter: \(.*\)]/\1/p')
if [ -n "$ld" ]; then
	mkdir -p "$etc$(dirname "$ld")"
	cp -L "$ssh_root/lib/$triplet/$(basename "$ld")" "$etc$ld.tmp" && mv "$etc$ld.tmp" "$etc$ld"
	ld_pair="$etc$ld=$ld"
else
	ld_pair=
fi
# Where fw_printenv and fw_setenv find U-Boot's environment: DEVICE OFFSET ENV-SIZE
# SECTOR-SIZE, one line per copy (virt: the two sectors CONFIG_ENV_ADDR/_REDUND name).
# Malta's U-Boot keeps its environment in the boot flash, which its kernel has no MTD
# for: no fw_env.config there.
[ "$family" != virt ] || printf '%s\n' "/dev/mtd1 0x0 0x40000 0x40000" "/dev/mtd2 0x0 0x40000 0x40000" \
	>"$etc/etc/fw_env.config"
# The board's flash layout for phramboot, when the guest files describe one, and
# virt's single-slot view of the same flash (commit-single, powercut-single).
if [ -f "$TOP/qemu-tests/guest/layout.$family" ]; then
	mkdir -p "$etc/etc/phramboot"
	cp "$TOP/qemu-tests/guest/layout.$family" "$etc/etc/phramboot/layout"
	[ ! -f "$TOP/qemu-tests/guest/layout.$family.single" ] ||
		cp "$TOP/qemu-tests/guest/layout.$family.single" "$etc/etc/phramboot/layout.single"
fi

G=$TOP/qemu-tests/guest
"$TOP/qemu-tests/mkroot.sh" "$ARCH" "$out/rootfs.squashfs" "$G/init" \
	"$etc/etc=/etc" "$etc/root=/root" "$etc/lib/$triplet=/lib/$triplet" $ld_pair \
	"$etc/usr/sbin=/usr/sbin" \
	"$G/run-scenario=/sbin/run-scenario" "$TOP/qemu-tests/scenarios=/scenarios" \
	"$kexec=/sbin/kexec" "$TOP/build/target-$ARCH/phramboot=/sbin/phramboot" \
	"$TOP/build/target-$ARCH/watchdog-arm=/sbin/watchdog-arm" \
	"$keys/test.pub=/etc/phramboot/keys/test.pub"

# The kernel as U-Boot's legacy image, the format router bootloaders load.
case $guest in
malta | maltabe)
	# vmlinux is an ELF; bootm wants the bytes from the load address on, gzipped (the
	# IDE reads are port I/O, each 2 bytes a VM exit: fewer bytes boot faster).
	"$triplet-objcopy" -O binary "$g/payload-kernel" "$out/vmlinux.bin"
	load=$(readelf -lW "$g/payload-kernel" | awk '$1 == "LOAD" { print $3; exit }')
	entry=$(readelf -h "$g/payload-kernel" | awk '/Entry point/ { print $4 }')
	gzip -n -9 -f "$out/vmlinux.bin"
	logged "$out/mkimage.log" mkimage -A mips -O linux -T kernel -C gzip -a "$load" -e "$entry" \
		-n "phramboot old firmware" -d "$out/vmlinux.bin.gz" "$out/kernel.uimg"
	rm -f "$out/vmlinux.bin.gz" ;;
virt)
	logged "$out/mkimage.log" mkimage -A arm -O linux -T kernel -C none -a 0x40008000 -e 0x40008000 \
		-n "phramboot old firmware" -d "$g/kernel" "$out/kernel.uimg" ;;
arm64)
	# An Image runs where its header says: 2 MiB aligned, text_offset (0 since Linux
	# 5.10) above it (Documentation/arch/arm64/booting.rst); 0x40200000 is the first
	# such place above the RAM bottom, where QEMU's own DTB lies at power-on. Gzipped:
	# the uncompressed Image would not fit the 6 MiB kernel partitions.
	gzip -n -9 -c "$g/kernel" >"$out/Image.gz"
	logged "$out/mkimage.log" mkimage -A arm64 -O linux -T kernel -C gzip -a 0x40200000 -e 0x40200000 \
		-n "phramboot old firmware" -d "$out/Image.gz" "$out/kernel.uimg"
	rm -f "$out/Image.gz" ;;
esac

# U-Boot's environment. Ramoops is on malta's command line (its kernel uses the built-in
# DT); virt's firmware DTB carries a node. Every kernel reboots 5 s after a panic
# (panic=5), so that a bad update ends in U-Boot again rather than hanging, and learns
# which slot it was booted from (phramboot.slot=).
ramoops="ramoops.mem_address=$RAMOOPS_ADDR ramoops.mem_size=$RAMOOPS_SIZE ramoops.console_size=$RAMOOPS_CONSOLE ramoops.record_size=$RAMOOPS_RECORD"
sectors() { printf '%x' $(( $1 / 512 )); }
flash_addr() { printf '%#x' $((0x4000000 + $(part offset "$1"))); } # virt: pflash1 in U-Boot's map
case $family in
malta)
	# One slot. bootcmd reads the first sector of kernel_a, the uImage header, and then
	# as many sectors as the image it announces: ih_size, big-endian at offset 12, read
	# byte by byte so that both byte orders of the board read it alike, plus the 64-byte
	# header, rounded up; never more than the partition. An update may write a bigger
	# kernel there, and no variable has to follow it. Reading the whole partition cost
	# 1.5-2 s of port I/O per boot (docs/platform-notes.md). ksize and kbyte stay in
	# RAM: nothing on this board saves the environment.
	kern_first=$(sectors "$(part offset kernel_a)") kern_most=$(sectors "$(part size kernel_a)")
	hdr=0x81000000
	ih_size() { printf '%#x' $((hdr + 12 + $1)); }
	cat >"$out/env.txt" <<ENV
bootdelay=0
bootargs=console=$CONSOLE root=$ROOT_DEV rootfstype=squashfs rootwait ro init=/init panic=5 phramboot.slot=a memmap=1M\$$RAMOOPS_ADDR $ramoops
bootcmd=ide read $hdr $kern_first 1; setexpr.b ksize *$(ih_size 0) * 1000000; setexpr.b kbyte *$(ih_size 1) * 10000; setexpr ksize \$ksize + \$kbyte; setexpr.b kbyte *$(ih_size 2) * 100; setexpr ksize \$ksize + \$kbyte; setexpr.b kbyte *$(ih_size 3); setexpr ksize \$ksize + \$kbyte; setexpr ksize \$ksize + 23f; setexpr ksize \$ksize / 200; if itest \$ksize -gt $kern_most; then setenv ksize $kern_most; fi; ide read $hdr $kern_first \$ksize; bootm $hdr
ENV
	# U-Boot checks the environment's CRC in its own byte order: big-endian on maltabe
	# (mkenvimage -b), or it boots to its prompt with the default environment.
	envorder=
	[ "$ARCH" != mips ] || envorder=-b
	mkenvimage $envorder -s 0x20000 -o "$out/env.bin" "$out/env.txt"
	# The staging variant: the same board, whose command line sets RAM aside for trials.
	sed "s/^bootargs=.*/& memmap=$(printf '%#x' $((STAGING_SIZE)))\$$STAGING_ADDR phram.phram=staging,$STAGING_ADDR,$(printf '%#x' $((STAGING_SIZE)))/" \
		"$out/env.txt" >"$out/env-staging.txt"
	mkenvimage $envorder -s 0x20000 -o "$out/env-staging.bin" "$out/env-staging.txt" ;;
virt)
	# A/B with a one-shot try: U-Boot boots slot ${boot_slot}; if ${try_slot} is set it
	# boots that slot instead, once: it clears try_slot and saves the environment
	# before it boots, so the next reset (a panic, the watchdog) boots ${boot_slot}
	# again unless the tried system has made itself boot_slot. The slot is a hush
	# variable, not an environment one, so that saveenv does not keep it. A slot whose
	# kernel bootm refuses (bad CRC) falls through to the other one.
	boot() { # SLOT ROOT_DEV
		printf "boot_%s=setenv bootargs 'console=%s root=%s rootfstype=squashfs ro init=/init panic=5 phramboot.slot=%s'; bootm %s - %s\\n" \
			"$1" "$CONSOLE" "$2" "$1" "$(flash_addr "kernel_$1")" "$(flash_addr "dtb_$1")"
	}
	{
		echo bootdelay=0
		echo boot_slot=a
		boot a "$ROOT_DEV"
		boot b "$ROOT_DEV_B"
		echo 'bootcmd=if test -n "${try_slot}"; then slot=${try_slot}; setenv try_slot; saveenv; else slot=${boot_slot}; fi; run boot_${slot}; if test "${slot}" = a; then run boot_b; else run boot_a; fi'
	} >"$out/env.txt"
	# Both copies hold the factory environment; U-Boot and fw_setenv take the one whose
	# flags byte says active (1) and write the next one over the obsolete (0) copy. Two
	# copies flagged alike would make U-Boot mark one obsolete at the first boot, a
	# flash write on every factory-fresh board.
	mkenvimage -r -s 0x40000 -o "$out/env.bin" "$out/env.txt"
	cp "$out/env.bin" "$out/env-redund.bin"
	printf '\000' | dd of="$out/env-redund.bin" bs=1 seek=4 conv=notrunc status=none ;;
esac

# virt's `ubi` partition: UBI for NOR (256 KiB erase blocks, 1-byte writes) with one
# volume, appdata, holding a small squashfs (its /version says "factory"). The volume
# is four logical blocks (UBI keeps 128 bytes of each erase block for its headers: just
# under 1 MiB, and whole 512-byte sectors for ubiblock), so that an update has room in
# it; most of the partition's blocks stay free for a bigger one (ubirsvol). Every block
# gets its erase-counter header, as ubiformat would leave it: an erased block would make
# the first ubiattach write the flash.
if [ "$family" = virt ]; then
	mkdir -p "$etc/appdata"
	echo factory >"$etc/appdata/version"
	rm -f "$out/appdata.squashfs"
	logged "$out/appdata.log" mksquashfs "$etc/appdata" "$out/appdata.squashfs" -noappend -all-root \
		-comp gzip -mkfs-time 0 -all-time 0
	printf '%s\n' '[appdata]' mode=ubi "image=$out/appdata.squashfs" vol_id=0 vol_type=dynamic \
		vol_name=appdata vol_size=$((4 * (0x40000 - 128))) >"$out/ubinize.cfg"
	# A fixed image sequence number: the same inputs make the same flash.
	logged "$out/ubinize.log" ubinize -o "$out/ubi.img" -p 256KiB -m 1 -Q 1 "$out/ubinize.cfg"
	peb=0x40000
	pebs=$(($(part size ubi) / peb))
	used=$(($(stat -c %s "$out/ubi.img") / peb))
	[ "$used" -lt "$pebs" ] || die "the UBI image ($used blocks) does not fit partition ubi ($pebs)"
	# A free block: the image's own erase-counter header (same counter, offsets and
	# sequence number), then erased flash.
	head -c 64 "$out/ubi.img" >"$out/ubi-free.peb"
	head -c $((peb - 64)) /dev/zero | tr '\0' '\377' >>"$out/ubi-free.peb"
	i=$used
	while [ "$i" -lt "$pebs" ]; do cat "$out/ubi-free.peb"; i=$((i + 1)); done >>"$out/ubi.img"
	rm -f "$out/ubi-free.peb"
fi

# Erased flash reads 0xff; a blank disk reads zeros.
blank() { # FILE SIZE BYTE
	case $3 in
	ff) head -c "$(($2))" /dev/zero | tr '\0' '\377' >"$1" ;;
	*) rm -f "$1"; truncate -s "$(($2))" "$1" ;;
	esac
}
put() { # PART FILE: write FILE at the start of partition PART, refusing what does not fit
	size=$(stat -c %s "$2")
	[ "$size" -le "$(($(part size "$1")))" ] || die "$2 ($size bytes) does not fit partition $1 ($(part size "$1"))"
	dd if="$2" of="$out/$(part device "$1").img" bs=4096 seek="$(($(part offset "$1") / 4096))" \
		conv=notrunc status=none
}
for f in $FLASH_FILES; do
	name=${f%%:*} size=${f#*:}
	case $name in disk) blank "$out/$name.img" "$size" 00 ;; *) blank "$out/$name.img" "$size" ff ;; esac
done
[ "$family" != malta ] || {
	# The disk's MBR, so that Linux finds the partitions (sda1 kernel_a, sda2 rootfs_a, ...).
	for p in kernel_a rootfs_a kernel_b rootfs_b; do
		echo "start=$(($(part offset $p) / 512)), size=$(($(part size $p) / 512)), type=83"
	done | sfdisk -q --no-reread --no-tell-kernel "$out/disk.img" >/dev/null ||
		die "sfdisk could not partition $out/disk.img"
}
put u-boot "$uboot"
put u-boot-env "$out/env.bin"
put kernel_a "$out/kernel.uimg"
put rootfs_a "$out/rootfs.squashfs"
if [ "$family" = virt ]; then
	put u-boot-env-redund "$out/env-redund.bin"
	put dtb_a "$g/board.dtb"
	# The staging variant: the same board, whose DTB sets RAM aside for trials.
	{ dtc -q -I dtb -O dts "$g/board.dtb"
	  printf '/ { reserved-memory { staging@%x { compatible = "phram"; label = "staging"; reg = <0x0 %#x 0x0 %#x>; no-map; }; }; };\n' \
		$((STAGING_ADDR)) $((STAGING_ADDR)) $((STAGING_SIZE))
	} | dtc -q -I dts -O dtb -o "$out/dtb-staging.dtb" - || die "dtc could not build the staging DTB"
	put ubi "$out/ubi.img"
fi
printf '%s\n' "$FLASH_PARTS" >"$out/parts"
say "$guest router: $(for f in $FLASH_FILES; do printf '%s ' "${f%%:*}.img"; done)(kernel $(stat -c %s "$out/kernel.uimg") B, root $(stat -c %s "$out/rootfs.squashfs") B)"
