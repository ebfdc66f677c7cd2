# Helpers for guest scenario scripts (busybox sh); sourced by both /init scripts.
# Lines starting with @@ are markers the host harness (qemu-tests/run) reads.

mark() { echo "@@ $*"; }

# Where the harness puts what a scenario's `#@ push` names, by tar | ssh after each boot
# of the old firmware: bundles/NAME in $B/NAME, payload (a kernel and a trial initramfs
# for the raw kexec scenarios) in $P.
B=/tmp/bundles
P=/tmp/payload

# A scenario failed in the guest: say why, and stop the machine so the harness need not
# wait for its timeout.
fail() {
	echo "@@FAIL $*"
	poweroff -f
}

# The value of NAME=VALUE on the kernel command line, or empty.
cmdline_arg() {
	for w in $(cat /proc/cmdline); do
		case $w in "$1="*) echo "${w#*=}"; return 0 ;; esac
	done
	return 1
}

# Run a command, show its output and exit status, and keep the status for checks.
run() {
	echo "\$ $*"
	"$@"
	rc=$?
	echo "[exit $rc]"
	return $rc
}

# after_trial: show phramboot status; true when the last boot was a phramboot trial
# (this boot is the one after it, which a scenario reports on), false on the first.
after_trial() {
	phramboot status >/tmp/status
	cat /tmp/status
	grep -q '^last boot: trial' /tmp/status
}

guest_arch() {
	case $(uname -m) in
	mips*) echo malta ;;
	arm*) echo virt ;;
	*) uname -m ;;
	esac
}

mount_basics() {
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev 2>/dev/null
	mountpoint -q /tmp || mount -t tmpfs tmpfs /tmp
	# Where phramboot status finds the last boot's console log (kernels without pstore
	# have no such directory).
	[ -d /sys/fs/pstore ] && mount -t pstore pstore /sys/fs/pstore
}

# expect_refusal WANT_RC CMD...: CMD must refuse cleanly: exit WANT_RC, say exactly one
# line on stderr, leave no kexec image loaded and no watchdog armed. The last is proven
# by the watchdog core's state where the driver has one (i6300esb; ib700 is a legacy
# driver) and, on both, the hard way: wait longer than any timeout the tests arm and see
# that the board did not reset (the harness allows one boot). ib700 resets 10 s after
# the arming; the i6300esb's two stages double that.
expect_refusal() {
	want=$1; shift
	echo "\$ $*"
	"$@" 2>/tmp/refusal.err
	rc=$?
	cat /tmp/refusal.err
	lines=$(wc -l </tmp/refusal.err)
	[ "$rc" = "$want" ] || fail "refusal: exit $rc, wanted $want"
	[ "$lines" = 1 ] || fail "refusal: $lines lines on stderr, wanted exactly one"
	[ "$(cat /sys/kernel/kexec_loaded)" = 0 ] || fail "refusal: a kexec image is loaded"
	knob=/sys/module/watchdog/parameters/stop_on_reboot
	[ ! -f $knob ] || [ "$(cat $knob)" != 0 ] || fail "refusal: stop_on_reboot was set to 0"
	for st in /sys/class/watchdog/watchdog*/state; do
		[ ! -f "$st" ] || [ "$(cat "$st")" = inactive ] || fail "refusal: ${st%/state} is $(cat "$st")"
	done
	mark "refused with exit $rc: $(cat /tmp/refusal.err)"
	case $(guest_arch) in malta) wait=15 ;; *) wait=25 ;; esac
	sleep $wait
	mark "refusal: no reset $wait s later, no kexec image loaded"
}
