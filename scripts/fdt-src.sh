#!/bin/sh
# fdt-src.sh: print the path of libfdt's source, unpacked in the cache. phramboot's target
# build compiles it with -Os and section GC: Debian's libfdt.a has one section per
# object, 18 KiB on mipsel for the dozen calls phramboot makes. The source is the copy in
# Linux 6.12 (scripts/dtc/libfdt: dtc 1.7.0), from the linux-source-6.12 package the
# kernel builds download already (scripts/linux-src.sh): nothing more to download.
set -eu
. "$(dirname "$0")/lib.sh"

deb=$("$TOP/scripts/linux-src.sh" --tarball 6.12)
dst=$CACHE/src/libfdt-$(inputs_hash "$(basename "$(dirname "$deb")")")
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -d "$dst" ]; then
	say "unpacking libfdt from $(basename "$(dirname "$deb")")"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/src/linux-source-6.12.tar.xz |
		tar -C "$dst.tmp" -xJ --wildcards --strip-components=4 '*/scripts/dtc/libfdt/*'
	[ -f "$dst.tmp/fdt_ro.c" ] || die "no scripts/dtc/libfdt/fdt_ro.c in $deb"
	publish "$dst"
	for old in "$CACHE"/src/libfdt-*; do
		[ "$old" = "$dst" ] || rm -rf "$old"
	done
fi
echo "$dst"
