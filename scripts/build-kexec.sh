#!/bin/sh
# build-kexec.sh mipsel|armhf|mips|arm64: build a static, stripped kexec from the patched
# kexec-tools source for a target and print its path. Cached by a hash of the source
# tree's inputs, the compiler and the sysroot.
#
# Linked statically against musl from the target's sysroot (scripts/sysroot.sh), as
# phramboot is (musl_static in lib.sh): about 220 KiB on mipsel where glibc's static libc
# made it 808 KiB, and kexec runs from the small RAM of the routers. kexec-tools builds
# against musl without changes. zlib, lzma and zstd are left out:
# the targets load uncompressed kernels (vmlinux on mipsel and mips, zImage on armhf, and
# on arm64 the Image, which kexec-tools' image-arm64 loader takes as it is).
set -eu
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: build-kexec.sh mipsel|armhf|mips|arm64}
triplet=$(arch_triplet "$arch")
case $arch in
mipsel) musl=mipsel-linux-musl ;;
armhf) musl=arm-linux-musleabihf ;;
mips) musl=mips-linux-musl ;;
arm64) musl=aarch64-linux-musl ;;
*) die "no kexec build for '$arch' (known: mipsel armhf mips arm64)" ;;
esac
command -v "$triplet-gcc" >/dev/null || die "$triplet-gcc missing; run 'make deps'"
src=$("$TOP/scripts/kexec-src.sh")
sysroot=$("$TOP/scripts/sysroot.sh" "$arch")
lib=$sysroot/usr/lib/$musl
[ -f "$lib/libc.a" ] || die "$sysroot lacks $musl's libc.a (musl-dev:$arch); delete it and rerun so scripts/sysroot.sh unpacks it again"
[ -d "$sysroot/usr/include/$triplet/asm" ] || die "$sysroot lacks the kernel headers (linux-libc-dev:$arch); delete it and rerun"
# A section per function and datum, and the link drops what nothing calls: kexec-tools
# links every loader of its architecture, and most of each is unused on a router (arm64:
# 258 KiB without, 194 KiB with).
gc="-ffunction-sections -fdata-sections"
key=$(inputs_hash "$(basename "$src")" "$("$triplet-gcc" --version | head -n1)" "$(basename "$sysroot")" musl-1 "$gc")
dst=$CACHE/kexec/$arch-$key
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -f "$dst/kexec" ]; then
	say "building static kexec for $arch against musl (log in $dst.log)"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
	cp -a "$src" "$dst.tmp/build"
	khdr=$dst.tmp/khdr
	musl_static "$sysroot" "$triplet" "$musl" "$khdr"
	(cd "$dst.tmp/build" &&
		logged "$dst.log" ./configure --host="$triplet" \
			--without-zlib --without-lzma --without-zstd --without-xen \
			CC="$MS_CC" CFLAGS="-Os $gc $MS_CFLAGS" LDFLAGS="$MS_LDFLAGS -Wl,--gc-sections" LIBS="$MS_LIBS" &&
		logged "$dst.make.log" make -j"$(nproc)")
	"$triplet-strip" -o "$dst.tmp/kexec" "$dst.tmp/build/build/sbin/kexec"
	rm -rf "$dst.tmp/build" "$khdr"
	publish "$dst"
	for old in "$CACHE"/kexec/$arch-*; do
		case $old in "$dst"|"$dst".*) ;; *) rm -rf "$old" ;; esac
	done
fi
echo "$dst/kexec"
