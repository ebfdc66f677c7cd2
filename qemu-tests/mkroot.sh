#!/bin/sh
# mkinitramfs.sh ARCH OUT.cpio.gz INIT [SRC=DEST ...]
# Build a gzipped newc initramfs for a test guest: Debian's static busybox for ARCH,
# the guest test helpers, INIT as /init, and each SRC (file or folder) copied to DEST.
set -eu
. "$(dirname "$0")/../scripts/lib.sh"

arch=${1:?usage: mkinitramfs.sh ARCH OUT.cpio.gz INIT [SRC=DEST ...]}
out=${2:?missing OUT}
init=${3:?missing INIT}
shift 3
sysroot=$("$TOP/scripts/sysroot.sh" "$arch")

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/sbin" "$stage/lib" "$stage/dev" "$stage/proc" "$stage/sys" \
	"$stage/tmp" "$stage/mnt" "$stage/etc" "$stage/usr/bin" "$stage/usr/sbin" "$stage/root"
cp "$sysroot/bin/busybox" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
cp "$TOP/qemu-tests/guest/test.sh" "$stage/lib/test.sh"
cp "$init" "$stage/init"
chmod 755 "$stage/init"
for pair in "$@"; do
	src=${pair%%=*} dest=${pair#*=}
	[ -e "$src" ] || die "$src does not exist (wanted at $dest in the initramfs)"
	mkdir -p "$stage$(dirname "$dest")"
	cp -a "$src" "$stage$dest"
done
# The kernel opens /dev/console before /init runs, before devtmpfs is mounted.
mknod -m 600 "$stage/dev/console" c 5 1 || die "cannot mknod /dev/console (run as root)"
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -n -6 >"$out.tmp"
mv "$out.tmp" "$out"
