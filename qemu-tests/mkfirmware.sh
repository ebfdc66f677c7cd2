#!/bin/sh
# mkfirmware.sh malta|virt: the emulated router's flash, in build/guest/NAME/router/:
# U-Boot (Debian's u-boot-qemu), its environment, and the old firmware (a U-Boot image of
# the test kernel, and a squashfs root with busybox, dropbear, kexec, phramboot,
# watchdog-arm, the trusted key and the scenarios) in the partitions qemu-tests/board.sh
# names. Also the ssh keys the harness uses and `parts`, the partition table it hashes.
# Run by mkguest.sh after the kernel, the tools and the board DTB exist.
set -eu
. "$(dirname "$0")/../scripts/lib.sh"
. "$TOP/qemu-tests/board.sh"

guest=${1:?usage: mkfirmware.sh malta|virt}
board "$guest"
triplet=$(arch_triplet "$ARCH")
g=$TOP/build/guest/$guest
out=$g/router
mkdir -p "$out"
kexec=$("$TOP/scripts/build-kexec.sh" "$ARCH")
ssh_root=$("$TOP/scripts/sysroot.sh" "$ARCH" ssh)
# virt boots Debian's u-boot-qemu as shipped; malta needs a build of our own
# (scripts/build-uboot.sh says why). At power-on QEMU swaps every 32-bit word of malta's
# flash below 0x3e0000 (a trick for bi-endian firmware; the environment sector above is
# left alone), so malta's U-Boot goes in as its build's u-boot-swap.bin.
case $guest in
malta) uboot=$("$TOP/scripts/build-uboot.sh" malta)/u-boot-swap.bin ;;
virt) uboot=/usr/lib/u-boot/qemu_arm/u-boot.bin ;;
esac
[ -f "$uboot" ] || die "$uboot missing; run 'make deps' (package u-boot-qemu)"

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
# Every library dropbear needs, and what those need in turn (readelf's NEEDED lines).
need=$(readelf -d "$ssh_root/usr/sbin/dropbear" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done_libs=
while [ -n "$need" ]; do
	lib=${need%%[[:space:]]*}
	need=$(printf '%s\n' "$need" | sed 1d)
	case " $done_libs " in *" $lib "*) continue ;; esac
	done_libs="$done_libs $lib"
	f=$(find "$ssh_root/lib/$triplet" "$ssh_root/usr/lib/$triplet" -name "$lib" 2>/dev/null | head -n1)
	[ -n "$f" ] || die "$lib (needed by dropbear) not found in $ssh_root"
	cp -L "$f" "$etc/lib/$triplet/$lib"
	need=$(printf '%s\n%s\n' "$need" "$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')" | sed '/^$/d')
done
ld=$(readelf -l "$ssh_root/usr/sbin/dropbear" | sed -n 's/.*interpreter: \(.*\)]/\1/p')
mkdir -p "$etc$(dirname "$ld")"
cp -L "$ssh_root/lib/$triplet/$(basename "$ld")" "$etc$ld.tmp" && mv "$etc$ld.tmp" "$etc$ld"

G=$TOP/qemu-tests/guest
"$TOP/qemu-tests/mkroot.sh" "$ARCH" "$out/rootfs.squashfs" "$G/init" \
	"$etc/etc=/etc" "$etc/root=/root" "$etc/lib/$triplet=/lib/$triplet" "$etc$ld=$ld" \
	"$ssh_root/usr/sbin/dropbear=/usr/sbin/dropbear" \
	"$G/run-scenario=/sbin/run-scenario" "$TOP/qemu-tests/scenarios=/scenarios" \
	"$kexec=/sbin/kexec" "$TOP/build/target-$ARCH/phramboot=/sbin/phramboot" \
	"$TOP/build/target-$ARCH/watchdog-arm=/sbin/watchdog-arm" \
	"$keys/test.pub=/etc/phramboot/keys/test.pub"

# The kernel as U-Boot's legacy image, the format router bootloaders load.
case $guest in
malta)
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
esac

# U-Boot's environment: boot the firmware in slot A at once. Ramoops is on malta's
# command line (its kernel uses the built-in DT); virt's firmware DTB carries a node.
ramoops="ramoops.mem_address=$RAMOOPS_ADDR ramoops.mem_size=$RAMOOPS_SIZE ramoops.console_size=$RAMOOPS_CONSOLE ramoops.record_size=$RAMOOPS_RECORD"
sectors() { printf '%x' $(( $1 / 512 )); }
case $guest in
malta)
	kstart=$(sectors "$(part offset kernel_a)")
	kcount=$(sectors "$(( ($(stat -c %s "$out/kernel.uimg") + 511) / 512 * 512 ))")
	cat >"$out/env.txt" <<ENV
bootdelay=0
bootargs=console=$CONSOLE root=$ROOT_DEV rootfstype=squashfs rootwait ro init=/init memmap=1M\$$RAMOOPS_ADDR $ramoops
kernel_a_sectors=$kcount
bootcmd=ide read 0x81000000 $kstart \${kernel_a_sectors}; bootm 0x81000000
ENV
	env_size=0x20000 ;;
virt)
	cat >"$out/env.txt" <<ENV
bootdelay=0
bootargs=console=$CONSOLE root=$ROOT_DEV rootfstype=squashfs ro init=/init
bootcmd=bootm $(printf '%#x' $((0x4000000 + $(part offset kernel_a)))) - $(printf '%#x' $((0x4000000 + $(part offset dtb_a))))
ENV
	env_size=0x40000 ;;
esac
mkenvimage -s "$env_size" -o "$out/env.bin" "$out/env.txt"

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
[ "$guest" != malta ] || {
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
[ "$guest" != virt ] || put dtb_a "$g/board.dtb"
printf '%s\n' "$FLASH_PARTS" >"$out/parts"
say "$guest router: $(for f in $FLASH_FILES; do printf '%s ' "${f%%:*}.img"; done)(kernel $(stat -c %s "$out/kernel.uimg") B, root $(stat -c %s "$out/rootfs.squashfs") B)"
