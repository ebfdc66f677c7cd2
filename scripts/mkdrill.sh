#!/bin/sh
# mkdrill.sh --init FILE --kernel FILE --dtb FILE --key SECRET.sec --out DIR
#            [--append ARGS] [--compatible BOARD]... [--security-version N] [--phramboot FILE]
# Makes, on the build host, the signed drill bundle that `phramboot drill` boots: the
# trial kernel and DTB the board's trials use, and a root image that holds only the drill
# payload's init (build/target-ARCH/drill-init, from phramboot/drill_init.c). Its command
# line carries phramboot.drill-payload, the word by which phramboot drill tells a drill
# bundle from a firmware. Why a whole kernel and not something smaller: the drill proves
# the path a trial takes (kexec of that kernel, its watchdog driver meeting a running
# timer, its ramoops), and a bare-metal loop would prove none of that.
set -eu
. "$(dirname "$0")/lib.sh"

init= kernel= dtb= key= out= append= extra= pb=$TOP/build/phramboot-native/phramboot
while [ $# -gt 0 ]; do
	case $1 in
	--init) init=$2 ;;
	--kernel) kernel=$2 ;;
	--dtb) dtb=$2 ;;
	--key) key=$2 ;;
	--out) out=$2 ;;
	--append) append=$2 ;;
	--phramboot) pb=$2 ;;
	--compatible | --security-version) extra="$extra $1 $2" ;;
	-h | --help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
	[ $# -ge 2 ] || die "$1 wants a value"
	shift 2
done
for v in init kernel dtb key out; do
	eval "[ -n \"\$$v\" ]" || die "--$v is missing (see --help)"
done
for f in "$init" "$kernel" "$dtb" "$key"; do
	[ -f "$f" ] || die "$f does not exist"
done
[ -x "$pb" ] || die "$pb missing; run 'make tools' or pass --phramboot"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/root/sbin" "$stage/root/dev" "$stage/root/proc"
cp "$init" "$stage/root/sbin/init"
chmod 755 "$stage/root/sbin/init"
# The kernel opens /dev/console for init before anything is mounted on /dev.
mknod -m 600 "$stage/root/dev/console" c 5 1 || die "cannot mknod /dev/console (run as root)"
mksquashfs "$stage/root" "$stage/drill.squashfs" -noappend -all-root -comp gzip \
	-mkfs-time 0 -all-time 0 >/dev/null || die "mksquashfs failed"
rm -rf "$out"
# shellcheck disable=SC2086 # $extra is option pairs without blanks in them
"$pb" pack --kernel "$kernel" --dtb "$dtb" --rootfs "$stage/drill.squashfs" \
	--append "${append:+$append }phramboot.drill-payload" $extra --key "$key" --out "$out" >/dev/null
say "drill bundle in $out"
