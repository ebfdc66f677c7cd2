# The emulated router, from the host's side: power it on from its flash files, reach it
# by ssh through its one forwarded port, push a bundle the way the README tells users,
# cut its power. Sourced (bash) by qemu-tests/run and qemu-tests/demo.sh after TOP is set.
#
# Network rule: user-mode networking with restrict=on (the guest reaches nothing), one
# hostfwd bound to 127.0.0.1 (nothing else reaches the guest).
#
# GUEST names a directory in build/guest/: a board (malta, maltabe, virt, arm64), or a
# board with the kernel of another kernel line (malta-mainline: malta with Linux
# mainline kernels). guest_board, board_family, board_arch: scripts/lib.sh, which takes
# our TOP (it would derive its own from $0, a level off for qemu-tests/fleet/run).
PHRAMBOOT_TOP=$TOP
. "$TOP/scripts/lib.sh"
. "$TOP/qemu-tests/board.sh"

# router_prepare GUEST DIR: a fresh copy of the board's flash in DIR, as a factory would
# ship it. U-Boot's own bank (virt) is shared read-only: nothing may write it.
router_prepare() {
	local r=$TOP/build/guest/$1/router
	rm -rf "$2" && mkdir -p "$2"
	case $(board_family "$(guest_board "$1")") in
	malta) cp "$r/flash.img" "$2/flash.img" && cp --sparse=always "$r/disk.img" "$2/disk.img" ;;
	virt) ln -s "$r/flash0.img" "$2/flash0.img" && cp "$r/flash1.img" "$2/flash1.img" ;;
	esac
}

# router_variant GUEST DIR VARIANT: make the fresh flash in DIR that board variant, as a
# factory would set it up. staging: a staging region for phramboot receive (malta: its
# U-Boot environment's bootargs; virt: its firmware DTB).
router_variant() {
	local r=$TOP/build/guest/$1/router file off src
	case $3 in
	staging) ;;
	*) echo "unknown board variant '$3' (known: staging)" >&2; return 1 ;;
	esac
	case $(board_family "$(guest_board "$1")") in
	malta) src=$r/env-staging.bin file=$2/flash.img off=$(awk '$1 == "u-boot-env" { print $3 }' "$r/parts") ;;
	virt)
		src=$r/dtb-staging.dtb file=$2/flash1.img off=$(awk '$1 == "dtb_a" { print $3 }' "$r/parts")
		# flash1 is the board's own copy; flash0 (U-Boot) stays shared.
		;;
	esac
	dd if="$src" of="$file" bs=4096 seek=$((off / 4096)) conv=notrunc status=none
}

# router_qemu GUEST DIR LOG PORT [nowatchdog]: the argv (one per line) that powers the
# board on: U-Boot from flash, serial console appended to LOG, monitor on DIR/monitor.
# The machine itself (QEMU, CPU, RAM) is board.sh's QEMU_MACHINE, which also dumps the
# virt boards' DTB: the two must agree.
router_qemu() {
	local guest=$1 dir=$2 log=$3 port=$4 nowd=${5:-} board
	board=$(guest_board "$1")
	local fwd="restrict=on,hostfwd=tcp:127.0.0.1:$port-:22"
	board "$board"
	printf '%s\n' $QEMU_MACHINE
	case $(board_family "$board") in
	malta)
		printf '%s\n' -vga none \
			-drive "if=pflash,format=raw,file=$dir/flash.img" \
			-drive "if=ide,format=raw,file=$dir/disk.img" \
			-netdev "user,id=n0,$fwd" -device pcnet,netdev=n0,addr=0b,romfile=
		# In slot 11, where the board has its own PCnet (Linux maps its IRQ by slot); an
		# empty romfile: U-Boot never boots from the network, so no iPXE option ROM.
		# An entropy source in slot 18, the board's first PCI slot: without one, the first
		# ssh login after every boot waits for the kernel's jitter entropy
		# (docs/platform-notes.md). virt's firmware DTB gives the kernel an rng-seed.
		printf '%s\n' -device virtio-rng-pci,addr=12
		[ -n "$nowd" ] || printf '%s\n' -device ib700 ;;
	virt)
		printf '%s\n' \
			-drive "if=pflash,format=raw,readonly=on,file=$dir/flash0.img" \
			-drive "if=pflash,format=raw,file=$dir/flash1.img" \
			-netdev "user,id=n0,$fwd" -device virtio-net-device,netdev=n0
		[ -n "$nowd" ] || printf '%s\n' -device i6300esb ;;
	esac
	# append=on: a board powered on again writes on after what it said before the cut.
	printf '%s\n' -watchdog-action reset -display none \
		-chardev "file,id=serial0,path=$log,append=on" -serial chardev:serial0 \
		-monitor "unix:$dir/monitor,server=on,wait=off"
}

# router_ssh GUEST PORT CMD...: run CMD on the board as root, its host key pinned.
router_ssh() {
	local guest=$1 port=$2
	shift 2
	ssh -q -p "$port" -i "$TOP/build/keys/ssh-client" -o IdentitiesOnly=yes -o BatchMode=yes \
		-o UserKnownHostsFile="$TOP/build/guest/$guest/router/known_hosts" \
		-o HostKeyAlias="phramboot-$(guest_board "$guest")" -o StrictHostKeyChecking=yes \
		-o ConnectTimeout=10 -o ServerAliveInterval=2 -o ServerAliveCountMax=5 \
		root@127.0.0.1 "$@"
}

# router_wait_ssh GUEST PORT SECONDS: until the board's ssh answers.
router_wait_ssh() {
	local t=0
	until router_ssh "$1" "$2" true 2>/dev/null; do
		t=$((t + 1))
		[ "$t" -lt "$3" ] || return 1
		sleep 1
	done
}

# router_push GUEST PORT SRC DEST [FILE...]: a bundle (or any folder; or only its
# FILEs) to the board, exactly as the README says:
# tar -C result -cf - . | ssh root@router 'mkdir -p DEST && tar -C DEST -xf -'.
router_push() {
	local files=(.)
	[ $# -le 4 ] || files=("${@:5}")
	tar -C "$3" -cf - "${files[@]}" | router_ssh "$1" "$2" "mkdir -p $4 && tar -C $4 -xf -"
}

# router_power_cut DIR PID: pull the plug: QEMU quits from its monitor at once (no guest
# shutdown, nothing flushed by the guest), and its flash files stay as they are.
router_power_cut() {
	echo quit | socat - "UNIX-CONNECT:$1/monitor" >/dev/null 2>&1
	local t=0
	while kill -0 "$2" 2>/dev/null && [ "$t" -lt 50 ]; do sleep 0.1; t=$((t + 1)); done
	kill -KILL "$2" 2>/dev/null
	wait "$2" 2>/dev/null
	return 0
}

# router_hashes GUEST DIR: "NAME SHA256" for every partition of the board's flash and disk.
router_hashes() {
	local name dev off size ro
	while read -r name dev off size ro; do
		printf '%s %s\n' "$name" "$(tail -c +$((off + 1)) "$2/$dev.img" | head -c $((size)) |
			sha256sum | cut -c1-64)"
	done <"$TOP/build/guest/$1/router/parts"
}

# A free port on 127.0.0.1 for the board's ssh (QEMU says so if it was taken meanwhile).
router_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 30000))
		ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
	done
}
