#!/bin/sh
# build-musl.sh mipsel|armhf|mips|arm64: build musl's libc.a and start files for a target from
# Debian's source of the musl-dev in its sysroot (scripts/sysroot.sh), compiled for size,
# and print the directory that holds them. Debian has no musl-dev:mips: mips takes the
# version of Debian's musl source, which its sysroot's headers come from too
# (scripts/sysroot-src.sh, which puts these in that sysroot). phramboot and watchdog-arm
# link them in place of the sysroot's (MUSLLIB=DIR); the headers stay the sysroot's, of
# the same source.
#
# Debian builds musl with -O2 (and hardening); musl's own configure, given no -O, compiles
# for size as upstream does: -Os, a section per function and datum, no unwind tables.
# -fstack-protector-strong is kept from Debian's hardening. On MIPS, -mplt as our code
# (phramboot/Makefile): direct calls in a static binary. phramboot is 8 KiB smaller on
# mipsel and 4 KiB on armhf, watchdog-arm 3 KiB on each. And on MIPS, its C as MIPS16e
# where it can be (scripts/mips16-cc.sh says where not), with -minterlink-compressed as
# our code: 12 KiB off phramboot on mipsel. Cached by a hash of the source version, the
# compiler, the flags and the wrapper.
set -eu
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: build-musl.sh mipsel|armhf|mips|arm64}
triplet=$(arch_triplet "$arch")
flags=-fstack-protector-strong
cc=$triplet-gcc wrapper=
case $arch in
mipsel | mips)
	flags="$flags -mplt -minterlink-compressed"
	wrapper=$(cd "$(dirname "$0")" && pwd)/mips16-cc.sh
	cc="$wrapper $cc" ;;
esac
command -v "$triplet-gcc" >/dev/null || die "$triplet-gcc missing; run 'make deps'"
if [ "$arch" = mips ]; then
	version=$(apt_cached apt-cache showsrc musl | sed -n 's/^Version: //p' | sort -V | tail -n1)
	[ -n "$version" ] || die "no source package musl; run 'make deps' (it adds the deb-src entry)"
else
	version=$(apt_cached apt-cache show --no-all-versions "musl-dev:$arch" | sed -n 's/^Version: //p' | head -n1)
	[ -n "$version" ] || die "no package musl-dev:$arch; run 'make deps'"
fi
key=$(inputs_hash "musl=$version" "$("$triplet-gcc" --version | head -n1)" "$flags" musl-1 $wrapper)
dst=$CACHE/musl/$arch-$key
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -f "$dst/libc.a" ]; then
	src=$CACHE/src/musl-$(inputs_hash "musl=$version")
	# Debian's source as it is: no series of ours to apply.
	debian_source musl "$version" "$src" ""
	say "building musl $version for $arch (log in $dst.log)"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
	cp -a "$src" "$dst.tmp/build"
	(cd "$dst.tmp/build" &&
		logged "$dst.log" ./configure --target="$triplet" --disable-shared \
			CROSS_COMPILE="$triplet-" CC="$cc" CFLAGS="$flags" &&
		logged "$dst.make.log" make -j"$(nproc)" lib/libc.a lib/crt1.o lib/crti.o lib/crtn.o)
	for f in libc.a crt1.o crti.o crtn.o; do mv "$dst.tmp/build/lib/$f" "$dst.tmp/"; done
	rm -rf "$dst.tmp/build"
	publish "$dst"
	for old in "$CACHE"/musl/$arch-*; do
		case $old in "$dst"|"$dst".*) ;; *) rm -rf "$old" ;; esac
	done
fi
echo "$dst"
