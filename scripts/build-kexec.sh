#!/bin/sh
# build-kexec.sh mipsel|armhf: build a static, stripped kexec from the patched
# kexec-tools source for a target and print its path. Cached by a hash of the source
# tree's inputs and the compiler.
set -eu
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: build-kexec.sh mipsel|armhf}
triplet=$(arch_triplet "$arch")
command -v "$triplet-gcc" >/dev/null || die "$triplet-gcc missing; run 'make deps'"
src=$("$TOP/scripts/kexec-src.sh")
key=$(inputs_hash "$(basename "$src")" "$("$triplet-gcc" --version | head -n1)")
dst=$CACHE/kexec/$arch-$key
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -f "$dst/kexec" ]; then
	say "building static kexec for $arch (log in $dst.log)"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
	cp -a "$src" "$dst.tmp/build"
	(cd "$dst.tmp/build" &&
		logged "$dst.log" ./configure --host="$triplet" LDFLAGS=-static &&
		logged "$dst.make.log" make -j"$(nproc)")
	"$triplet-strip" -o "$dst.tmp/kexec" "$dst.tmp/build/build/sbin/kexec"
	rm -rf "$dst.tmp/build"
	publish "$dst"
	for old in "$CACHE"/kexec/$arch-*; do
		case $old in "$dst"|"$dst".*) ;; *) rm -rf "$old" ;; esac
	done
fi
echo "$dst/kexec"
