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
	arm* | aarch64) echo virt ;;
	*) uname -m ;;
	esac
}

# proof_seconds: how long a trial stays up, petting the watchdog or with it stopped, to
# prove that it is petted or stopped: half as long again as the time from a last pet to
# the reset, at least. That is the 10 s timeout on malta's ib700 (20 s: twice) and twice
# it on virt's i6300esb, whose two stages each count the timeout (30 s).
proof_seconds() {
	case $(guest_arch) in malta) echo 20 ;; *) echo 30 ;; esac
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
# line on stderr, leave no kexec image loaded, no keep-running request and no watchdog
# armed. The last is the watchdog core's own state (i6300esb, and ib700 as the test
# patches convert it to the core): enough where the refusal comes before phramboot's
# step 6, which is the first to open the watchdog (phramboot/boot.c).
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
	for keep in /sys/class/watchdog/watchdog*/keep_running_on_restart; do
		[ ! -f "$keep" ] || [ "$(cat "$keep")" = 0 ] || fail "refusal: $keep was set to $(cat "$keep")"
	done
	for st in /sys/class/watchdog/watchdog*/state; do
		[ ! -f "$st" ] || [ "$(cat "$st")" = inactive ] || fail "refusal: ${st%/state} is $(cat "$st")"
	done
	mark "refused with exit $rc: $(cat /tmp/refusal.err)"
}

# expect_refusal_no_reset WANT_RC CMD...: as expect_refusal, for a refusal whose path had
# the watchdog open (armed, then disarmed when the load failed; or a bundle file that is
# the watchdog device), then the hard way too: wait longer than any timeout the tests arm
# and see that the board did not reset (the harness allows one boot). ib700 resets 10 s
# after the arming; the i6300esb's two stages double that.
expect_refusal_no_reset() {
	expect_refusal "$@"
	case $(guest_arch) in malta) wait=15 ;; *) wait=25 ;; esac
	sleep $wait
	mark "refusal: no reset $wait s later, no kexec image loaded"
}

# ---- the drill tests ----

# drill_line: show phramboot status (which settles a drill the last boot ran) on the
# console, and print its drill: line.
drill_line() {
	phramboot status >/tmp/status 2>&1
	cat /tmp/status >/dev/console
	sed -n 's/^drill: /&/p' /tmp/status
}

# ---- the commit tests ----

# What this boot is: "trial ID" (a phramboot trial; ID its bundle), else the firmware
# version on flash: factory, next.
boot_state() {
	t=$(cmdline_arg phramboot.trial)
	if [ -n "$t" ]; then
		echo "trial $t"
	else
		cat /etc/firmware-version 2>/dev/null || echo factory
	fi
}

# The id phramboot gives the bundle in DIR: the first 16 hex digits of its manifest's SHA-256.
bundle_id() { sha256sum <"$1/manifest" | cut -c1-16; }

# The character device of MTD partition NAME.
mtd_dev() {
	for f in /sys/class/mtd/mtd*/name; do
		[ "$(cat "$f")" = "$1" ] || continue
		f=${f%/name}
		echo "/dev/${f##*/}"
		return 0
	done
	return 1
}

# The device that holds target ROLE of slot SLOT on this board (the layout files).
target_dev() {
	case $(guest_arch) in
	malta)
		case $1 in kernel) echo /dev/sda1 ;; rootfs) echo /dev/sda2 ;; *) return 1 ;; esac ;;
	*) mtd_dev "${1}_$2" ;;
	esac
}

# flash_matches BUNDLE SLOT: the slot's partitions hold the bundle's flash payloads (all
# but appdata, which is no slot's), byte for byte; says which does not.
flash_matches() {
	while read -r k role file size sha; do
		[ "$k" = flash ] && [ "$role" != appdata ] || continue
		dev=$(target_dev "$role" "$2") || { echo "no device for $role in slot $2"; return 1; }
		got=$(head -c "$size" "$dev" | sha256sum | cut -c1-64)
		[ "$got" = "$sha" ] || { echo "$role on $dev is not ${1##*/}'s ($file)"; return 1; }
	done <"$1/manifest"
	return 0
}

# Which bundle of the given ones slot SLOT holds, or "neither".
slot_holds() {
	slot=$1
	shift
	for b in "$@"; do
		flash_matches "$B/$b" "$slot" >/dev/null && { echo "$b"; return; }
	done
	echo neither
}

# The U-Boot variable NAME (virt's redundant environment), or empty.
env_var() { fw_printenv -n "$1" 2>/dev/null; }

# stop_here: stay up (the harness pets nothing: the trial's keepalive does) until the
# host cuts the power.
stop_here() { while :; do sleep 10; done; }

# cut_points DRYRUN: the commit steps the power-cut tests cut before, one "STEP TORN WHAT"
# per line in step order: every journal record (and, torn, the first and the switch
# record), the environment switch, the first erase, first write and last write of each
# raw partition, a UBI volume's resize and update, and "end" (after the last step).
cut_points() {
	awk '
	$1 == "step" {
		n = $2; sub(/:$/, "", n); what = $0; sub(/^ *step [0-9]+: /, "", what)
		if ($3 == "journal") {
			print n, 0, what
			if ($4 == "begin" || $4 == "switch") print n, 1, what " (torn)"
		} else if ($3 == "fw_setenv" || $3 == "resize" || $3 == "update") {
			print n, 0, what
		} else if ($3 == "erase" || $3 == "write") {
			key = $3 " " $4
			if (!(key in first)) { first[key] = n; print n, 0, what }
			if ($3 == "write") { last[$4] = n; lastwhat[$4] = what }
		}
		max = n
	}
	END {
		for (d in last) if (last[d] != first["write " d]) print last[d], 0, lastwhat[d]
		print max + 1, 0, "end"
	}' "$1" | sort -n -k1,1 -k2,2 | uniq
}

# The power-cut tests leave a note on flash before they commit, in the last erase block
# of rootfs_b (virt) or the last sector of rootfs_b (malta), where no payload reaches
# (and that no hash compares): after the cut, the board reads it back to know that this
# boot is the one after a cut, and which.
cut_marker_dev() {
	case $(guest_arch) in
	malta) echo /dev/sda $((0x4100000 - 512)) ;;
	*) echo "/dev/mtdblock$(mtd_dev rootfs_b | sed 's/.*mtd//')" $((0x1000000 - 512)) ;;
	esac
}
set_cut_marker() {
	set -- "$1" $(cut_marker_dev)
	printf 'phramboot-cut %s\n' "$1" | dd of="$2" bs=512 seek=$(($3 / 512)) conv=notrunc,sync 2>/dev/null &&
		sync || fail "unable to leave the cut marker on $2"
}
cut_marker() {
	set -- $(cut_marker_dev)
	dd if="$1" bs=512 skip=$(($2 / 512)) count=1 2>/dev/null | sed -n 's/^phramboot-cut //p' | grep .
}

# pick_cut NAME COMMIT-ARGS...: the dry run of `phramboot commit ARGS` (kept in /tmp/dry)
# and this run's cut point in it ($VARIANT-th of cut_points): sets step, torn, what, total.
pick_cut() {
	name=$1
	shift
	phramboot commit "$@" --dry-run >/tmp/dry || fail "$name: dry run failed: $(cat /tmp/dry)"
	cut_points /tmp/dry >/tmp/points
	total=$(wc -l </tmp/points)
	point=$(sed -n "${VARIANT}p" /tmp/points)
	[ -n "$point" ] || fail "$name: no cut point $VARIANT (the dry run gives $total)"
	step=${point%% *}
	point=${point#* }
	torn=${point%% *}
	what=${point#* }
}

# cut_commit NAME COMMIT-ARGS...: the commit, stopped for good before step $step (its
# journal record torn if $torn is 1), or for the point "end" after its last step; the
# host cuts the power on the "test cut point" line.
cut_commit() {
	name=$1
	shift
	if [ "$what" = end ]; then
		phramboot commit "$@" --quiet || fail "$name: commit failed"
		echo "phramboot: test cut point $step (after the last step): stopping for the power cut"
		stop_here
	fi
	if [ "$torn" = 1 ]; then
		PHRAMBOOT_TEST_CUT=$step PHRAMBOOT_TEST_TORN=1 phramboot commit "$@" --quiet
	else
		PHRAMBOOT_TEST_CUT=$step phramboot commit "$@" --quiet
	fi
	fail "$name: commit returned $? instead of stopping at step $step"
}
