#!/bin/sh
# sodium-src.sh: print the path of Debian's libsodium source, unpacked in the cache.
# phramboot's target build compiles the few files Ed25519 verification needs from it,
# with -Os and section GC: Debian's libsodium.a object for Ed25519 alone is 134 KiB.
set -eu
. "$(dirname "$0")/lib.sh"

version=$(apt_cached apt-cache showsrc libsodium | sed -n 's/^Version: //p' | sort -V | tail -n1)
[ -n "$version" ] || die "no source package libsodium; run 'make deps' (it adds the deb-src entry)"
dst=$CACHE/src/libsodium-$(inputs_hash "libsodium=$version")
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -d "$dst" ]; then
	say "downloading and unpacking libsodium $version source"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp/dl"
	(cd "$dst.tmp/dl" && logged apt.log apt-get source --download-only "libsodium=$version")
	logged "$dst.tmp/dl/x.log" dpkg-source --no-check -x "$dst.tmp"/dl/libsodium_*.dsc "$dst.tmp/tree"
	mv "$dst.tmp/tree" "$dst"
fi
echo "$dst"
