#!/bin/sh
# mkfwbundles.sh GUEST: the firmware bundles of the commit tests, made on the build
# host with `phramboot pack --flash`, into build/guest/NAME/bundles/:
#
#   fw-next      a new firmware: the router's own root with /etc/firmware-version "next"
#                (its init then confirms A/B slots and commits itself on request), a
#                kernel image of its own (another image name: another header, so a
#                commit rewrites the kernel's first erase block and skips the rest), the
#                board DTB (virt) and, on virt, a new UBI volume for the appdata target
#   fw-broken    boots as a trial like fw-next, but the root it flashes has no /init:
#                booted from flash its kernel panics (the A/B fallback test)
#   fw-unsigned  fw-next without its signature (booted with --insecure; commit refuses)
#   fw-factory   what the factory flash holds, as payloads: the power-cut tests compare
#                the flash against this or fw-next
#
# Security versions (anti-rollback): fw-factory 1, the others 2; refuse-downgrade boots
# fw-factory again on a board that committed fw-next.
#
# Run by mkguest.sh after mkbundles.sh and mkfirmware.sh.
set -eu
. "$(dirname "$0")/../scripts/lib.sh"

gdir=${1:?usage: mkfwbundles.sh malta|maltabe|virt|arm64|malta-mainline}
# The board; gdir names its directory in build/guest/ (guest_board in scripts/lib.sh).
guest=$(guest_board "$gdir")
family=$(board_family "$guest") || die "unknown guest '$gdir' (known: malta maltabe virt arm64 malta-mainline)"
case $family in
malta) console=ttyS0 board=mti,malta ;;
virt) console=ttyAMA0 board=linux,dummy-virt ;;
esac
g=$TOP/build/guest/$gdir
r=$g/router
b=$g/bundles
pb=$TOP/build/phramboot-native/phramboot
key=$TOP/build/keys/test.sec
for f in "$r/rootfs.squashfs" "$r/kernel.uimg" "$g/payload-kernel" "$g/board.dtb" "$key"; do
	[ -f "$f" ] || die "$f missing; run mkguest.sh $guest"
done
work=$g/fw-work
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# The new firmware's root: the factory root and a version file, squashed as mkroot.sh does.
logged "$work/unsquash.log" unsquashfs -d "$work/root" -no-xattrs "$r/rootfs.squashfs"
printf 'next\n' >"$work/root/etc/firmware-version"
logged "$work/mksquashfs.log" mksquashfs "$work/root" "$work/rootfs-next.squashfs" -noappend \
	-all-root -comp gzip -mkfs-time 0 -all-time 0
# A root without /init: the kernel panics ("Requested init /init failed").
mkdir -p "$work/broken/etc"
printf 'broken\n' >"$work/broken/etc/firmware-version"
logged "$work/mksquashfs.log" mksquashfs "$work/broken" "$work/rootfs-broken.squashfs" -noappend \
	-all-root -comp gzip -mkfs-time 0 -all-time 0

# The same kernel under another image name.
logged "$work/dumpimage.log" dumpimage -T kernel -p 0 -o "$work/kernel.data" "$r/kernel.uimg"
info=$(mkimage -l "$r/kernel.uimg")
load=$(printf '%s\n' "$info" | sed -n 's/^Load Address: *//p')
entry=$(printf '%s\n' "$info" | sed -n 's/^Entry Point: *//p')
case $guest in
malta | maltabe) arch=mips comp=gzip ;;
virt) arch=arm comp=none ;;
arm64) arch=arm64 comp=gzip ;;
esac
logged "$work/mkimage.log" mkimage -A "$arch" -O linux -T kernel -C "$comp" -a "0x$load" -e "0x$entry" \
	-n "phramboot next firmware" -d "$work/kernel.data" "$work/kernel-next.uimg"

flash_common() { # KERNEL-UIMAGE: the --flash options both guests share
	printf -- '--flash kernel=%s --flash rootfs=@rootfs' "$1"
	[ "$family" != virt ] || printf -- ' --flash dtb=@dtb'
}
extra=
if [ "$family" = virt ]; then
	# A new UBI volume, bigger than the factory one (1 MiB): commit must resize it.
	mkdir -p "$work/appdata"
	printf 'next\n' >"$work/appdata/version"
	head -c 1572864 /dev/urandom >"$work/appdata/filler"
	logged "$work/mksquashfs.log" mksquashfs "$work/appdata" "$work/appdata-next.squashfs" -noappend \
		-all-root -comp gzip -mkfs-time 0 -all-time 0
	extra="--flash appdata=$work/appdata-next.squashfs"
fi
args="console=$console init=/init"
common="--compatible $board --key $key"
for n in fw-next fw-broken fw-unsigned fw-factory; do rm -rf "${b:?}/$n"; done
# shellcheck disable=SC2046 # the option lists are words on purpose
"$pb" pack --kernel "$g/payload-kernel" --dtb "$g/board.dtb" --rootfs "$work/rootfs-next.squashfs" \
	--append "$args" $(flash_common "$work/kernel-next.uimg") $extra $common --security-version 2 \
	--out "$b/fw-next" >/dev/null
# shellcheck disable=SC2046
"$pb" pack --kernel "$g/payload-kernel" --dtb "$g/board.dtb" --rootfs "$work/rootfs-next.squashfs" \
	--append "$args" --flash kernel="$work/kernel-next.uimg" --flash rootfs="$work/rootfs-broken.squashfs" \
	$([ "$family" != virt ] || printf -- '--flash dtb=@dtb') $common --security-version 2 --out "$b/fw-broken" >/dev/null
mkdir -p "$b/fw-unsigned"
for f in "$b/fw-next"/*; do
	[ "$(basename "$f")" = manifest.sig ] || ln "$f" "$b/fw-unsigned/"
done
# shellcheck disable=SC2046
"$pb" pack --kernel "$g/payload-kernel" --dtb "$g/board.dtb" --rootfs "$r/rootfs.squashfs" \
	--append "$args" $(flash_common "$r/kernel.uimg") $common --security-version 1 --out "$b/fw-factory" >/dev/null
# The kernel and DTB are the same in each: one copy in what the harness pushes.
for n in fw-broken fw-factory; do
	for f in kernel dtb rootfs; do
		! cmp -s "$b/$n/$f" "$b/fw-next/$f" || ln -f "$b/fw-next/$f" "$b/$n/$f"
	done
done
! cmp -s "$b/fw-broken/flash-kernel" "$b/fw-next/flash-kernel" ||
	ln -f "$b/fw-next/flash-kernel" "$b/fw-broken/flash-kernel"
say "$guest firmware bundles: fw-next fw-broken fw-unsigned fw-factory (rootfs $(stat -c %s "$work/rootfs-next.squashfs") B)"
