#!/bin/sh
# make demo: show a newcomer, in plain words, what phramboot does, on an emulated MIPS
# router (QEMU malta): U-Boot and the old firmware on flash, bundles over ssh.
# The serial consoles go to build/qemu-logs/; here only the story and the timings.
# --guest maltabe, virt or arm64 shows the big-endian MIPS, the ARM or the arm64 router.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
guest=malta
case ${1:-} in
--guest) guest=${2:?--guest takes malta, maltabe, virt or arm64} ;;
--guest=*) guest=${1#--guest=} ;;
-h | --help) echo "usage: qemu-tests/demo.sh [--guest malta|maltabe|virt|arm64]"; exit 0 ;;
"") ;;
*) echo "demo: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
case $guest in malta | maltabe | virt | arm64) ;; *) echo "demo: no guest '$guest' (malta, maltabe, virt or arm64)" >&2; exit 2 ;; esac
t0=$(date +%s)
step() { printf '\n== %s\n' "$*"; }
tell() { printf '   %s\n' "$*"; }

# show SCENARIO STORY...: run one scenario on the router, then retell what it said.
show() {
	name=$1; shift
	step "$*"
	start=$(date +%s)
	verdict=$("$TOP/qemu-tests/run" -a "$guest" "$name" | head -n1)
	log=$TOP/build/qemu-logs/$guest-$name.log
	# The board's own account (U-Boot, the @@ markers, phramboot's messages, the trial
	# kernel's command line); the kernel noise stays in the log.
	tr -d '\r' <"$log" | sed -n \
		-e 's/^\(U-Boot 20[0-9.]*\).*/   [board] power on: \1 starts from flash/p' \
		-e 's/^ide read: .*count 1 .*blocks read: OK/   [board] U-Boot reads the kernel'"'"'s uImage header from kernel_a on the disk/p' \
		-e 's/^ide read: .*count \([0-9]*\) .*blocks read: OK/   [board] U-Boot reads the \1 sectors of the kernel it announces/p' \
		-e 's/^## Booting kernel from Legacy Image at \([0-9a-f]*\).*/   [board] U-Boot boots the old firmware'"'"'s kernel (image at \1)/p' \
		-e 's/^.*@@BOOT old .* root=\([^ ]*\) \([a-z]*\) ssh up.*/   [board] old firmware up from flash (root: \2), ssh answering on 127.0.0.1/p' \
		-e 's/^@@HOST pushed \([^ ]*\) to \([^ ]*\) by tar | ssh (\([0-9]*\) bytes)/   [host]  tar | ssh: \1 -> \2 (\3 bytes)/p' \
		-e 's/^@@HOST power cut.*/   [host]  power cut/p' \
		-e 's/^@@HOST flash before: .*/   [host]  hashes every flash partition before power-on (and compares after the run)/p' \
		-e 's/^.*@@BOOT trial.*/   [board] trial kernel boots from RAM/p' \
		-e 's/^Kernel command line: \(.*phramboot\.trial=.*\)/   [trial] command line: \1/p' \
		-e 's/^.*@@ \(.*\)/   [guest] \1/p' \
		-e 's/^\(phramboot: [a-z].*\)/   [old]   \1/p' \
		-e 's/^\(last boot: .*\)/   [old]   phramboot status: \1/p' \
		-e 's/^| \(.*phramboot-test.*\)/   [old]   ... the trial'"'"'s last words, kept by pstore: \1/p' |
		uniq | head -n 40
	tell "-> ${verdict%% (*} in $(( $(date +%s) - start )) s (serial log: ${log#"$TOP"/})"
	case $verdict in PASS*) ;; *) failed=1 ;; esac
}

failed=
case $guest in
malta) what="MIPS32 little endian, 256 MiB, ib700 watchdog; U-Boot on its boot flash, firmware on its disk" ;;
maltabe) what="MIPS32 big endian, as the ath79 and lantiq routers, 256 MiB, ib700 watchdog; U-Boot on its boot flash, firmware on its disk" ;;
virt) what="ARMv7, two cores, 256 MiB, i6300esb watchdog; U-Boot and firmware on CFI NOR flash" ;;
arm64) what="ARMv8 (Cortex-A53, as MediaTek's MT7622/MT7981/MT7986), two cores, 256 MiB, i6300esb watchdog; U-Boot and firmware on CFI NOR flash" ;;
esac
step "phramboot demo on an emulated router: QEMU $guest ($what)"
tell "At power-on U-Boot runs from flash and boots the old firmware from its partitions:"
tell "a kernel and a squashfs root holding phramboot, the patched kexec, watchdog-arm, a"
tell "trusted public key and an ssh server. The host reaches the board only by ssh on"
tell "127.0.0.1 (QEMU user networking, restrict=on) and sends bundles with tar | ssh."
show trial-ok "1. A good trial: a bundle made by 'phramboot pack' goes over ssh; phramboot verifies" \
	"it, places the root image in RAM, arms the watchdog across kexec and boots the new" \
	"system from RAM. It pets the watchdog and stays up; the board never resets."
show postmortem-hang "2. A bad trial: the new system hangs and never pets the watchdog. The watchdog" \
	"resets the board, U-Boot runs again and boots the old firmware from the same flash;" \
	"the trial's console log survived in RAM (pstore/ramoops), so 'phramboot status' tells" \
	"what happened, no serial cable needed. The host checks that no flash byte changed."
show refuse-corrupt "3. A damaged bundle (one byte flipped): refused, nothing armed, nothing loaded."
step "Done in $(( $(date +%s) - t0 )) s."
[ -z "$failed" ] || { tell "something did not work: see the serial logs named above"; exit 1; }
