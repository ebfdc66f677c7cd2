#!/bin/sh
# build-kernel.sh malta|maltabe|virt|arm64 [6.12|mainline]: build a QEMU test kernel from
# the patched tree of that kernel line (6.12 unless told) and the config fragments in
# qemu-tests/kernel/, and print the directory holding the kernel image (vmlinux on malta
# and maltabe, zImage on virt, the uncompressed Image on arm64, which kexec-tools loads
# without zlib) and its .config. Cached by a hash of the source tree's inputs, the
# fragments and the compiler. maltabe is malta big-endian (qemu-system-mips):
# malta.config's board with maltabe.config's byte order over it.
set -eu
. "$(dirname "$0")/lib.sh"

target=${1:?usage: build-kernel.sh malta|maltabe|virt|arm64 [6.12|mainline]}
line=${2:-6.12}
case $target in
malta) arch=mips cross=mipsel-linux-gnu- image=vmlinux board=malta ;;
maltabe) arch=mips cross=mips-linux-gnu- image=vmlinux board="malta maltabe" ;;
virt) arch=arm cross=arm-linux-gnueabihf- image=arch/arm/boot/zImage board=virt ;;
arm64) arch=arm64 cross=aarch64-linux-gnu- image=arch/arm64/boot/Image board=arm64 ;;
*) die "unknown QEMU target '$target' (known: malta maltabe virt arm64)" ;;
esac
command -v "${cross}gcc" >/dev/null || die "${cross}gcc missing; run 'make deps'"

src=$("$TOP/scripts/linux-src.sh" "$line")
frags="$TOP/qemu-tests/kernel/common.config $TOP/qemu-tests/kernel/line-$line.config"
for f in $board; do frags="$frags $TOP/qemu-tests/kernel/$f.config"; done
key=$(inputs_hash "$(basename "$src")" $frags "$("${cross}gcc" --version | head -n1)")
dst=$CACHE/kernel/$target-$line-$key
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -f "$dst/$(basename $image)" ]; then
	say "building the $target $line kernel (a few minutes cold; log in $dst.log)"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
	out=$dst.tmp/build
	mk() { make -C "$src" O="$out" ARCH=$arch CROSS_COMPILE=$cross "$@"; }
	# merge_config.sh -n: our fragments over allnoconfig, so the kernel holds only what
	# the tests need (and builds in minutes).
	mkdir -p "$out"
	(cd "$src" && logged "$dst.log" env ARCH=$arch CROSS_COMPILE=$cross \
		"$src/scripts/kconfig/merge_config.sh" -n -O "$out" $frags)
	missing=$(unstuck_options "$out/.config" $frags)
	[ -z "$missing" ] || die "options did not stick in the $target .config (dependency missing?): $(echo $missing)"
	logged "$dst.log" mk -j"$(nproc)" "$(basename $image)"
	cp "$out/$image" "$out/.config" "$dst.tmp/"
	rm -rf "$out"
	publish "$dst"
	for old in "$CACHE"/kernel/$target-$line-*; do
		case $old in "$dst"|"$dst".log) ;; *) rm -rf "$old" ;; esac
	done
fi
echo "$dst"
