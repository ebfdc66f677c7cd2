# Helpers the bench scenarios share (busybox sh, sourced after /lib/test.sh; the bench
# initramfs puts this file at /bench/lib.sh). Markers are "@@ bench: KEY=VALUE ...";
# bench/run reads them from the serial log, and times the lines itself.

# MemAvailable in KiB into $av, without forking (the samplers must not disturb what they
# measure), plus the free pages that sit on the per-CPU lists (/proc/zoneinfo "count:"):
# MemAvailable leaves those out, and they swing by megabytes from one moment to the next.
memavail() {
	while read -r k av u; do [ "$k" = MemAvailable: ] && break; done </proc/meminfo
	while read -r k v u; do
		[ "$k" = count: ] && av=$((av + v * 4))
	done </proc/zoneinfo
}
avail() { memavail; echo "$av"; }

# Seconds since boot with centiseconds, as /proc/uptime gives them.
up() { read -r u _ </proc/uptime; echo "$u"; }

# memwatch PID NAME [USLEEP]: while PID runs, track the lowest MemAvailable in $low and
# the highest RssAnon of PID (KiB) in $anon. With USLEEP, pause that many microseconds
# between samples and print each new value as a marker, so that the last survives when
# kexec -e takes the board down; without, sample as fast as the shell goes.
memwatch() {
	low=999999999 anon=0
	while :; do
		a=
		# A zombie's status has no RssAnon: the end, as much as a vanished PID.
		while read -r k v u; do
			[ "$k" = RssAnon: ] && { a=$v; break; }
		done 2>/dev/null <"/proc/$1/status"
		[ -n "$a" ] || return 0
		memavail
		if [ "$av" -lt "$low" ]; then
			low=$av
			[ -z "${3:-}" ] || echo "@@ bench: $2-low=$av"
		fi
		if [ "$a" -gt "$anon" ]; then
			anon=$a
			[ -z "${3:-}" ] || echo "@@ bench: $2-anon=$a"
		fi
		[ -z "${3:-}" ] || usleep "$3"
	done
}

# kxload NAME DROP KEXEC-ARGS...: load with kexec -l, delete the file DROP (or not: -),
# unload. Marks MemAvailable before, once loaded (kexec gone), once DROP is gone and once
# unloaded, and kexec's own peak anonymous memory (its buffers live until the load
# returns); the lowest MemAvailable seen on the way is a cross-check.
kxload() {
	n=$1 drop=$2
	shift 2
	b=$(avail)
	kexec -l "$@" &
	kp=$!
	memwatch $kp "$n"
	wait $kp || fail "bench: kexec -l $* failed"
	l=$(avail)
	[ "$drop" = - ] || rm "$drop"
	d=$(avail)
	kexec -u || fail "bench: kexec -u failed"
	mark "bench: $n-before=$b $n-loaded=$l $n-dropped=$d $n-unloaded=$(avail) $n-anon=$anon $n-low=$low"
}

# mkbundle DIR NAME HOW: a bundle whose signed manifest the host packed (in
# /bench/bundles/NAME) and whose rootfs is the ok trial root padded with zeros to the
# size that manifest names. HOW=copy copies the ok bundle's files and writes the zeros,
# so the copy sits in tmpfs like a downloaded bundle. HOW=move moves them (DIR must be on
# the root tmpfs, where the payload is) and leaves the padding a hole, so the image is in
# RAM once, as on a router whose old firmware runs from flash; no cheat, since reading a
# tmpfs hole through mmap (the hashing, kexec) allocates the page.
mkbundle() {
	src=/payload/bundles/ok
	mkdir -p "$1"
	cp "/bench/bundles/$2/manifest" "/bench/bundles/$2/manifest.sig" "$1/"
	want=$(sed -n 's/^rootfs rootfs \([0-9]*\) .*/\1/p' "$1/manifest")
	if [ "$3" = move ]; then
		mv "$src/kernel" "$src/dtb" "$src/rootfs" "$1/"
		dd of="$1/rootfs" bs=1 count=0 seek="$want" 2>/dev/null
	else
		cp "$src/kernel" "$src/dtb" "$src/rootfs" "$1/"
		# Both sizes are multiples of 4 KiB (mksquashfs pads, the host packs whole MiB).
		have=$(wc -c <"$1/rootfs")
		dd if=/dev/zero of="$1/rootfs" bs=4096 seek=$((have / 4096)) \
			count=$(((want - have) / 4096)) 2>/dev/null
	fi
	[ "$(wc -c <"$1/rootfs")" = "$want" ] || fail "bench: could not pad $1/rootfs to $want"
}
