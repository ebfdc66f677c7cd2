#!/bin/sh
# Install everything the build and the tests need on Debian bookworm, as root.
# Idempotent: each step checks first and says nothing when there is nothing to do.
set -eu

say() { printf 'deps: %s\n' "$*"; }
die() { printf 'deps: fatal: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
	command -v sudo >/dev/null || die "not root and no sudo: run 'make deps' as root"
else
	SUDO=
fi

FOREIGN_ARCHES="mipsel armhf arm64"

# Host tools: cross compilers (mips is big-endian MIPS: Debian has no userland for it
# since buster, only the compiler, so its target programs are built from source), QEMU
# (qemu-user runs the unit tests as a big-endian MIPS process), image tools (U-Boot environments, UBI), kernel build
# deps, host libraries, clang with its libFuzzer runtime (make check-fuzz), autoconf
# (the kexec-tools series at git HEAD, scripts/check-kexec-series.sh), cmake (cmocka for
# the big-endian unit tests, scripts/build-testlibs.sh).
HOST_PKGS="build-essential gcc-mipsel-linux-gnu gcc-arm-linux-gnueabihf
 gcc-mips-linux-gnu gcc-aarch64-linux-gnu
 libc6-dev-mipsel-cross libc6-dev-armhf-cross libc6-dev-mips-cross libc6-dev-arm64-cross qemu-user
 qemu-system-mips qemu-system-arm device-tree-compiler squashfs-tools cpio xz-utils
 bc bison flex libssl-dev libelf-dev kmod rsync dpkg-dev pkg-config
 libfdt-dev libsodium-dev libcmocka-dev signify-openbsd gawk
 u-boot-tools mtd-utils dropbear-bin openssh-client socat fdisk iproute2
 clang libclang-rt-14-dev python3 ansible-core ansible-lint autoconf cmake"


need_update=
apt_updated=
apt_update() {
	[ -n "$apt_updated" ] && return 0
	# A mirror mid-sync makes one index fail now and then: retry, then go on with
	# what we have and let the install say what is really missing.
	log=$(mktemp)
	for try in 1 2 3; do
		say "apt-get update (try $try of 3)"
		$SUDO apt-get update -qq >"$log" 2>&1 && { apt_updated=1; rm -f "$log"; return 0; }
		sleep 3
	done
	say "warning: apt-get update reported errors; continuing with the indexes it got:"
	grep '^E:' "$log" | sort -u | head -n 3 | sed 's/^/  /' >&2
	rm -f "$log"
	apt_updated=1
}

# Target packages (busybox-static, libfdt-dev, ... for mipsel/armhf) are not
# co-installable across architectures: scripts/sysroot.sh downloads and unpacks them
# into a per-arch sysroot in the cache instead. The foreign architectures are only
# registered here so that apt-get download finds them.

# deb-src for bookworm main, so that 'apt-get source u-boot' works. kexec-tools comes from
# sid instead, through an apt state of its own (scripts/kexec-src.sh), never from here.
SRC_LIST=/etc/apt/sources.list.d/phramboot-src.sources
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && \
   ! grep -qs '^deb-src' /etc/apt/sources.list 2>/dev/null; then
	say "adding deb-src entry for bookworm main ($SRC_LIST)"
	$SUDO tee "$SRC_LIST" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	need_update=1
fi

for a in $FOREIGN_ARCHES; do
	if ! dpkg --print-foreign-architectures | grep -qx "$a"; then
		say "adding foreign architecture $a"
		$SUDO dpkg --add-architecture "$a"
		need_update=1
	fi
done

[ -n "$need_update" ] && apt_update

missing=
for p in $HOST_PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	apt_update
	say "installing:$missing"
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null \
		|| die "apt-get install failed for:$missing"
fi
exit 0
