#!/bin/sh
# mkguest.sh malta|virt: assemble a QEMU test guest in build/guest/NAME/: the test
# kernel, and an initramfs holding the "old firmware" (busybox, our target tools, the
# scenarios) with the payload a trial boot needs (a kernel to kexec, a trial initramfs).
set -eu
. "$(dirname "$0")/../scripts/lib.sh"

guest=${1:?usage: mkguest.sh malta|virt}
case $guest in
malta) arch=mipsel image=vmlinux ;;
virt) arch=armhf image=zImage ;;
*) die "unknown guest '$guest' (known: malta virt)" ;;
esac
triplet=$(arch_triplet "$arch")
out=$TOP/build/guest/$guest
mkdir -p "$out"

kdir=$("$TOP/scripts/build-kernel.sh" "$guest")
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

"$TOP/qemu-tests/mkbundles.sh" "$guest"
"$TOP/qemu-tests/mkroot.sh" "$arch" "$out/initrd.cpio.gz" "$G/init" \
	"$TOP/qemu-tests/scenarios=/scenarios" "$kexec=/sbin/kexec" \
	"$TOP/build/target-$arch/phramboot=/sbin/phramboot" \
	"$TOP/build/target-$arch/watchdog-arm=/sbin/watchdog-arm" \
	"$TOP/build/keys/test.pub=/etc/phramboot/keys/test.pub" \
	"$out/payload-kernel=/payload/kernel" "$out/trial.cpio.gz=/payload/trial.cpio.gz" \
	"$out/bundles=/payload/bundles"
say "$guest guest ready in ${out#"$TOP"/}: kernel $(du -h "$out/kernel" | cut -f1), initramfs $(du -h "$out/initrd.cpio.gz" | cut -f1)"
