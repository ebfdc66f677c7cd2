#!/bin/sh
# build-testlibs.sh mips: build the libraries our unit tests link, static for a target,
# and print the directory that holds them (include/, lib/libcmocka.a, lib/libsodium.a).
# `make -C phramboot check-cross` links the tests with them and the cross toolchain's
# static glibc, and runs them under qemu-user: on mips, a big-endian process, so that
# the ELF, signature, manifest and DTB code is tested where the host's byte order is
# not the little-endian of the build host.
#
# cmocka is Debian's source, built with its own CMake as Debian does (static only, no
# tests or examples); libsodium is Debian's source (scripts/sodium-src.sh), built in
# full: the tests sign, and generate keys, with libsodium's own code, which
# the target build (the few verification files, phramboot/Makefile) leaves out. libfdt
# is compiled by phramboot/Makefile from FDT_SRC, as for the target. Cached by a hash of
# both source versions and the compiler (logs in $dst.log, .make.log and .sodium.log).
set -eu
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: build-testlibs.sh mips}
triplet=$(arch_triplet "$arch")
gcc=$triplet-gcc
command -v "$gcc" >/dev/null || die "$gcc missing; run 'make deps'"
command -v cmake >/dev/null || die "cmake missing; run 'make deps'"
version=$(apt_cached apt-cache showsrc cmocka | sed -n 's/^Version: //p' | sort -V | tail -n1)
[ -n "$version" ] || die "no source package cmocka; run 'make deps' (it adds the deb-src entry)"
sodium=$("$TOP/scripts/sodium-src.sh")
key=$(inputs_hash "cmocka=$version" "$(basename "$sodium")" "$("$gcc" --version | head -n1)" testlibs-1)
dst=$CACHE/testlibs/$arch-$key
src=$CACHE/src/cmocka-$(inputs_hash "cmocka=$version")
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp" "$src.tmp"' EXIT
if [ ! -f "$dst/lib/libsodium.a" ]; then
	debian_source cmocka "$version" "$src" ""
	say "building cmocka $version and libsodium for $arch tests (log in $dst.log)"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp/cmocka" "$dst.tmp/sodium"
	# CMake's cross mode: the target's compiler, and no host paths for its checks.
	(cd "$dst.tmp/cmocka" &&
		logged "$dst.log" cmake "$src" -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR="$arch" \
			-DCMAKE_C_COMPILER="$gcc" -DCMAKE_BUILD_TYPE=Release \
			-DCMAKE_INSTALL_PREFIX="$dst.tmp" -DCMAKE_INSTALL_LIBDIR=lib \
			-DWITH_STATIC_LIB=ON -DBUILD_SHARED_LIBS=OFF -DWITH_EXAMPLES=OFF -DUNIT_TESTING=OFF &&
		logged "$dst.make.log" make -j"$(nproc)" install)
	# cmocka 1.1.5 builds its shared library whatever it is told; the tests are static.
	rm -f "$dst.tmp"/lib/libcmocka.so*
	[ -f "$dst.tmp/lib/libcmocka.a" ] || [ ! -f "$dst.tmp/lib/libcmocka-static.a" ] ||
		mv "$dst.tmp/lib/libcmocka-static.a" "$dst.tmp/lib/libcmocka.a"
	[ -f "$dst.tmp/lib/libcmocka.a" ] || die "cmocka's build made no static library; see $dst.make.log"
	# Debian's libsodium source has no configure script (Debian runs autoreconf, which
	# needs automake and libtool): compile every file of the library instead, as
	# configure would with no CPU extensions (their files then compile to nothing), with
	# the version.h it would make and the byte order it would find.
	ls=$sodium/src/libsodium
	mkdir -p "$dst.tmp/include/sodium"
	cp "$ls/include/sodium.h" "$dst.tmp/include/"
	cp "$ls"/include/sodium/*.h "$dst.tmp/include/sodium/"
	sed -e 's/@VERSION@/1.0.18/; s/@SODIUM_LIBRARY_VERSION_MAJOR@/10/' \
	    -e 's/@SODIUM_LIBRARY_VERSION_MINOR@/3/; s/@SODIUM_LIBRARY_MINIMAL_DEF@//' \
	    "$ls/include/sodium/version.h.in" >"$dst.tmp/include/sodium/version.h"
	if "$gcc" -dM -E - </dev/null | grep -q '__BYTE_ORDER__ __ORDER_BIG_ENDIAN__'; then
		order=-DNATIVE_BIG_ENDIAN=1
	else
		order=-DNATIVE_LITTLE_ENDIAN=1
	fi
	(cd "$ls" && find . -name '*.c' | sort) >"$dst.tmp/sodium/files"
	while read -r f; do
		o=$dst.tmp/sodium/$(echo "${f#./}" | tr / _ | sed 's/\.c$/.o/')
		logged "$dst.sodium.log" "$gcc" -O2 -g -DCONFIGURED=1 "$order" \
			-I"$dst.tmp/include/sodium" -I"$ls/include/sodium" -c "$ls/$f" -o "$o"
	done <"$dst.tmp/sodium/files"
	logged "$dst.sodium.log" "$triplet-ar" rcs "$dst.tmp/lib/libsodium.a" "$dst.tmp"/sodium/*.o
	rm -rf "$dst.tmp/cmocka" "$dst.tmp/sodium" "$dst.tmp/lib/pkgconfig" "$dst.tmp/lib/cmake" \
		"$dst.tmp"/lib/*.la
	publish "$dst"
	for old in "$CACHE"/testlibs/$arch-*; do
		case $old in "$dst"|"$dst".*) ;; *) rm -rf "$old" ;; esac
	done
fi
echo "$dst"
