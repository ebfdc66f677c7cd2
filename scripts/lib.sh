# Shared helpers for the build scripts; sourced, not run.
# Expensive outputs live in a cache outside the repo, in directories named after a hash
# of everything that went into them, so a changed input rebuilds and an unchanged one
# does not.

# The repository: from the running script's place (scripts/ or qemu-tests/), unless the
# caller has set it (the bash harness, whose scripts sit at other depths).
TOP=${PHRAMBOOT_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
CACHE=${PHRAMBOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/phramboot}
PROG=$(basename "$0" .sh)

say() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { printf '%s: fatal: %s\n' "$PROG" "$*" >&2; exit 1; }

# Short content hash of files and strings given as arguments: a file argument counts by
# its name and content, anything else by its text.
inputs_hash() {
	for x in "$@"; do
		if [ -f "$x" ]; then
			printf 'file %s\n' "$(basename "$x")"
			cat "$x"
		else
			printf 'text %s\n' "$x"
		fi
	done | sha256sum | cut -c1-16
}

# apt_cached CMD...: the output of an apt-cache query, remembered until the package lists
# change. apt-cache takes about 2 s a call with three architectures' lists, and one build
# asks the same questions a dozen times. A failing query is not remembered.
apt_cached() {
	lists=$(ls -l --time-style=+%s /var/lib/apt/lists/ 2>/dev/null | sha256sum | cut -c1-16)
	memo=$CACHE/apt/$(inputs_hash "$lists" "$*")
	if [ ! -f "$memo" ]; then
		mkdir -p "$CACHE/apt"
		if ! "$@" >"$memo.$$" 2>/dev/null; then
			rm -f "$memo.$$"
			return 1
		fi
		mv "$memo.$$" "$memo"
	fi
	cat "$memo"
}

# unstuck_options DOTCONFIG FRAGMENT...: the CONFIG_...= lines of the fragments that are
# not in DOTCONFIG. merge_config.sh only warns when an option did not stick (a missing
# dependency), and a kernel built without it lacks what its user relies on. As in
# merge_config.sh, a later fragment's line for an option (=, or "is not set") replaces an
# earlier one's: maltabe.config turns malta.config's CONFIG_CPU_LITTLE_ENDIAN=y off.
unstuck_options() {
	dotconfig=$1
	shift
	cat "$@" | sed -n -e 's/^\(CONFIG_[A-Z0-9_]*\)=.*/\1 &/p' \
		-e 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1 &/p' |
		awk '{ k = $1; sub(/^[^ ]* /, ""); if (!(k in v)) o[n++] = k; v[k] = $0 }
			END { for (i = 0; i < n; i++) print v[o[i]] }' |
		grep -E '^CONFIG_[A-Z0-9_]+=' | while read -r line; do
		grep -qxF "$line" "$dotconfig" || echo "$line"
	done
}

# The patch files a series names, in order, as paths (for hashing and applying).
series_files() {
	series=$1/series
	[ -f "$series" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$series" | while read -r p; do
		[ -n "$p" ] && printf '%s\n' "$1/$p"
	done
	return 0
}

# series_applies TREE DIR: apply DIR's series to TREE in order, with no fuzz; on the
# first patch that does not apply, show patch's output on stderr, print the patch's name
# and patch's first reason, and fail.
series_applies() {
	for sa_p in $(series_files "$2"); do
		if ! sa_o=$(patch -d "$1" -p1 --batch --forward --fuzz=0 --no-backup-if-mismatch -r - <"$sa_p" 2>&1); then
			printf '%s\n' "$sa_o" | sed 's/^/  /' >&2
			echo "$(basename "$sa_p"): $(printf '%s\n' "$sa_o" | grep -m1 -iE 'fail|reject|malformed|No file')"
			return 1
		fi
	done
}

# Apply a series to a tree in order; stop at the first patch that does not apply, naming it.
apply_series() {
	for p in $(series_files "$2"); do
		[ -f "$p" ] || die "series $2/series names $(basename "$p"), which does not exist"
	done
	why=$(series_applies "$1" "$2") ||
		die "patch ${2#"$TOP"/}/${why%%:*} does not apply (${why#*: }); fix or refresh it"
}

# debian_source PKG VERSION DST PATCHDIR: Debian's source package PKG=VERSION (with
# Debian's own patches) unpacked into DST with PATCHDIR/series applied, unless DST is
# there already. The download is kept in $CACHE/dl; other trees of PKG in $CACHE/src are
# removed (a tree is hundreds of MB: keep the one the current inputs describe).
debian_source() {
	ds_pkg=$1 ds_version=$2 ds_dst=$3 ds_patches=$4
	[ -d "$ds_dst" ] && return 0
	ds_dl=$CACHE/dl/$ds_pkg-$ds_version
	if [ ! -f "$ds_dl/done" ]; then
		say "downloading $ds_pkg $ds_version source"
		rm -rf "$ds_dl" && mkdir -p "$ds_dl"
		(cd "$ds_dl" && logged apt.log apt-get source --download-only "$ds_pkg=$ds_version" && touch done)
	fi
	rm -rf "$ds_dst.tmp" && mkdir -p "$CACHE/src"
	logged "$ds_dst.log" dpkg-source --no-check -x "$ds_dl"/"$ds_pkg"_*.dsc "$ds_dst.tmp"
	apply_series "$ds_dst.tmp" "$ds_patches"
	publish "$ds_dst"
	for ds_old in "$CACHE"/src/"$ds_pkg"-*; do
		case $ds_old in "$ds_dst"|*.log) ;; *) rm -rf "$ds_old" ;; esac
	done
}

# own_apt STATE ARGS...: apt-get with the sources in $CACHE/apt-STATE/sources.list only,
# and lists and downloads of their own there: suites the system's apt must never see
# (sid, trixie, experimental) are used without adding them to its sources. Only amd64's
# and the architecture-independent indices are fetched.
own_apt() {
	oa_dir=$CACHE/apt-$1
	shift
	mkdir -p "$oa_dir/lists/partial" "$oa_dir/cache/archives/partial"
	apt-get -o Dir::Etc::SourceList="$oa_dir/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$oa_dir/lists" \
		-o Dir::Cache="$oa_dir/cache" -o APT::Get::List-Cleanup=0 \
		-o APT::Architectures::=amd64 "$@"
}

# musl_static SYSROOT TRIPLET MUSL KHDR: how autoconf builds a static program against
# the musl in SYSROOT (musl's headers and libc.a, MUSL its name there: mipsel-linux-musl)
# with the cross compiler TRIPLET-gcc. Only musl's headers, the kernel's uapi headers
# (linked into the new folder KHDR, without the glibc headers beside them) and gcc's own
# are on the include path, so the cross toolchain's glibc never mixes in; the link names
# musl's start files and libc.a itself. Sets MS_CC, MS_CFLAGS (to add to), MS_LDFLAGS
# and MS_LIBS.
musl_static() {
	ms_lib=$1/usr/lib/$3
	mkdir -p "$4"
	ln -s "$1/usr/include/linux" "$4/linux"
	ln -s "$1/usr/include/asm-generic" "$4/asm-generic"
	ln -s "$1/usr/include/$2/asm" "$4/asm"
	MS_CC=$2-gcc
	MS_CFLAGS="-nostdinc -isystem $1/usr/include/$3 -isystem $4 -isystem $("$MS_CC" -print-file-name=include)"
	MS_LDFLAGS="-static -no-pie -nostdlib $ms_lib/crt1.o $ms_lib/crti.o $("$MS_CC" -print-file-name=crtbeginT.o)"
	MS_LIBS="-Wl,--start-group $ms_lib/libc.a $("$MS_CC" -print-libgcc-file-name) -Wl,--end-group $("$MS_CC" -print-file-name=crtend.o) $ms_lib/crtn.o"
}

# Run "$@" with output in a log; on failure show the log's tail and stop.
logged() {
	log=$1; shift
	if ! "$@" >"$log" 2>&1; then
		tail -n 30 "$log" | sed 's/^/  | /' >&2
		die "'$*' failed; full log: $log"
	fi
}

# Atomic publish: build into $1.tmp, then rename, so an interrupted build is never used.
publish() { rm -rf "$1"; mv "$1.tmp" "$1"; }

arch_triplet() {
	case $1 in
	mipsel) echo mipsel-linux-gnu ;;
	armhf) echo arm-linux-gnueabihf ;;
	mips) echo mips-linux-gnu ;;
	arm64) echo aarch64-linux-gnu ;;
	*) die "unknown target arch '$1' (known: mipsel armhf mips arm64)" ;;
	esac
}

# A QEMU guest is a board (malta, maltabe, virt, arm64) with kernels of one kernel line:
# 6.12, or mainline for BOARD-mainline (build/guest/malta-mainline). Boards come in two
# families that share a flash layout, a bootloader setup and their scenarios' board
# rules: malta (malta little-endian, maltabe big-endian MIPS) and virt (virt 32-bit ARM,
# arm64). guest_board GUEST: the board; guest_kline GUEST: the kernel line;
# board_family BOARD: its family; board_arch BOARD: the target architecture of its
# programs (build/target-ARCH).
guest_board() { echo "${1%-mainline}"; }
guest_kline() { case $1 in *-mainline) echo mainline ;; *) echo 6.12 ;; esac; }
board_family() {
	case $1 in
	malta | maltabe) echo malta ;;
	virt | arm64) echo virt ;;
	*) echo "unknown board '$1' (known: malta maltabe virt arm64)" >&2; return 1 ;;
	esac
}
board_arch() {
	case $1 in
	malta) echo mipsel ;;
	maltabe) echo mips ;;
	virt) echo armhf ;;
	arm64) echo arm64 ;;
	*) echo "unknown board '$1' (known: malta maltabe virt arm64)" >&2; return 1 ;;
	esac
}
