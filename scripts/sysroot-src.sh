#!/bin/sh
# sysroot-src.sh mips [build|ssh]: the sysroot of a target Debian has no userland for,
# built from Debian's source packages, static, and laid out as the unpacked packages of
# the other targets are (scripts/sysroot.sh, which runs this for mips), so that the
# Makefiles and the guest scripts use it unchanged; print its path. Big-endian MIPS lost
# its Debian port with buster: bookworm has only the cross compiler (gcc-mips-linux-gnu,
# with glibc's and the kernel's headers, libc6-dev-mips-cross and linux-libc-dev-mips-cross).
#   build: bin/busybox, Debian's busybox-static (Debian's static config, glibc static as
#          Debian links it); musl's headers (usr/include/mips-linux-musl) and libc.a and
#          start files (usr/lib/mips-linux-musl, scripts/build-musl.sh's); the kernel's
#          uapi headers in Debian's multiarch places (usr/include/linux, asm-generic, mtd,
#          ..., usr/include/mips-linux-gnu/asm), from linux-libc-dev-mips-cross. No
#          libfdt.a or libsodium.a: our target builds compile both from source
#          (SODIUM_SRC, FDT_SRC; the top-level Makefile passes them).
#   ssh: usr/sbin/dropbear, from Debian's dropbear source with Debian's patches and
#        local options, static against musl, so that the guest needs no libraries. With
#        the libtomcrypt and libtommath bundled in that source (Debian links its own
#        packages, which mips does not have) and no zlib (nothing to compress on a link
#        to 127.0.0.1).
# Each program is cached by a hash of its source version, compiler and flags, the sysroot
# by the hashes of what it holds.
set -eu
. "$(dirname "$0")/lib.sh"

arch=${1:?usage: sysroot-src.sh mips [build|ssh]}
set=${2:-build}
triplet=$(arch_triplet "$arch")
case $arch in
mips) musl=mips-linux-musl ;;
*) die "$arch has Debian packages: use scripts/sysroot.sh $arch" ;;
esac
gcc=$triplet-gcc
command -v "$gcc" >/dev/null || die "$gcc missing; run 'make deps'"
gccv=$("$gcc" --version | head -n1)
# Debian's hardening flags (dpkg-buildflags with hardening=+all, as busybox's
# debian/rules asks; no PIE in a static binary), written out so that the cache key does
# not depend on the directory dpkg-buildflags is run from.
harden_cflags="-fstack-protector-strong -Wformat -Werror=format-security -D_FORTIFY_SOURCE=2"
harden_ldflags="-Wl,-z,relro -Wl,-z,now"

srcversion() {
	apt_cached apt-cache showsrc "$1" | sed -n 's/^Version: //p' | sort -V | tail -n1
}

# busybox: Debian's "static" flavour, configured and built as debian/rules does (the
# os/linux config first, then pkg/static; oldconfig; make all with Debian's flags) and
# stripped as dh_strip would. Sets bb to the binary's path.
build_busybox() {
	bb_version=$(srcversion busybox)
	[ -n "$bb_version" ] || die "no source package busybox; run 'make deps' (it adds the deb-src entry)"
	bb_src=$CACHE/src/busybox-$(inputs_hash "busybox=$bb_version")
	bb_key=$(inputs_hash "busybox=$bb_version" "$gccv" "$harden_cflags" "$harden_ldflags" static-1)
	bb_dst=$CACHE/busybox/$arch-$bb_key
	if [ ! -f "$bb_dst/busybox" ]; then
		debian_source busybox "$bb_version" "$bb_src" ""
		say "building busybox $bb_version (static) for $arch (log in $bb_dst.log)"
		rm -rf "$bb_dst.tmp" && mkdir -p "$bb_dst.tmp/b"
		cat "$bb_src/debian/config/os/linux" "$bb_src/debian/config/pkg/static" >"$bb_dst.tmp/b/.config"
		(yes "" | logged "$bb_dst.log" make -C "$bb_dst.tmp/b" -f "$bb_src/Makefile" \
			KBUILD_SRC="$bb_src" CROSS_COMPILE="$triplet-" KCONFIG_NOTIMESTAMP=1 silentoldconfig) ||
			exit 1
		logged "$bb_dst.make.log" make -C "$bb_dst.tmp/b" -j"$(nproc)" all \
			CROSS_COMPILE="$triplet-" KCONFIG_NOTIMESTAMP=1 SKIP_STRIP=y \
			BB_EXTRA_VERSION="Debian $bb_version" \
			CONFIG_EXTRA_CFLAGS="$harden_cflags" CONFIG_EXTRA_LDFLAGS="$harden_ldflags"
		"$triplet-strip" -o "$bb_dst.tmp/busybox" "$bb_dst.tmp/b/busybox"
		cp "$bb_dst.tmp/b/.config" "$bb_dst.tmp/config"
		rm -rf "$bb_dst.tmp/b"
		publish "$bb_dst"
		for old in "$CACHE"/busybox/$arch-*; do
			case $old in "$bb_dst"|"$bb_dst".*) ;; *) rm -rf "$old" ;; esac
		done
	fi
	bb=$bb_dst/busybox
}

# musl's headers for the sysroot, from the source scripts/build-musl.sh compiles
# (configure only picks the arch's bits; install-headers compiles nothing).
musl_headers() {
	mh_version=$(srcversion musl)
	[ -n "$mh_version" ] || die "no source package musl; run 'make deps' (it adds the deb-src entry)"
	mh_src=$CACHE/src/musl-$(inputs_hash "musl=$mh_version")
	debian_source musl "$mh_version" "$mh_src" ""
	rm -rf "$1.musl" && cp -a "$mh_src" "$1.musl"
	(cd "$1.musl" &&
		logged "$1.musl.log" ./configure --target="$triplet" --prefix=/usr \
			--includedir="/usr/include/$musl" --disable-shared --disable-wrapper \
			CROSS_COMPILE="$triplet-" CC="$gcc" &&
		logged "$1.musl.log" make install-headers DESTDIR="$1")
	rm -rf "$1.musl" "$1.musl.log"
}

# dropbear, static against the build sysroot's musl (musl_static in lib.sh, as
# scripts/build-kexec.sh links kexec). musl reads /etc/passwd itself, where a static glibc would
# want its NSS modules. Sets db to the binary's path.
build_dropbear() {
	db_version=$(srcversion dropbear)
	[ -n "$db_version" ] || die "no source package dropbear; run 'make deps' (it adds the deb-src entry)"
	db_sysroot=$1
	db_src=$CACHE/src/dropbear-$(inputs_hash "dropbear=$db_version")
	db_key=$(inputs_hash "dropbear=$db_version" "$gccv" "$(basename "$db_sysroot")" "$harden_cflags" static-musl-1)
	db_dst=$CACHE/dropbear/$arch-$db_key
	if [ ! -f "$db_dst/dropbear" ]; then
		debian_source dropbear "$db_version" "$db_src" ""
		say "building dropbear $db_version (static, musl) for $arch (log in $db_dst.log)"
		rm -rf "$db_dst.tmp" && mkdir -p "$db_dst.tmp"
		cp -a "$db_src" "$db_dst.tmp/build"
		# Debian's build options (sftp-server path, root's PATH), as debian/rules does.
		cp "$db_src/debian/localoptions.h" "$db_dst.tmp/build/"
		khdr=$db_dst.tmp/khdr
		musl_static "$db_sysroot" "$triplet" "$musl" "$khdr"
		# utmp, wtmp and lastlog are stubs in musl, and no router keeps login records.
		(cd "$db_dst.tmp/build" &&
			logged "$db_dst.log" ./configure --host="$triplet" --enable-static \
				--enable-bundled-libtom --disable-zlib --disable-pam \
				--disable-lastlog --disable-utmp --disable-utmpx --disable-wtmp --disable-wtmpx \
				--disable-pututline --disable-pututxline \
				CC="$MS_CC" CFLAGS="-Os $harden_cflags $MS_CFLAGS" LDFLAGS="$MS_LDFLAGS" LIBS="$MS_LIBS" &&
			logged "$db_dst.make.log" make -j"$(nproc)" PROGRAMS=dropbear)
		"$triplet-strip" -o "$db_dst.tmp/dropbear" "$db_dst.tmp/build/dropbear"
		rm -rf "$db_dst.tmp/build" "$khdr"
		publish "$db_dst"
		for old in "$CACHE"/dropbear/$arch-*; do
			case $old in "$db_dst"|"$db_dst".*) ;; *) rm -rf "$old" ;; esac
		done
	fi
	db=$db_dst/dropbear
}

# A failed or interrupted run leaves nothing half-made behind.
trap 'rm -rf ${dst:+"$dst.tmp" "$dst.tmp.musl"} ${bb_dst:+"$bb_dst.tmp"} ${db_dst:+"$db_dst.tmp"}' EXIT
dst=
case $set in
build)
	build_busybox
	musllib=$("$TOP/scripts/build-musl.sh" "$arch")
	kpkg=linux-libc-dev-$arch-cross
	kversion=$(dpkg-query -W -f='${Version}' "$kpkg" 2>/dev/null) ||
		die "$kpkg is not installed; run 'make deps' (gcc-$triplet brings it)"
	dst=$CACHE/sysroot/$arch-build-$(inputs_hash "$(basename "$(dirname "$bb")")" \
		"$(basename "$musllib")" "musl=$(srcversion musl)" "$kpkg=$kversion" src-1)
	if [ ! -d "$dst" ]; then
		say "assembling the $arch sysroot in $dst"
		rm -rf "$dst.tmp" && mkdir -p "$dst.tmp/bin" "$dst.tmp/usr/lib/$musl" "$dst.tmp/usr/include/$triplet"
		cp "$bb" "$dst.tmp/bin/busybox"
		musl_headers "$dst.tmp"
		for f in libc.a crt1.o crti.o crtn.o; do cp "$musllib/$f" "$dst.tmp/usr/lib/$musl/"; done
		# Debian's multiarch layout: asm/ under the triplet, the rest shared.
		for d in $(dpkg -L "$kpkg" | sed -n "s|^/usr/$triplet/include/\([^/]*\)\$|\1|p"); do
			case $d in
			asm) cp -a "/usr/$triplet/include/asm" "$dst.tmp/usr/include/$triplet/asm" ;;
			*) cp -a "/usr/$triplet/include/$d" "$dst.tmp/usr/include/$d" ;;
			esac
		done
		[ -f "$dst.tmp/usr/include/linux/watchdog.h" ] && [ -d "$dst.tmp/usr/include/$triplet/asm" ] ||
			die "no kernel headers from $kpkg in /usr/$triplet/include; reinstall it"
		publish "$dst"
	fi
	;;
ssh)
	build=$("$TOP/scripts/sysroot-src.sh" "$arch" build)
	build_dropbear "$build"
	dst=$CACHE/sysroot/$arch-ssh-$(inputs_hash "$(basename "$(dirname "$db")")" src-1)
	if [ ! -d "$dst" ]; then
		rm -rf "$dst.tmp" && mkdir -p "$dst.tmp/usr/sbin"
		cp "$db" "$dst.tmp/usr/sbin/dropbear"
		publish "$dst"
	fi
	;;
flash) die "no flash set for $arch: its board (QEMU malta, big-endian) has no UBI and no U-Boot environment on flash" ;;
*) die "unknown package set '$set' (known for $arch: build ssh)" ;;
esac
echo "$dst"
