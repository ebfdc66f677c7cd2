#!/bin/sh
# kexec-src.sh: print the path of Debian's kexec-tools source (with Debian's own patches)
# with kexec-tools-patches/series applied. Cached by a hash of the version and patches.
set -eu
. "$(dirname "$0")/lib.sh"

version=$(apt_cached apt-cache showsrc kexec-tools | sed -n 's/^Version: //p' | sort -V | tail -n1)
[ -n "$version" ] || die "no source package kexec-tools; run 'make deps' (it adds the deb-src entry)"
upstream=${version%-*}
upstream=${upstream#*:}

key=$(inputs_hash "kexec-tools=$version" "$TOP/kexec-tools-patches/series" $(series_files "$TOP/kexec-tools-patches"))
dst=$CACHE/src/kexec-tools-$key
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp"' EXIT
if [ ! -d "$dst" ]; then
	dl=$CACHE/dl/kexec-tools-$version
	if [ ! -f "$dl/done" ]; then
		say "downloading kexec-tools $version source"
		rm -rf "$dl" && mkdir -p "$dl"
		(cd "$dl" && logged apt.log apt-get source --download-only "kexec-tools=$version" && touch done)
	fi
	rm -rf "$dst.tmp" && mkdir -p "$CACHE/src"
	logged "$dst.log" dpkg-source --no-check -x "$dl"/kexec-tools_*.dsc "$dst.tmp"
	apply_series "$dst.tmp" "$TOP/kexec-tools-patches"
	publish "$dst"
	for old in "$CACHE"/src/kexec-tools-*; do
		case $old in "$dst"|*.log) ;; *) rm -rf "$old" ;; esac
	done
fi
echo "$dst"
