#!/bin/sh
# kexec-src.sh: print the path of the upstream kexec-tools source (the orig tarball of
# Debian sid's kexec-tools, without Debian's patches) with kexec-tools-patches/series
# applied. Cached by a hash of the version and the patches.
#
# Why sid: our patches are meant for upstream, so they are kept against upstream's newest
# release; bookworm's 2.0.25 is years behind it. Debian's own patches are not used (the
# series is applied to the pristine upstream tree), so only the .dsc and the orig tarball
# are needed. sid is never added to the system's apt sources: other scripts take the
# newest version apt knows of a package. It gets an apt state of its own in the cache.
set -eu
. "$(dirname "$0")/lib.sh"

# Pinned, not "newest in sid": a new upstream release must be a deliberate change, with
# the series refreshed and checked against it.
version=1:2.0.32-3
upstream=${version#*:}
upstream=${upstream%-*}
mirror=${PHRAMBOOT_SID_MIRROR:-http://deb.debian.org/debian}

key=$(inputs_hash "kexec-tools=$version" "$TOP/kexec-tools-patches/series" $(series_files "$TOP/kexec-tools-patches"))
dst=$CACHE/src/kexec-tools-$key
dl=$CACHE/dl/kexec-tools-$version
[ -d "$dst" ] && { echo "$dst"; exit 0; }
# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf "$dst.tmp" "$dl.tmp"' EXIT

if [ ! -f "$dl/done" ]; then
	say "downloading kexec-tools $version source from sid"
	mkdir -p "$CACHE/apt-sid"
	echo "deb-src $mirror sid main" >"$CACHE/apt-sid/sources.list"
	rm -rf "$dl.tmp" && mkdir -p "$dl.tmp"
	# The index is 25 MB: fetch it only when it does not know the version yet.
	if ! own_apt sid -qq --print-uris source "kexec-tools=$version" >/dev/null 2>&1; then
		logged "$dl.tmp/update.log" own_apt sid update
	fi
	# Debian's debian.tar.xz may be missing on a mirror; it is not needed. apt checks
	# what it does fetch against the signed index; the tarball is checked below against
	# the .dsc, so the exit status of this step is not what decides.
	(cd "$dl.tmp" && own_apt sid source --download-only "kexec-tools=$version" >apt.log 2>&1) || true
	dsc=$dl.tmp/kexec-tools_${version#*:}.dsc
	orig=$dl.tmp/kexec-tools_$upstream.orig.tar.xz
	[ -f "$dsc" ] && [ -f "$orig" ] || {
		tail -n 10 "$dl.tmp/apt.log" | sed 's/^/  | /' >&2
		die "could not download kexec-tools $version's .dsc and orig tarball from $mirror sid; check the network, or set PHRAMBOOT_SID_MIRROR"
	}
	want=$(sed -n '/^Checksums-Sha256:/,/^[^ ]/p' "$dsc" | awk -v f="$(basename "$orig")" '$3 == f { print $1 }')
	have=$(sha256sum "$orig" | cut -d' ' -f1)
	[ -n "$want" ] && [ "$want" = "$have" ] ||
		die "$(basename "$orig") does not match the sha256 in its .dsc; delete $dl.tmp and retry"
	touch "$dl.tmp/done"
	rm -rf "$dl" && mv "$dl.tmp" "$dl"
fi

rm -rf "$dst.tmp" && mkdir -p "$dst.tmp"
tar -xJf "$dl/kexec-tools_$upstream.orig.tar.xz" -C "$dst.tmp" --strip-components=1 --no-same-owner
apply_series "$dst.tmp" "$TOP/kexec-tools-patches"
publish "$dst"
for old in "$CACHE"/src/kexec-tools-*; do
	case $old in "$dst"|"$dst".*|*.log|*.tar.*) ;; *) rm -rf "$old" ;; esac
done
echo "$dst"
