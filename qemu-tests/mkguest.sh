#!/bin/sh
# mkguest.sh GUEST: assemble a QEMU test guest in build/guest/NAME/: the test
# kernel, the signed bundles (bundles/), the raw kexec scenarios' payload (payload/: a
# kernel to kexec and a trial initramfs), and the emulated router's flash with the old
# firmware on it (router/, by mkfirmware.sh). The harness pushes bundles and payload to
# the running router by tar | ssh.
set -eu
. "$(dirname "$0")/../scripts/lib.sh"

gdir=${1:?usage: mkguest.sh malta|maltabe|virt|arm64|malta-mainline}
# The board; gdir names its directory in build/guest/ (guest_board in scripts/lib.sh).
guest=$(guest_board "$gdir") kline=$(guest_kline "$gdir")
arch=$(board_arch "$guest") || die "unknown guest '$gdir' (known: malta maltabe virt arm64 malta-mainline)"
# The kernel image each board's kexec and U-Boot load: an ELF vmlinux on MIPS, a zImage
# on 32-bit ARM, the uncompressed Image on arm64 (kexec-tools' arm64 loader takes it as
# it is; our kexec is built without zlib).
case $guest in
malta | maltabe) image=vmlinux ;;
virt) image=zImage ;;
arm64) image=Image ;;
esac
triplet=$(arch_triplet "$arch")
out=$TOP/build/guest/$gdir
mkdir -p "$out"

kdir=$("$TOP/scripts/build-kernel.sh" "$guest" "$kline")
kexec=$("$TOP/scripts/build-kexec.sh" "$arch")
cp "$kdir/$image" "$out/kernel"
cp "$kdir/.config" "$out/kernel.config"
# The kernel the old firmware kexecs into is the same build; symbols only cost RAM there.
if [ "$image" = vmlinux ]; then
	"$triplet-strip" -o "$out/payload-kernel" "$kdir/$image"
else
	cp "$kdir/$image" "$out/payload-kernel"
fi

G=$TOP/qemu-tests/guest
"$TOP/qemu-tests/mkroot.sh" "$arch" "$out/trial.cpio.gz" "$G/trial-init" \
	"$G/trial-modes=/trial-modes"

"$TOP/qemu-tests/mkbundles.sh" "$gdir"
rm -rf "$out/payload" && mkdir -p "$out/payload"
ln "$out/payload-kernel" "$out/payload/kernel"
ln "$out/trial.cpio.gz" "$out/payload/trial.cpio.gz"
"$TOP/qemu-tests/mkfirmware.sh" "$gdir"
"$TOP/qemu-tests/mkfwbundles.sh" "$gdir"
say "$gdir guest ready in ${out#"$TOP"/}: kernel $(du -h "$out/kernel" | cut -f1), flash in router/"
