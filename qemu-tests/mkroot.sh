#!/bin/sh
# mkroot.sh ARCH OUT INIT [SRC=DEST ...]
# Build a root file system for a test guest: Debian's static busybox for ARCH, the guest
# test helpers, INIT as /init, and each SRC (file or folder) copied to DEST. OUT ending
# in .cpio.gz gives a gzipped newc initramfs, in .squashfs a squashfs image (a trial's
# root on phram).
set -eu
. "$(dirname "$0")/../scripts/lib.sh"

arch=${1:?usage: mkroot.sh ARCH OUT.cpio.gz|OUT.squashfs INIT [SRC=DEST ...]}
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
	# A folder's contents merge into DEST, which may exist already (/etc, /lib).
	if [ -d "$src" ]; then
		mkdir -p "$stage$dest" && cp -a "$src/." "$stage$dest/"
	else
		cp -a "$src" "$stage$dest"
	fi
done
# The kernel opens /dev/console before /init runs, before devtmpfs is mounted.
mknod -m 600 "$stage/dev/console" c 5 1 || die "cannot mknod /dev/console (run as root)"
case $out in
*.cpio.gz)
	(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc --owner=0:0 --quiet) | gzip -n -6 >"$out.tmp" ;;
*.squashfs)
	rm -f "$out.tmp"
	logged "$out.log" mksquashfs "$stage" "$out.tmp" -noappend -all-root -comp gzip \
		-mkfs-time 0 -all-time 0 ;;
*) die "$out: say .cpio.gz or .squashfs" ;;
esac
mv "$out.tmp" "$out"
