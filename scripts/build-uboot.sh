#!/bin/sh
# build-uboot.sh malta|maltabe|virt|arm64: build U-Boot for an emulated router from
# Debian's u-boot source, with the test-only patches in qemu-tests/u-boot/patches/series
# applied and the config fragment qemu-tests/u-boot/BOARD.config over the board's
# defconfig, and print the directory holding the flash image (u-boot-swap.bin on malta:
# U-Boot's own build swaps it for malta's little-endian flash; u-boot.bin on the others).
# maltabe is malta big-endian (malta_defconfig, with malta's fragment): QEMU swaps each
# 32-bit word of malta's flash at power-on only when the CPU is little-endian
# (hw/mips/malta.c, "a neat trick which allows bi-endian firmware"), so the big-endian
# board boots the image as it is built. Cached by a hash of the source version, the
# fragment and the compiler. Debian's maltael stops at its prompt (no autoboot) and
# cannot import an environment from flash (its heap is too small); Debian's qemu_arm and
# qemu_arm64 keep a single, non-redundant environment, which A/B updates cannot rely on.
# One source tree serves all: the patches touch only malta's board files and the CFI
# flash driver.
set -eu
. "$(dirname "$0")/lib.sh"

guest=${1:?usage: build-uboot.sh malta|maltabe|virt|arm64}
case $guest in
malta) defconfig=maltael_defconfig cross=mipsel-linux-gnu- image=u-boot-swap.bin board=malta ;;
maltabe) defconfig=malta_defconfig cross=mips-linux-gnu- image=u-boot.bin board=malta ;;
virt) defconfig=qemu_arm_defconfig cross=arm-linux-gnueabihf- image=u-boot.bin board=virt ;;
arm64) defconfig=qemu_arm64_defconfig cross=aarch64-linux-gnu- image=u-boot.bin board=arm64 ;;
*) die "no U-Boot build for '$guest' (known: malta maltabe virt arm64)" ;;
esac
command -v "${cross}gcc" >/dev/null || die "${cross}gcc missing; run 'make deps'"
version=$(apt_cached apt-cache showsrc u-boot | sed -n 's/^Version: //p' | sort -V | tail -n1)
[ -n "$version" ] || die "no source package u-boot; run 'make deps' (it adds the deb-src entry)"
frag=$TOP/qemu-tests/u-boot/$board.config
patches=$TOP/qemu-tests/u-boot/patches

src=$CACHE/src/u-boot-$(inputs_hash "u-boot=$version" "$patches/series" $(series_files "$patches"))
trap 'rm -rf "$src.tmp" "$dst.tmp"' EXIT
debian_source u-boot "$version" "$src" "$patches"

key=$(inputs_hash "$(basename "$src")" "$defconfig" "$frag" "$("${cross}gcc" --version | head -n1)")
dst=$CACHE/u-boot/$guest-$key
if [ ! -f "$dst/$image" ]; then
	say "building U-Boot for $guest (about a minute; log in $dst.log)"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp/build"
	mk() { make -C "$src" O="$dst.tmp/build" CROSS_COMPILE=$cross "$@"; }
	logged "$dst.log" mk "$defconfig"
	(cd "$src" && logged "$dst.log" env CROSS_COMPILE=$cross \
		"$src/scripts/kconfig/merge_config.sh" -m -O "$dst.tmp/build" "$dst.tmp/build/.config" "$frag")
	logged "$dst.log" mk olddefconfig
	missing=$(unstuck_options "$dst.tmp/build/.config" "$frag")
	[ -z "$missing" ] || die "options did not stick in the $guest U-Boot .config: $(echo $missing)"
	logged "$dst.log" mk -j"$(nproc)"
	cp "$dst.tmp/build/$image" "$dst.tmp/build/.config" "$dst.tmp/"
	rm -rf "$dst.tmp/build"
	publish "$dst"
	for old in "$CACHE"/u-boot/$guest-*; do
		case $old in "$dst"|"$dst".log) ;; *) rm -rf "$old" ;; esac
	done
fi
echo "$dst"
