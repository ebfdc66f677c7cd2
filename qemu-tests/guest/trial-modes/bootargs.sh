# bootargs: print the command line this kernel got, bracketed so that stray spaces show;
# the host compares it with what the kexec --append said. With test.case=dtb, also run
# the second case: kexec again without --dtb (the old firmware appended kexec and the
# payload to this initramfs for that).
mark "bootargs [$(cat /proc/cmdline)]"
if [ "$(cmdline_arg test.case)" = dtb ]; then
	[ -x /sbin/kexec ] || fail "bootargs: no /sbin/kexec in the trial initramfs"
	run kexec -l /payload/kernel --initrd /payload/trial.cpio.gz \
		--append "console=ttyS0 test.trial=bootargs test.case=nodtb" ||
		fail "bootargs: kexec -l without --dtb failed"
	run kexec -e
	fail "bootargs: kexec -e returned"
fi
