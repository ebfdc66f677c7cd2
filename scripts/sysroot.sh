#!/bin/sh
# sysroot.sh ARCH [build|ssh|flash]: unpack the target's Debian packages into a per-arch
# sysroot in the cache and print its path. They cannot be installed with apt:
# busybox-static and libfdt-dev are not co-installable across architectures.
#   build (default): busybox, the static libraries and musl our target tools link with;
#   ssh: the emulated router's ssh server, Debian's dropbear (linked against glibc), with
#        the shared libraries it runs on;
#   flash: what updates the router's flash from its firmware: U-Boot's environment tools
#        (libubootenv-tool) and mtd-utils (UBI, erase, copy), with their shared libraries.
# mips (big-endian) has no Debian packages to unpack: scripts/sysroot-src.sh builds its
# sysroot, in the same layout, from Debian's sources (build and ssh; its board needs no
# flash set).
set -eu
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: sysroot.sh mipsel|armhf|mips|arm64 [build|ssh|flash]}
set=${2:-build}
arch_triplet "$arch" >/dev/null
[ "$arch" = mips ] && exec "$TOP/scripts/sysroot-src.sh" "$arch" "$set"
case $set in
# linux-libc-dev: the target's <linux/watchdog.h> (MIPS ioctl numbers differ from x86).
build) pkgs="busybox-static libfdt-dev libfdt1 libsodium-dev libsodium23 musl-dev musl linux-libc-dev" ;;
ssh) pkgs="dropbear-bin libc6 libcrypt1 libtomcrypt1 libtommath1 libgmp10 zlib1g" ;;
flash) pkgs="libubootenv-tool libubootenv0.1 mtd-utils libc6 zlib1g" ;;
*) die "unknown package set '$set' (known: build ssh flash)" ;;
esac

# One query for all of them: Package and Version lines, in the order apt-cache gives.
shown=$(apt_cached apt-cache show --no-all-versions $(for p in $pkgs; do echo "$p:$arch"; done)) ||
	shown=
versions=$(for p in $pkgs; do
	v=$(printf '%s\n' "$shown" | sed -n "/^Package: $p\$/,/^\$/s/^Version: //p" | head -n1)
	# The joint query fails as a whole when one package is missing: ask alone, to name it.
	[ -n "$v" ] || v=$(apt-cache show --no-all-versions "$p:$arch" 2>/dev/null |
		sed -n 's/^Version: //p' | head -n1)
	[ -n "$v" ] || die "no package $p:$arch; run 'make deps' (it registers foreign architectures)"
	echo "$p=$v"
done)
dst=$CACHE/sysroot/$arch-$set-$(inputs_hash "$versions")
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -d "$dst" ]; then
	say "unpacking $arch packages into $dst"
	rm -rf "$dst.tmp" && mkdir -p "$dst.tmp/debs"
	(cd "$dst.tmp/debs" && logged ../download.log apt-get download $(echo "$versions" | sed "s/=/:$arch=/"))
	for d in "$dst.tmp"/debs/*.deb; do dpkg-deb -x "$d" "$dst.tmp"; done
	rm -rf "$dst.tmp/debs"
	publish "$dst"
fi
echo "$dst"
