#!/bin/sh
# check-kernel-patches.sh: what kernel-patches/README.md promises of the series, proven
# on the patched tree: every patch is `checkpatch.pl --strict` clean, and the router
# watchdog drivers the series touches, which no QEMU guest runs (ath79_wdt, mt7621_wdt),
# compile without a warning together with the watchdog core, each in a configuration
# of its own SoC. The compile test is cached by a hash of the tree and the compiler.
# One line per check, then `N passed, N failed`.
set -u
. "$(dirname "$0")/lib.sh"

pass=0 failed=0
result() { # NAME OK [WHY]
	if [ "$2" = 0 ]; then echo "PASS kernel-patches $1"; pass=$((pass + 1))
	else echo "FAIL kernel-patches $1: $3"; failed=$((failed + 1)); fi
}

src=$("$TOP/scripts/linux-src.sh") || { echo "0 passed, 1 failed"; exit 1; }

for p in $(series_files "$TOP/kernel-patches"); do
	# checkpatch exits 0 on CHECKs too: with --strict, any report line counts.
	out=$(cd "$src" && perl scripts/checkpatch.pl --strict --terse --no-summary "$p" 2>&1)
	rc=$?
	[ -z "$out" ] || rc=1
	result "checkpatch $(basename "$p")" $rc "$(printf '%s\n' "$out" | head -n 3 | tr '\n' ' ')"
done

# compile NAME CONFIG... : allnoconfig for MIPS plus CONFIG, then drivers/watchdog/.
compile() {
	name=$1
	shift
	cross=mipsel-linux-gnu-
	key=$(inputs_hash "$(basename "$src")" "$*" "$("${cross}gcc" --version | head -n1)")
	stamp=$CACHE/compile-test/$name-$key
	if [ -f "$stamp" ]; then
		result "compile $name (cached)" 0
		return
	fi
	out=$(mktemp -d)
	printf '%s\n' "$@" >"$out/fragment.config"
	log=$out/build.log
	# The mipsel compiler builds big-endian kernels too: the MIPS Makefile adds -EB.
	if (cd "$src" && env ARCH=mips CROSS_COMPILE=$cross \
		scripts/kconfig/merge_config.sh -n -O "$out" "$out/fragment.config") >"$log" 2>&1 &&
		missing=$(unstuck_options "$out/.config" "$out/fragment.config") &&
		[ -z "$missing" ] &&
		make -C "$src" O="$out" ARCH=mips CROSS_COMPILE=$cross -j"$(nproc)" \
			drivers/watchdog/ >>"$log" 2>&1 &&
		! grep -q 'warning:' "$log"; then
		mkdir -p "$CACHE/compile-test"
		rm -f "$CACHE/compile-test/$name-"*
		touch "$stamp"
		result "compile $name" 0
	else
		why=$(grep -m2 -E 'warning:|error:' "$log" | tr '\n' ' ')
		[ -n "$why" ] || why="options did not stick: ${missing:-?} (or see the build)"
		result "compile $name" 1 "$why"
		tail -n 20 "$log" | sed 's/^/  | /'
	fi
	rm -rf "$out"
}
compile ath79_wdt CONFIG_ATH79=y CONFIG_CPU_BIG_ENDIAN=y CONFIG_WATCHDOG=y \
	CONFIG_WATCHDOG_CORE=y CONFIG_ATH79_WDT=y
compile mt7621_wdt CONFIG_RALINK=y CONFIG_SOC_MT7621=y CONFIG_WATCHDOG=y \
	CONFIG_WATCHDOG_CORE=y CONFIG_MT7621_WDT=y

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
