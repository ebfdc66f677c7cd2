#!/bin/sh
# check-kexec-series.sh: what kexec-tools-patches/README.md promises of the series.
# - The series applies in order, with no fuzz, to the pristine upstream source it
#   targets: kexec-tools 2.0.32, the newest upstream release (Debian sid's orig tarball,
#   without Debian's patches), and builds: the guests' static musl kexec for mipsel,
#   armhf and arm64 (scripts/build-kexec.sh, cached). arm64 is the only build that
#   compiles 0004's file (kexec/arch/arm64/kexec-vmlinuz-arm64.c).
# - upstream-head/ applies with `git am` at upstream git HEAD and builds, when
#   PHRAMBOOT_KEXEC_GIT names a clone of github.com/horms/kexec-tools: CI has no route to
#   GitHub (nothing here fetches from it), so without one this part is named as not run.
# One line per check, then `PASS kexec-series-head` if all passed, then `N passed, N failed`.
set -u
. "$(dirname "$0")/lib.sh"

pass=0 failed=0
result() { # NAME OK [WHY]
	if [ "$2" = 0 ]; then echo "PASS kexec-series $1"; pass=$((pass + 1))
	else echo "FAIL kexec-series $1: $3"; failed=$((failed + 1)); fi
}

# kexec-src.sh downloads the orig tarball (and builds the patched tree the guests use).
if ! "$TOP/scripts/kexec-src.sh" >/dev/null; then
	echo "FAIL kexec-series-head: no kexec-tools source (see above)"
	echo "0 passed, 1 failed"
	exit 1
fi
orig=$(ls "$CACHE"/dl/kexec-tools-*/kexec-tools_*.orig.tar.xz | tail -n1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$orig" -C "$tmp" --strip-components=1 --no-same-owner
why=$(series_applies "$tmp" "$TOP/kexec-tools-patches")
result "applies to $(basename "$orig" .orig.tar.xz) with no fuzz" $? "$why"

for arch in mipsel armhf arm64; do
	out=$("$TOP/scripts/build-kexec.sh" "$arch" 2>&1)
	rc=$?
	result "builds for $arch (static, musl)" $rc "$(printf '%s' "$out" | tail -n 2 | tr '\n' ' ')"
done

if [ -n "${PHRAMBOOT_KEXEC_GIT:-}" ]; then
	git clone -q "$PHRAMBOOT_KEXEC_GIT" "$tmp/head" 2>/dev/null
	head=$(git -C "$tmp/head" rev-parse --short HEAD 2>/dev/null)
	if (cd "$tmp/head" && git -c user.name=check -c user.email=check@invalid \
		am -q "$TOP"/kexec-tools-patches/upstream-head/*.patch) >"$tmp/am.log" 2>&1 &&
		(cd "$tmp/head" && ./bootstrap && ./configure && make -j"$(nproc)") >"$tmp/build.log" 2>&1; then
		result "upstream-head applies with git am at $head and builds" 0
	else
		result "upstream-head at ${head:-?}" 1 "$(tail -n 2 "$tmp/am.log" "$tmp/build.log" 2>/dev/null | tr '\n' ' ')"
	fi
else
	echo "NOTE kexec-series upstream-head/ not checked at git HEAD: set PHRAMBOOT_KEXEC_GIT to a kexec-tools clone"
fi

if [ "$failed" = 0 ]; then echo "PASS kexec-series-head"
else echo "FAIL kexec-series-head: see the FAIL lines above"; fi
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
