#!/bin/sh
# linux-src.sh 6.12|mainline: print the path of a Linux tree from Debian's linux-source
# package for that line, with our series applied: kernel-patches/LINE/mips,
# kernel-patches/LINE/watchdog and then qemu-tests/kernel/test-patches/LINE. Cached by a
# hash of the package version and every patch. linux-src.sh --tarball LINE prints the
# path of the downloaded package instead (scripts/check-kernel-patches.sh reads the
# pristine files a series touches from it).
#
# Why these packages: the series are for upstream, so they are kept against mainline
# (Debian's newest linux-source-7.x, from experimental) and the LTS line current OpenWrt
# ships (6.12, from trixie, newer than bookworm-backports' 6.12). Neither is added to the
# system's apt sources: they get an apt state of their own in the cache, and only the
# linux-source .deb is downloaded from there (apt checks it against the signed index).
set -eu
. "$(dirname "$0")/lib.sh"

tarball_only=
[ "${1:-}" = --tarball ] && { tarball_only=1; shift; }
line=${1:?usage: linux-src.sh [--tarball] 6.12|mainline}
# Pinned, not "newest": a new upstream must be a deliberate change, with the series
# refreshed and checked against it.
case $line in
6.12) pkg=linux-source-6.12 version=6.12.117-1 suite=trixie ;;
mainline) pkg=linux-source-7.3 version=7.3~rc7-1~exp1 suite=experimental ;;
*) die "unknown kernel line '$line' (known: 6.12 mainline)" ;;
esac
mirror=${PHRAMBOOT_DEBIAN_MIRROR:-http://deb.debian.org/debian}

series_dirs="$TOP/kernel-patches/$line/mips $TOP/kernel-patches/$line/watchdog $TOP/qemu-tests/kernel/test-patches/$line"
hashed=
for d in $series_dirs; do hashed="$hashed $d/series $(series_files "$d")"; done
key=$(inputs_hash "$pkg=$version" $hashed)
dst=$CACHE/src/linux-$line-$key
dl=$CACHE/dl/$pkg-$version
[ -z "$tarball_only" ] && [ -d "$dst" ] && { echo "$dst"; exit 0; }
[ -n "$tarball_only" ] && [ -f "$dl/done" ] && { echo "$dl/$pkg.deb"; exit 0; }
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp" "$dl.tmp"' EXIT

if [ ! -f "$dl/done" ]; then
	say "downloading $pkg $version from $suite"
	mkdir -p "$CACHE/apt-debian"
	printf 'deb %s trixie main\ndeb %s experimental main\n' "$mirror" "$mirror" \
		>"$CACHE/apt-debian/sources.list"
	rm -rf "$dl.tmp" && mkdir -p "$dl.tmp"
	if ! own_apt debian -qq --print-uris download "$pkg=$version" >/dev/null 2>&1; then
		logged "$dl.tmp/update.log" own_apt debian update
	fi
	(cd "$dl.tmp" && own_apt debian download "$pkg=$version" >apt.log 2>&1 && mv ./*.deb "$pkg.deb") || {
		tail -n 5 "$dl.tmp/apt.log" | sed 's/^/  | /' >&2
		die "could not download $pkg $version from $mirror $suite; check the network or set PHRAMBOOT_DEBIAN_MIRROR; if $suite dropped that version, move the pin in $0 and refresh the series"
	}
	touch "$dl.tmp/done"
	rm -rf "$dl" && mv "$dl.tmp" "$dl"
fi
[ -n "$tarball_only" ] && { echo "$dl/$pkg.deb"; exit 0; }

say "unpacking $pkg $version and applying the $line series"
rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
# The .deb holds the tree as /usr/src/$pkg.tar.xz.
dpkg-deb --fsys-tarfile "$dl/$pkg.deb" | tar -xO "./usr/src/$pkg.tar.xz" |
	tar -xJ -C "$dst.tmp" --strip-components=1 --no-same-owner
for d in $series_dirs; do apply_series "$dst.tmp" "$d"; done
publish "$dst"
# A tree is 1.5 GB: keep only the one the current patches describe, per line.
for old in "$CACHE"/src/linux-$line-*; do
	case $old in "$dst" | *.tmp) ;; *) rm -rf "$old" ;; esac
done
echo "$dst"
