#!/bin/sh
# check-kernel-patches.sh: what kernel-patches/README.md promises of the two upstream
# series (mips, watchdog), for each kernel line they are kept for (mainline, 6.12):
# - each series applies on its own, in order and with no fuzz, to the pristine files of
#   Debian's linux-source package for that line (the two go through different trees);
# - every patch is `checkpatch.pl --strict` clean;
# - the code no QEMU guest runs compiles without a warning (W=1) in a configuration of
#   its own SoC: ath79 big-endian (ath79_wdt, ath79 setup, MIPS kexec), MT7621
#   (mt7621_wdt, ralink), and x86_64 (the watchdog core, i6300esb). Malta is built in
#   full as the QEMU guests' kernel (scripts/build-kernel.sh).
# One line per check, then `PASS kernel-series-LINE` for a line whose checks all passed,
# then `N passed, N failed`. Compile tests are cached by a hash of the tree and compiler.
set -u
. "$(dirname "$0")/lib.sh"

pass=0 failed=0
line_ok=0
result() { # NAME OK [WHY]
	if [ "$2" = 0 ]; then echo "PASS kernel-patches $1"; pass=$((pass + 1))
	else echo "FAIL kernel-patches $1: $3"; failed=$((failed + 1)); line_ok=1; fi
}

# pristine_files DIR SERIESDIR...: the pristine files the series touch, from the package,
# unpacked into DIR (the whole tree is 1.5 GB; these are a few dozen files).
pristine_files() {
	dir=$1
	shift
	files=$(for d in "$@"; do for p in $(series_files "$d"); do
		sed -n 's|^+++ b/||p; s|^--- a/||p' "$p"; done; done | sort -u)
	pkg=$(basename "$deb" .deb)
	# Files a series creates are not in the tarball: tar must not fail on them.
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$pkg.tar.xz" |
		tar -xJ -C "$dir" --strip-components=1 --wildcards --no-wildcards-match-slash \
			$(for f in $files; do printf '*/%s ' "$f"; done) 2>/dev/null
	return 0
}

# applies LINE SERIESDIR PRISTINE: the series, in order and with no fuzz, on a copy of
# the pristine files.
applies() {
	tmp=$(mktemp -d)
	cp -a "$3/." "$tmp/"
	out=$(series_applies "$tmp" "$2")
	rc=$?
	rm -rf "$tmp"
	result "$1 $(basename "$2") applies" $rc "$out"
}

# compile LINE NAME ARCH CROSS TARGETS -- CONFIG...: allnoconfig plus CONFIG, then TARGETS.
compile() {
	cline=$1 name=$2 carch=$3 cross=$4
	shift 4
	targets=
	while [ "$1" != -- ]; do targets="$targets $1"; shift; done
	shift
	key=$(inputs_hash "$(basename "$src")" "$targets" "$*" "$("${cross}gcc" --version | head -n1)")
	stamp=$CACHE/compile-test/$cline-$name-$key
	if [ -f "$stamp" ]; then
		result "$cline compile $name (cached)" 0
		return
	fi
	out=$(mktemp -d)
	printf '%s\n' "$@" >"$out/fragment.config"
	log=$out/build.log
	missing=
	if (cd "$src" && env ARCH=$carch CROSS_COMPILE=$cross \
		scripts/kconfig/merge_config.sh -n -O "$out" "$out/fragment.config") >"$log" 2>&1 &&
		missing=$(unstuck_options "$out/.config" "$out/fragment.config") &&
		[ -z "$missing" ] &&
		make -C "$src" O="$out" ARCH=$carch CROSS_COMPILE=$cross W=1 -j"$(nproc)" \
			$targets >>"$log" 2>&1 &&
		! grep -q 'warning:' "$log"; then
		mkdir -p "$CACHE/compile-test"
		rm -f "$CACHE/compile-test/$cline-$name-"*
		touch "$stamp"
		result "$cline compile $name" 0
	else
		why=$(grep -m2 -E 'warning:|error:' "$log" | tr '\n' ' ')
		[ -n "$why" ] || why="options did not stick: ${missing:-?} (or see the build)"
		result "$cline compile $name" 1 "$why"
		tail -n 20 "$log" | sed 's/^/  | /'
	fi
	rm -rf "$out"
}

for kline in mainline 6.12; do
	line_ok=0
	if ! deb=$("$TOP/scripts/linux-src.sh" --tarball "$kline") ||
		! src=$("$TOP/scripts/linux-src.sh" "$kline"); then
		result "$kline source" 1 "could not prepare the $kline tree (see above)"
		echo "FAIL kernel-series-$kline: no source"
		continue
	fi
	pristine=$(mktemp -d)
	pristine_files "$pristine" "$TOP/kernel-patches/$kline/mips" "$TOP/kernel-patches/$kline/watchdog"
	for s in mips watchdog; do
		applies "$kline" "$TOP/kernel-patches/$kline/$s" "$pristine"
		for p in $(series_files "$TOP/kernel-patches/$kline/$s"); do
			# checkpatch exits 0 on CHECKs too: with --strict, any report line counts.
			o=$(cd "$src" && perl scripts/checkpatch.pl --strict --terse --no-summary "$p" 2>&1)
			rc=$?
			[ -z "$o" ] || rc=1
			result "$kline checkpatch $s/$(basename "$p")" $rc "$(printf '%s\n' "$o" | head -n 3 | tr '\n' ' ')"
		done
	done
	rm -rf "$pristine"
	# The mipsel compiler builds big-endian kernels too: the MIPS Makefile adds -EB.
	compile "$kline" ath79 mips mipsel-linux-gnu- drivers/watchdog/ arch/mips/ath79/ \
		arch/mips/kernel/machine_kexec.o -- CONFIG_ATH79=y CONFIG_CPU_BIG_ENDIAN=y \
		CONFIG_KEXEC=y CONFIG_UHI_BOOT=y CONFIG_WATCHDOG=y CONFIG_WATCHDOG_CORE=y \
		CONFIG_WATCHDOG_SYSFS=y CONFIG_ATH79_WDT=y
	compile "$kline" mt7621 mips mipsel-linux-gnu- drivers/watchdog/ arch/mips/ralink/ \
		arch/mips/kernel/machine_kexec.o -- CONFIG_RALINK=y CONFIG_SOC_MT7621=y \
		CONFIG_KEXEC=y CONFIG_UHI_BOOT=y CONFIG_WATCHDOG=y CONFIG_WATCHDOG_CORE=y \
		CONFIG_WATCHDOG_SYSFS=y CONFIG_MT7621_WDT=y
	compile "$kline" x86_64 x86 "" drivers/watchdog/ -- CONFIG_64BIT=y CONFIG_PCI=y \
		CONFIG_WATCHDOG=y CONFIG_WATCHDOG_CORE=y CONFIG_WATCHDOG_SYSFS=y \
		CONFIG_I6300ESB_WDT=y
	if [ "$line_ok" = 0 ]; then echo "PASS kernel-series-$kline"
	else echo "FAIL kernel-series-$kline: see the FAIL lines above"; fi
done

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
