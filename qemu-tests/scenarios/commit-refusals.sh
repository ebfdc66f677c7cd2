# commit-refusals: every refusal of `phramboot commit` is one line on stderr, its exit
# code, and no write: not a trial (in the old firmware); a trial booted from an unsigned
# bundle without --insecure; a layout naming a partition the board lacks, or a UBI volume
# it lacks; a partition too small for its payload; a payload whose bytes in RAM no longer
# match the signed manifest. The harness checks that no partition changed.
#@ arches malta virt
#@ skip.maltabe argument and state checks, no code that depends on the CPU; proven on the family's first board
#@ skip.arm64 argument and state checks, no code that depends on the CPU; proven on the family's first board
#@ timeout 240
#@ boots 2
#@ push bundles/fw-unsigned
#@ expect @@BOOT old .* ssh up fw=factory
#@ expect @@ refused with exit 2: phramboot: fatal: unable to commit: this system is not a phramboot trial
#@ expect ^phramboot: warning: bundle /tmp/bundles/fw-unsigned is not signed
#@ expect @@BOOT old .* fw=next slot= trial=[0-9a-f]{16}
#@ expect @@ refused with exit 2: .*booted from an unsigned bundle; pass --insecure
#@ expect @@ refused with exit 2: .*no MTD partition "nonexistent" in /proc/mtd: the layout file does not match this board|@@ refused with exit 2: .*unable to open /dev/nonexistent
#@ expect.virt @@ refused with exit 2: .*no UBI volume "nonexistent"
#@ expect @@ refused with exit 3: .*do not fit
#@ expect @@ refused with exit 2: .*the layout file has no target rootfs
#@ expect @@ refused with exit 2: .*payload kernel in RAM does not match its SHA-256
#@ expect @@ commit-refusals: every refusal left the flash alone
# commit_refusal WANT_RC PATTERN CMD...: exit WANT_RC, one stderr line matching PATTERN.
commit_refusal() {
	want=$1 pat=$2
	shift 2
	"$@" >/tmp/refusal.out 2>/tmp/refusal.err
	rc=$?
	[ "$rc" = "$want" ] || fail "refusal: exit $rc, wanted $want: $(cat /tmp/refusal.err)"
	[ "$(wc -l </tmp/refusal.err)" = 1 ] || fail "refusal: not one line on stderr: $(cat /tmp/refusal.err)"
	grep -q -- "$pat" /tmp/refusal.err || fail "refusal: stderr lacks '$pat': $(cat /tmp/refusal.err)"
	grep -q 'phramboot: committed' /tmp/refusal.out && fail "refusal: it committed: $(cat /tmp/refusal.out)"
	mark "refused with exit $rc: $(cat /tmp/refusal.err)"
}
# A layout file like this board's with one line changed.
layout_with() { # FROM TO
	sed "s#$1#$2#" /etc/phramboot/layout >/tmp/layout.test
	grep -q "$2" /tmp/layout.test || fail "commit-refusals: layout edit $1 -> $2 did nothing"
}
case $(boot_state) in
factory)
	commit_refusal 2 "not a phramboot trial" phramboot commit
	phramboot --insecure --timeout 15 $B/fw-unsigned
	fail "phramboot returned $?: the trial did not start" ;;
trial*)
	commit_refusal 2 "unsigned bundle" phramboot commit
	case $(guest_arch) in
	malta)
		layout_with "rootfs=block:/dev/sda2" "rootfs=block:/dev/nonexistent"
		commit_refusal 2 "nonexistent" phramboot commit --insecure --layout /tmp/layout.test
		layout_with "kernel=block:/dev/sda1" "kernel=block:/dev/sda@0+0x10000"
		commit_refusal 3 "do not fit" phramboot commit --insecure --layout /tmp/layout.test
		layout_with " rootfs=block:/dev/sda2" "" ;;
	*)
		layout_with "rootfs=mtd:rootfs_b" "rootfs=mtd:nonexistent"
		commit_refusal 2 "layout file does not match this board" phramboot commit --insecure --layout /tmp/layout.test
		layout_with "ubi:ubi/appdata" "ubi:ubi/nonexistent"
		commit_refusal 2 "no UBI volume" phramboot commit --insecure --layout /tmp/layout.test
		layout_with "rootfs=mtd:rootfs_b" "rootfs=mtd:dtb_b"
		sed -i "s#rootfs=mtd:rootfs_a#rootfs=mtd:dtb_a#" /tmp/layout.test
		commit_refusal 3 "do not fit" phramboot commit --insecure --layout /tmp/layout.test
		layout_with " rootfs=mtd:rootfs_b" ""
		sed -i "s# rootfs=mtd:rootfs_a##" /tmp/layout.test ;;
	esac
	commit_refusal 2 "has no target rootfs" phramboot commit --insecure --layout /tmp/layout.test
	# One byte of the kernel payload changed in RAM: the first payload after the index,
	# on the next page (the index is far below a page).
	root=$(cmdline_arg root)
	carry=$(cmdline_arg phramboot.carry)
	mtd=/dev/mtd${root#/dev/mtdblock}
	printf 'X' | dd of="$mtd" bs=1 seek=$((carry + 4096 + 1000)) conv=notrunc 2>/dev/null ||
		fail "commit-refusals: cannot change the payload in RAM"
	commit_refusal 2 "does not match its SHA-256" phramboot commit --insecure
	mark "commit-refusals: every refusal left the flash alone"
	poweroff -f ;;
*) fail "commit-refusals: unexpected boot: $(boot_state)" ;;
esac
