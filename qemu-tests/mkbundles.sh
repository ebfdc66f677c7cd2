#!/bin/sh
# mkbundles.sh GUEST: make, on the build host and with the real `phramboot pack`,
# the signed bundles a guest's old firmware boots or must refuse, into
# build/guest/NAME/bundles/. One squashfs trial root serves every mode; a bundle's mode
# is its signed extra command line (test.trial=root-MODE). Identical files are hard
# links, so the initramfs carries each only once.
set -eu
. "$(dirname "$0")/../scripts/lib.sh"

gdir=${1:?usage: mkbundles.sh malta|maltabe|virt|arm64|malta-mainline}
# The board; gdir names its directory in build/guest/ (guest_board in scripts/lib.sh).
guest=$(guest_board "$gdir") kline=$(guest_kline "$gdir")
arch=$(board_arch "$guest") || die "unknown guest '$gdir' (known: malta maltabe virt arm64 malta-mainline)"
# board: the root compatible of the guest's device tree, which every bundle names.
# other: a board whose genuine kernel this one must refuse (refuse-arch): the other
# family's, or for a board of another byte order, its sibling's (the same machine number
# in the ELF header, the other EI_DATA).
case $guest in
malta) console=ttyS0 other=virt board=mti,malta ;;
maltabe) console=ttyS0 other=malta board=mti,malta ;;
virt) console=ttyAMA0 other=malta board=linux,dummy-virt ;;
arm64) console=ttyAMA0 other=virt board=linux,dummy-virt ;;
esac
out=$TOP/build/guest/$gdir
pb=$TOP/build/phramboot-native/phramboot
[ -x "$pb" ] || die "$pb missing; run 'make tools'"
for t in phramboot watchdog-arm drill-init; do
	[ -f "$TOP/build/target-$arch/$t" ] || die "build/target-$arch/$t missing; run 'make tools'"
done

# Test keys: "test" is trusted by the guests, "other" is not.
keys=$TOP/build/keys
mkdir -p "$keys"
for k in test other; do
	[ -f "$keys/$k.sec" ] || "$pb" keygen --pub "$keys/$k.pub" --sec "$keys/$k.sec" \
		--comment "phramboot QEMU test key '$k'" >/dev/null
done

# The board's DTB as a vendor would ship it, with its memory node: malta's from the
# kernel tree (malta.dts has none: the kernel adds it at boot from YAMON, see
# docs/platform-notes.md), virt's from QEMU itself plus what the router's firmware adds:
# its flash partitions and its pstore/ramoops region. board_dtb MIB OUT: for a board with
# MIB MiB of RAM (router-memory boots one made for another size).
. "$TOP/qemu-tests/board.sh"
board "$guest"
src=$("$TOP/scripts/linux-src.sh" "$kline")
board_dtb() {
	case $(board_family "$guest") in
	malta)
		{ cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -I "$src/include" \
			-I "$src/scripts/dtc/include-prefixes" "$src/arch/mips/boot/dts/mti/malta.dts"
		  printf '/ { memory@0 { device_type = "memory"; reg = <0x0 %#x>; }; };\n' $(($1 << 20))
		} | dtc -q -I dts -O dtb -o "$2" - ;;
	virt)
		# The machine router_qemu powers on (board.sh), with MIB MiB of RAM.
		${QEMU_MACHINE% -m *} -m "$1" -display none -net none \
			-machine dumpdtb="$2.raw" >/dev/null 2>&1 ||
			die "${QEMU_MACHINE%% *} could not dump the $guest DTB"
		{ dtc -q -I dtb -O dts "$2.raw"
		  printf '/ {\n\treserved-memory {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n\t\tranges;\n'
		  printf '\t\tramoops@%x {\n\t\t\tcompatible = "ramoops";\n\t\t\treg = <0x0 %#x 0x0 %#x>;\n' \
			$((RAMOOPS_ADDR)) $((RAMOOPS_ADDR)) $((RAMOOPS_SIZE))
		  printf '\t\t\trecord-size = <%#x>;\n\t\t\tconsole-size = <%#x>;\n\t\t};\n\t};\n};\n' \
			$((RAMOOPS_RECORD)) $((RAMOOPS_CONSOLE))
		  # Linux sees both banks as one MTD: the second bank's partitions start at 64 MiB.
		  printf '&{/flash@0} {\n\tpartitions {\n\t\tcompatible = "fixed-partitions";\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n'
		  printf '%s\n' "$FLASH_PARTS" | while read -r name dev off size ro; do
			[ "$dev" = flash1 ] && off=$((off + 0x4000000))
			printf '\t\tpartition@%x {\n\t\t\tlabel = "%s";\n\t\t\treg = <%#x %#x>;\n' $((off)) "$name" $((off)) $((size))
			[ -z "$ro" ] || printf '\t\t\tread-only;\n'
			printf '\t\t};\n'
		  done
		  printf '\t};\n};\n'
		} | dtc -q -I dts -O dtb -o "$2" - || die "dtc could not build the virt board DTB"
		rm -f "$2.raw" ;;
	esac
}
board_dtb "$RAM_MIB" "$out/board.dtb"
board_dtb 128 "$out/board-128m.dtb"

# The trial root: random stamp bytes whose hash the signed command line carries.
head -c 4096 /dev/urandom >"$out/trial-stamp"
stamp=$(sha256sum "$out/trial-stamp" | cut -c1-16)
G=$TOP/qemu-tests/guest
"$TOP/qemu-tests/mkroot.sh" "$arch" "$out/trial-root.squashfs" "$G/trial-init" \
	"$G/trial-modes=/trial-modes" "$out/trial-stamp=/etc/trial-stamp" \
	"$TOP/build/target-$arch/watchdog-arm=/sbin/watchdog-arm" \
	"$TOP/build/target-$arch/phramboot=/sbin/phramboot"

b=$out/bundles
rm -rf "$b"
mkdir -p "$b"
pack() { # NAME KEY KERNEL ROOTFS APPEND
	"$pb" pack --kernel "$3" --dtb "$out/board.dtb" --rootfs "$4" --append "$5" \
		--compatible "$board" --security-version 1 --key "$keys/$2.sec" --out "$6/$1" >/dev/null
}
# The trial root keeps its init at /init, like the initramfs images.
args="console=$console init=/init test.stamp=$stamp"
for mode in ok hang health panic; do
	pack "$mode" test "$out/payload-kernel" "$out/trial-root.squashfs" "$args test.trial=root-$mode" "$b"
done
# router-memory: the DTB of the same board with half the RAM; phramboot must give the
# trial the RAM this board really has.
"$pb" pack --kernel "$out/payload-kernel" --dtb "$out/board-128m.dtb" --rootfs "$out/trial-root.squashfs" \
	--append "$args test.trial=memory" --compatible "$board" --security-version 1 --key "$keys/test.sec" \
	--out "$b/mem128" >/dev/null
pack badsig other "$out/payload-kernel" "$out/trial-root.squashfs" "$args test.trial=root-ok" "$b"
# refuse-incompatible: a good bundle, signed, for another board.
"$pb" pack --kernel "$out/payload-kernel" --dtb "$out/board.dtb" --rootfs "$out/trial-root.squashfs" \
	--append "$args test.trial=root-ok" --compatible tplink,archer-c7-v5 --compatible qca,qca9558 \
	--security-version 1 --key "$keys/test.sec" --out "$b/wrongboard" >/dev/null
# The drill bundle (phramboot drill): the trial kernel and DTB, and the drill payload.
sh "$TOP/scripts/mkdrill.sh" --init "$TOP/build/target-$arch/drill-init" --kernel "$out/payload-kernel" \
	--dtb "$out/board.dtb" --key "$keys/test.sec" --out "$b/drill" --append "console=$console" \
	--compatible "$board" --security-version 1 --phramboot "$pb" 2>/dev/null
# A genuine kernel of the other guest's architecture.
okdir=$("$TOP/scripts/build-kernel.sh" "$other")
okern=$out/other-arch-kernel
case $other in
malta) mipsel-linux-gnu-strip -o "$okern" "$okdir/vmlinux" ;;
virt) cp "$okdir/zImage" "$okern" ;;
esac
pack wrongarch test "$okern" "$out/trial-root.squashfs" "$args test.trial=root-ok" "$b"

# staging-trial-ok: a root image of more than half the board's RAM, for the staging
# variant (phramboot receive). The padding is a pattern, not zeros, so that a trial
# reading stale RAM (fresh QEMU RAM reads zeros) cannot pass: its trial hashes every
# byte of the image it runs from against the signed size and hash.
cp "$out/trial-root.squashfs" "$out/huge-rootfs"
pad=$(( (130 << 20) - $(stat -c %s "$out/huge-rootfs") ))
yes 'phramboot staging pattern' | head -c "$pad" >>"$out/huge-rootfs"
hsha=$(sha256sum "$out/huge-rootfs" | cut -c1-64)
pack huge test "$out/payload-kernel" "$out/huge-rootfs" \
	"$args test.trial=root-whole test.rootsize=$((130 << 20)) test.rootsha=$hsha" "$b"
rm -f "$out/huge-rootfs"

# Larger than half of the 256 MiB guest's RAM: kexec_load's limit (docs/platform-notes.md). Its rootfs is
# the trial root padded with zeros to 140 MiB; the guest rebuilds it as a sparse file
# (the same bytes, the same hash), since 140 MiB would not even fit in its initramfs.
cp "$out/trial-root.squashfs" "$out/big-rootfs"
truncate -s 140M "$out/big-rootfs"
pack big test "$out/payload-kernel" "$out/big-rootfs" "$args test.trial=root-ok" "$b"
rm -f "$out/big-rootfs" "$b/big/rootfs"

for d in "$b"/*; do
	for f in kernel dtb rootfs; do
		[ "$d" = "$b/ok" ] || [ ! -f "$d/$f" ] || ! cmp -s "$d/$f" "$b/ok/$f" || ln -f "$b/ok/$f" "$d/$f"
	done
done
say "$guest bundles: $(ls "$b" | tr '\n' ' ')"
