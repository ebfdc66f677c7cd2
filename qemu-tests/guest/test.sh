# Helpers for guest scenario scripts (busybox sh); sourced by both /init scripts.
# Lines starting with @@ are markers the host harness (qemu-tests/run) reads.

mark() { echo "@@ $*"; }

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
	mount -t tmpfs tmpfs /tmp
}
