#!/bin/sh
# fdt-src.sh: print the path of libfdt's source, unpacked in the cache. phramboot's target
# build compiles it with -Os and section GC: Debian's libfdt.a (dtc 1.6.1) has one section
# per object, 18 KiB on mipsel for the dozen calls phramboot makes. The source is the
# copy in Linux 6.1 (scripts/dtc/libfdt: dtc 1.6.1, as Debian's libfdt-dev, and a few
# later commits), taken from linux-source-6.1, which 'make deps' installs for the kernel
# builds already: nothing more to download.
set -eu
. "$(dirname "$0")/lib.sh"

tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || die "$tarball missing; run 'make deps' (package linux-source-6.1)"
version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
dst=$CACHE/src/libfdt-$(inputs_hash "linux-source-6.1=$version")
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -d "$dst" ]; then
	say "unpacking libfdt from linux-source-6.1 $version"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
	tar -C "$dst.tmp" -xJf "$tarball" --wildcards --strip-components=4 '*/scripts/dtc/libfdt/*'
	[ -f "$dst.tmp/fdt_ro.c" ] || die "no scripts/dtc/libfdt/fdt_ro.c in $tarball"
	publish "$dst"
	for old in "$CACHE"/src/libfdt-*; do
		[ "$old" = "$dst" ] || rm -rf "$old"
	done
fi
echo "$dst"
