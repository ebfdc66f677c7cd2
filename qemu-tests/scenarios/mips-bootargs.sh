# mips-bootargs: the command line given with --append must reach the kexec'd kernel
# exactly, with --dtb and without. The first trial (loaded with --dtb) prints its
# /proc/cmdline and kexecs the second (without --dtb), which prints its own. Needs the
# kernel series that hands the DTB to a kexec'd MIPS kernel.
#@ arches malta
#@ timeout 120
#@ push payload
#@ expect @@BOOT old
#@ expect ^@@ bootargs \[console=ttyS0 test.trial=bootargs test.case=dtb\]$
#@ expect ^@@ bootargs \[console=ttyS0 test.trial=bootargs test.case=nodtb\]$
#@ expect @@END trial
dtb=/sys/firmware/fdt
[ -r $dtb ] || fail "mips-bootargs: no $dtb to pass with --dtb"
# The first trial needs kexec and the payload for the second load: append them to the
# trial initramfs as a second archive (the kernel unpacks both). Compressed, because an
# uncompressed archive after a compressed one must start 4-byte aligned.
mkdir -p /tmp/extra/sbin /tmp/extra/payload
cp /sbin/kexec /tmp/extra/sbin/ && cp $P/kernel $P/trial.cpio.gz /tmp/extra/payload/ ||
	fail "mips-bootargs: cannot stage the extra initramfs"
(cd /tmp/extra && find . | cpio -o -H newc | gzip) >/tmp/extra.cpio.gz 2>/dev/null ||
	fail "mips-bootargs: cannot build the extra initramfs"
cat $P/trial.cpio.gz /tmp/extra.cpio.gz >/tmp/initrd
rm -rf /tmp/extra /tmp/extra.cpio.gz
run kexec -l $P/kernel --dtb $dtb --initrd /tmp/initrd \
	--append "console=ttyS0 test.trial=bootargs test.case=dtb" || fail "mips-bootargs: kexec -l --dtb failed"
run kexec -e
fail "mips-bootargs: kexec -e returned"
