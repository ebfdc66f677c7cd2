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
	# The markers are the guest's own account; kernel noise stays in the log.
	tr -d '\r' <"$log" | sed -n 's/^.*@@BOOT \([a-z]*\).*/   [guest] \1 firmware boots/p; s/^.*@@ \(.*\)/   [guest] \1/p' |
		uniq | head -n 20
	tell "-> ${verdict%% (*} in $(( $(date +%s) - start )) s (serial log: ${log#"$TOP"/})"
	case $verdict in PASS*) ;; *) failed=1 ;; esac
}

failed=
step "phramboot demo on QEMU malta (MIPS, little endian, 256 MiB, ib700 watchdog)"
tell "The 'old firmware' is QEMU's -kernel/-initrd: a watchdog reset brings it back,"
tell "like a router that boots its untouched flash."
show smoke "1. The old firmware boots."
show watchdog-reset "2. Rollback: arm the watchdog and stop petting it; the board must reset into the old firmware."
step "Done in $(( $(date +%s) - t0 )) s."
[ -z "$failed" ] || { tell "something did not work: see the logs above"; exit 1; }
