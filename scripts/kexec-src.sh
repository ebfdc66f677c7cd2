#!/bin/sh
# kexec-src.sh: print the path of Debian's kexec-tools source (with Debian's own patches)
# with kexec-tools-patches/series applied. Cached by a hash of the version and patches.
set -eu
. "$(dirname "$0")/lib.sh"

version=$(apt_cached apt-cache showsrc kexec-tools | sed -n 's/^Version: //p' | sort -V | tail -n1)
[ -n "$version" ] || die "no source package kexec-tools; run 'make deps' (it adds the deb-src entry)"

key=$(inputs_hash "kexec-tools=$version" "$TOP/kexec-tools-patches/series" $(series_files "$TOP/kexec-tools-patches"))
dst=$CACHE/src/kexec-tools-$key
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp"' EXIT
debian_source kexec-tools "$version" "$dst" "$TOP/kexec-tools-patches"
echo "$dst"
