#!/bin/sh
# test-series.sh: prove the patch-series machinery on the real kexec-tools source, in a
# scratch copy of the repo and a scratch cache: an unchanged series reuses the cached
# tree, a changed patch gives a new tree, and a patch that does not apply stops the
# build, names the patch and publishes nothing.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 failed=0
check() { # NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "PASS series $name"; pass=$((pass + 1))
	else echo "FAIL series $name"; failed=$((failed + 1)); fi
}

mkdir -p "$work/repo/kexec-tools-patches"
cp -a "$TOP/scripts" "$work/repo/"
# Reuse the downloaded source package, if any: the test is about patches, not apt. The
# caller's cache, the one the build scripts use (PHRAMBOOT_CACHE, as in lib.sh).
real_cache=${PHRAMBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/phramboot}
export PHRAMBOOT_CACHE="$work/cache"
mkdir -p "$work/cache"
[ -d "$real_cache/dl" ] && ln -s "$real_cache/dl" "$work/cache/dl"
src() { "$work/repo/scripts/kexec-src.sh" 2>"$work/err"; }

# A well-formed patch, made against the real tree so it applies.
base=$(src) || { cat "$work/err"; echo "0 passed, 1 failed"; exit 1; }
cp -a "$base" "$work/b"
echo "phramboot series test" >>"$work/b/News"
(cd "$work" && diff -u "${base#"$work/"}/News" b/News |
	sed -e "1s|^--- [^\t]*|--- a/News|" -e "2s|^+++ [^\t]*|+++ b/News|") \
	>"$work/repo/kexec-tools-patches/0001-good.patch"
echo 0001-good.patch >"$work/repo/kexec-tools-patches/series"

good=$(src)
check "good patch applies" grep -q "phramboot series test" "$good/News"
check "unchanged series reuses the cached tree" sh -c "[ \"\$($work/repo/scripts/kexec-src.sh 2>&1)\" = \"$good\" ]"
sed -i 's/series test/series test, changed/' "$work/repo/kexec-tools-patches/0001-good.patch"
changed=$(src)
check "changed patch gives a new tree" sh -c "[ '$changed' != '$good' ] && grep -q changed '$changed/News'"

printf '%s\n' '--- a/News' '+++ b/News' '@@ -1,1 +1,1 @@' '-no such line in News' '+x' \
	>"$work/repo/kexec-tools-patches/0002-broken.patch"
echo 0002-broken.patch >>"$work/repo/kexec-tools-patches/series"
before=$(ls "$work/cache/src")
if src >/dev/null; then rc=0; else rc=$?; fi
check "broken patch stops the build" [ "$rc" -ne 0 ]
check "broken patch is named" grep -q "patch kexec-tools-patches/0002-broken.patch does not apply" "$work/err"
check "nothing half-made is published" sh -c "[ \"\$(ls '$work/cache/src' | grep -Ev '\\.(tmp|log)\$')\" = \"$(echo "$before" | grep -Ev '\.(tmp|log)$')\" ]"
echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
