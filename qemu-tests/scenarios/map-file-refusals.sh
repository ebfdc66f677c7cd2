# map-file-refusals: every bad --map-file must give one clear line on stderr, a non-zero
# exit, and leave nothing loaded. A good load at the end proves the setup itself works.
#@ arches malta virt
#@ skip.maltabe kexec-tools' MIPS checks are the same on both byte orders; proven on malta
#@ timeout 90
#@ push payload
#@ expect @@BOOT old
#@ expect @@ refused unaligned: .*page size
#@ expect @@ refused outside-ram: .*not inside
#@ expect @@ (refused over-kernel: .*(overlaps|unpacks)|over-kernel: arm64 loads its Image clear of a file at 0x[0-9a-f]+)
#@ expect @@ refused missing-file: .*unable to open.*No such file
#@ expect @@ refused junk: .*0x1000zz
#@ expect @@ refused zero: .*is 0
#@ expect @@ refused overflow: .*does not fit
#@ expect @@ refused no-address: .*FILE@ADDR
#@ expect @@ refused file-syscall: .*-s
#@ expect @@ map-file-refusals: control load ok
#@ expect @@END
dd if=/dev/urandom of=/tmp/pattern bs=4096 count=16 2>/dev/null || fail "cannot write /tmp/pattern"
[ "$(cat /sys/kernel/kexec_loaded)" = 0 ] || fail "an image is loaded before the test"

ram=$(sed -n 's/^\([0-9a-f]*\)-\([0-9a-f]*\) : System RAM$/\1 \2/p' /proc/iomem | tail -n1)
[ -n "$ram" ] || fail "no System RAM in /proc/iomem"
ram_start=$((0x${ram% *})) ram_top=$((0x${ram#* } + 1))
good=$(printf 0x%x $((ram_top - 0x1000000)))
# The mips loader puts the ELF kernel where the running one sits ("Kernel code"); the arm
# zImage unpacks its kernel at the start of RAM.
kcode=$(sed -n 's/^ *\([0-9a-f]*\)-[0-9a-f]* : Kernel code$/\1/p' /proc/iomem | head -n1)
# The arm64 loader puts the Image in the lowest free 2 MiB-aligned hole, around a file
# mapped at the start of RAM: nothing to refuse there, the load must succeed. Addresses
# are 64-bit there: one too large for them is 2^64.
case $(guest_arch) in
malta) over=$(printf 0x%x $((0x$kcode & ~0xfff))) ;;
virt) over=$(printf 0x%x $ram_start) ;;
esac
big=0x100000000
[ "$(uname -m)" != aarch64 ] || big=0x10000000000000000

# refuse NAME KEXEC-ARGS...: kexec -l must fail, say so in one line, load nothing.
refuse() {
	name=$1
	shift
	msg=$(kexec -l $P/kernel --initrd $P/trial.cpio.gz --append "x" "$@" 2>&1 >/dev/null)
	rc=$?
	echo "\$ kexec -l ... $* -> exit $rc"
	echo "$msg"
	[ $rc -ne 0 ] || fail "$name: kexec -l $* succeeded"
	[ "$(cat /sys/kernel/kexec_loaded)" = 0 ] || fail "$name: an image is loaded after the refusal"
	[ -n "$msg" ] || fail "$name: refused without a message"
	[ "$(echo "$msg" | wc -l)" -eq 1 ] || echo "$name: note: $(echo "$msg" | wc -l) lines"
	# kexec's refusal is its last line: before it, arm64's kexec-tools warns twice when
	# the running kernel has no /proc/kcore (docs/platform-notes.md).
	mark "refused $name: $(echo "$msg" | tail -n1)"
}
refuse unaligned --map-file=/tmp/pattern@$(printf 0x%x $((good + 0x800)))
refuse outside-ram --map-file=/tmp/pattern@$(printf 0x%x $ram_top)
if [ "$(uname -m)" = aarch64 ]; then
	run kexec -l $P/kernel --initrd $P/trial.cpio.gz --append "x" --map-file=/tmp/pattern@$over ||
		fail "over-kernel: kexec -l with a file at the start of RAM failed on arm64"
	[ "$(cat /sys/kernel/kexec_loaded)" = 1 ] || fail "over-kernel: nothing loaded"
	run kexec -u || fail "over-kernel: kexec -u failed"
	mark "over-kernel: arm64 loads its Image clear of a file at $over"
else
	refuse over-kernel --map-file=/tmp/pattern@$over
fi
refuse missing-file --map-file=/tmp/no-such-file@$good
refuse junk --map-file=/tmp/pattern@0x1000zz
refuse zero --map-file=/tmp/pattern@0
refuse overflow --map-file=/tmp/pattern@$big
refuse no-address --map-file=/tmp/pattern
refuse file-syscall -s --map-file=/tmp/pattern@$good

run kexec -l $P/kernel --initrd $P/trial.cpio.gz --append "x" \
	--map-file=/tmp/pattern@$good || fail "control: kexec -l with a good --map-file failed"
[ "$(cat /sys/kernel/kexec_loaded)" = 1 ] || fail "control: nothing loaded"
run kexec -u || fail "control: kexec -u failed"
mark "map-file-refusals: control load ok at $good"
