#!/bin/sh
# linux-src.sh: print the path of a Linux 6.1 tree from Debian's linux-source-6.1 with
# kernel-patches/series and then qemu-tests/kernel/test-patches/series applied. Cached
# by a hash of the package version and every patch.
set -eu
. "$(dirname "$0")/lib.sh"

tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || die "$tarball missing; run 'make deps' (package linux-source-6.1)"
version=$(dpkg-query -W -f='${Version}' linux-source-6.1)

key=$(inputs_hash "linux-source-6.1=$version" \
	"$TOP/kernel-patches/series" $(series_files "$TOP/kernel-patches") \
	"$TOP/qemu-tests/kernel/test-patches/series" $(series_files "$TOP/qemu-tests/kernel/test-patches"))
dst=$CACHE/src/linux-$key
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -d "$dst" ]; then
	say "unpacking linux-source-6.1 $version and applying patches"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
	tar -C "$dst.tmp" --strip-components=1 -xf "$tarball"
	apply_series "$dst.tmp" "$TOP/kernel-patches"
	apply_series "$dst.tmp" "$TOP/qemu-tests/kernel/test-patches"
	publish "$dst"
	# A tree is 1.3 GB: keep only the one the current patches describe.
	for old in "$CACHE"/src/linux-*; do
		[ "$old" = "$dst" ] || rm -rf "$old"
	done
fi
echo "$dst"
