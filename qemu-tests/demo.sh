#!/bin/sh
# make demo: show a newcomer, in plain words, what phramboot does, on QEMU malta.
# The serial consoles go to build/qemu-logs/; here only the story and the timings.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
t0=$(date +%s)
step() { printf '\n== %s\n' "$*"; }
tell() { printf '   %s\n' "$*"; }

# show SCENARIO STORY...: run one scenario on malta, then retell what the guest said.
show() {
	name=$1; shift
	step "$*"
	start=$(date +%s)
	verdict=$("$TOP/qemu-tests/run" -a malta "$name" | head -n1)
	log=$TOP/build/qemu-logs/malta-$name.log
	# The guest's own account (its @@ markers, phramboot's messages, the trial kernel's
	# command line); the kernel noise stays in the log.
	tr -d '\r' <"$log" | sed -n \
		-e 's/^.*@@BOOT old.*/   [board] old firmware boots (from "flash": QEMU -kernel\/-initrd)/p' \
		-e 's/^.*@@BOOT trial.*/   [board] trial kernel boots from RAM/p' \
		-e 's/^Kernel command line: \(.*phramboot\.trial=.*\)/   [trial] command line: \1/p' \
		-e 's/^.*@@ \(.*\)/   [guest] \1/p' \
		-e 's/^\(phramboot: [a-z].*\)/   [old]   \1/p' \
		-e 's/^\(last boot: .*\)/   [old]   phramboot status: \1/p' \
		-e 's/^| \(.*phramboot-test.*\)/   [old]   ... the trial'"'"'s last words, kept by pstore: \1/p' |
		uniq | head -n 30
	tell "-> ${verdict%% (*} in $(( $(date +%s) - start )) s (serial log: ${log#"$TOP"/})"
	case $verdict in PASS*) ;; *) failed=1 ;; esac
}

failed=
step "phramboot demo on QEMU malta (MIPS32 little endian, 256 MiB, ib700 watchdog)"
tell "The 'old firmware' is QEMU's -kernel/-initrd: a watchdog reset brings it back,"
tell "just as a router boots its untouched flash. It holds phramboot, the patched kexec,"
tell "watchdog-arm, a trusted public key and bundles made by 'phramboot pack' at build time."
show trial-ok "1. A good trial: phramboot verifies the signed bundle, places the root image in RAM," \
	"arms the watchdog across kexec and boots the new system from RAM; it pets the watchdog."
show postmortem-hang "2. A bad trial: the new system hangs and never pets the watchdog." \
	"The watchdog resets the board and the old firmware is back; its console log survived" \
	"in RAM (pstore/ramoops), so 'phramboot status' tells what happened, no serial cable needed."
show refuse-corrupt "3. A damaged bundle (one byte flipped): refused, nothing armed, nothing loaded."
step "Done in $(( $(date +%s) - t0 )) s."
[ -z "$failed" ] || { tell "something did not work: see the serial logs named above"; exit 1; }
