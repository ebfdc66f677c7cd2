#!/bin/sh
# CLI tests for phramboot: pack/keygen interop with signify-openbsd, dry runs, and every
# refusal: one line on stderr, the documented exit code, nothing left behind.
# usage: cli.sh PHRAMBOOT SCRATCH
set -u
PB=$1
T=$2
rm -rf "$T" && mkdir -p "$T" || exit 1
cd "$T" || exit 1
pass=0 failed=0

ok() { pass=$((pass + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect CODE PATTERN CMD...: exit code CODE, and (if CODE != 0) exactly one stderr line
# matching PATTERN; the work directory must stay empty.
expect() {
	code=$1 pat=$2
	shift 2
	rm -rf work && mkdir work
	"$@" >out 2>err
	got=$?
	if [ "$got" != "$code" ]; then
		bad "$* -> exit $got, want $code: $(cat err)"
		return
	fi
	if [ "$code" != 0 ]; then
		if [ "$(grep -vc '^phramboot: warning' err)" != 1 ] || ! grep -q -- "$pat" err; then
			bad "$* -> stderr not one line matching '$pat': $(cat err)"
			return
		fi
	elif [ -n "$pat" ] && ! grep -q -- "$pat" out; then
		bad "$* -> stdout lacks '$pat': $(cat out)"
		return
	fi
	if [ -n "$(ls work)" ]; then
		bad "$* -> left files in the work directory: $(ls work)"
		return
	fi
	ok
}

# ---- inputs: a mipsel ELF "kernel", a DTB, a squashfs ----
python3 - <<'PY'
import struct
eh = bytearray(52)
eh[0:4] = b'\x7fELF'; eh[4] = 1; eh[5] = 1; eh[6] = 1
struct.pack_into('<HHIIIIIHHHHHH', eh, 16, 2, 8, 1, 0x80100000, 52, 0, 0, 52, 32, 1, 40, 0, 0)
ph = struct.pack('<IIIIIIII', 1, 0x1000, 0x80100000, 0x80100000, 0x10000, 0x600000, 7, 0x1000)
open('vmlinux', 'wb').write(bytes(eh) + ph + bytes(0x1000 - 84) + bytes(range(256)) * 256)
PY
cat >board.dts <<'DTS'
/dts-v1/;
/ {
	#address-cells = <1>;
	#size-cells = <1>;
	compatible = "mti,malta";
	memory@0 { device_type = "memory"; reg = <0x0 0x10000000>; };
};
DTS
dtc -q -I dts -O dtb -o board.dtb board.dts
mkdir -p rootdir/etc && echo trial >rootdir/etc/motd && head -c 300000 /dev/urandom >rootdir/blob
mksquashfs rootdir root.squashfs -quiet -noappend -all-root >/dev/null
cat >malta.iomem <<'IOMEM'
00000000-0fffffff : System RAM
  00100000-0062ffff : Kernel code
  00630000-0073ffff : Kernel data
  00780000-007a7fff : Kernel bss
10000000-17ffffff : GT-64120 PCI MEM
IOMEM
printf '00000000-00000000 : System RAM\n  00000000-00000000 : Kernel code\n' >zero.iomem
printf '00000000-007fffff : System RAM\n' >tiny.iomem

# ---- keys ----
expect 0 "" "$PB" keygen --pub pb.pub --sec pb.sec
[ "$(stat -c %a pb.sec)" = 600 ] && ok || bad "secret key mode $(stat -c %a pb.sec)"
expect 6 "unable to write pb.sec: File exists" "$PB" keygen --pub pb.pub --sec pb.sec
expect 1 "required" "$PB" keygen --pub x.pub
expect 1 "unable to use --comment: it has a line break" "$PB" keygen --pub nl.pub --sec nl.sec --comment "$(printf 'a\nb')"
[ ! -e nl.pub ] && [ ! -e nl.sec ] && ok || bad "keygen with a bad comment left a key behind"
signify-openbsd -G -n -c "signify made" -p sy.pub -s sy.sec

# ---- pack, and signify interop both ways ----
P="--kernel vmlinux --dtb board.dtb --rootfs root.squashfs"
expect 0 "" "$PB" pack $P --append 'console=ttyS0 foo="a b"' --key pb.sec --out b1
signify-openbsd -V -q -p pb.pub -m b1/manifest -x b1/manifest.sig && ok || bad "signify-openbsd -V rejects our signature"
grep -q '^arch mips 32 little elf$' b1/manifest && ok || bad "manifest arch: $(cat b1/manifest)"
grep -q '^append console=ttyS0 foo="a b"$' b1/manifest && ok || bad "manifest append"
[ "$(sed -n 's/^rootfs rootfs [0-9]* //p' b1/manifest)" = "$(sha256sum <root.squashfs | cut -c1-64)" ] && ok || bad "rootfs hash differs from sha256sum"
expect 0 "" "$PB" pack $P --key sy.sec --out b2
signify-openbsd -V -q -p sy.pub -m b2/manifest -x b2/manifest.sig && ok || bad "signify rejects a bundle signed with its own key by us"
cp -r b1 b3 && rm b3/manifest.sig && signify-openbsd -S -s sy.sec -m b3/manifest -x b3/manifest.sig

# pack refusals
expect 6 "not an empty directory" "$PB" pack $P --key pb.sec --out b1
expect 2 "not a (little-endian) squashfs" "$PB" pack --kernel vmlinux --dtb board.dtb --rootfs board.dtb --key pb.sec --out bx
[ ! -e bx ] && ok || bad "failed pack left bx behind"
expect 2 "not a device tree" "$PB" pack --kernel vmlinux --dtb vmlinux --rootfs root.squashfs --key pb.sec --out bx
expect 2 "not an ELF vmlinux" "$PB" pack --kernel board.dtb --dtb board.dtb --rootfs root.squashfs --key pb.sec --out bx
expect 2 "unable to use secret key" "$PB" pack $P --key pb.pub --out bx
expect 1 "unbalanced" "$PB" pack $P --append 'a="b' --key pb.sec --out bx
expect 2 "4000 bytes leave too little of this kernel's 4096-byte command line" "$PB" pack $P --append "$(printf '%04000d' 0)" --key pb.sec --out bx
{ cat board.dtb; head -c 5M /dev/zero; } >huge.dtb
expect 2 "unable to use huge.dtb: [0-9]* bytes; a device tree blob is at most 4194304" "$PB" pack --kernel vmlinux --dtb huge.dtb --rootfs root.squashfs --key pb.sec --out bx
expect 1 'bare "--"' "$PB" pack $P --append 'console=ttyS0 -- single' --key pb.sec --out bx
expect 1 "required" "$PB" pack $P --out bx

# ---- flash payloads (manifest version 2) ----
head -c 300000 /dev/urandom >uimage
expect 0 "" "$PB" pack $P --flash kernel=uimage --flash rootfs=@rootfs --key pb.sec --out bf
head -n1 bf/manifest | grep -qx 'phramboot-manifest 2' && ok || bad "flash bundle is not version 2: $(head -n1 bf/manifest)"
grep -q "^flash kernel flash-kernel 300000 $(sha256sum <uimage | cut -c1-64)\$" bf/manifest && ok || bad "flash kernel line: $(grep ^flash bf/manifest)"
grep -q "^flash rootfs rootfs $(stat -c %s root.squashfs) $(sha256sum <root.squashfs | cut -c1-64)\$" bf/manifest && ok || bad "flash @rootfs line: $(grep ^flash bf/manifest)"
cmp -s uimage bf/flash-kernel && ok || bad "bf/flash-kernel differs from its source"
head -n1 b1/manifest | grep -qx 'phramboot-manifest 1' && ok || bad "a bundle without --flash is not version 1"
expect 1 "want TARGET=FILE" "$PB" pack $P --flash kernel --key pb.sec --out bx
expect 1 "target name" "$PB" pack $P --flash Kernel=uimage --key pb.sec --out bx
expect 1 "given twice" "$PB" pack $P --flash k=uimage --flash k=uimage --key pb.sec --out bx
expect 2 "want a file, @kernel, @dtb or @rootfs" "$PB" pack $P --flash k=@initrd --key pb.sec --out bx
[ ! -e bx ] && ok || bad "failed --flash pack left bx behind"
expect 2 "unable to use nothing-here" "$PB" pack $P --flash k=nothing-here --key pb.sec --out bx
[ ! -e bx ] && ok || bad "failed --flash pack left bx behind"
# commit runs in a trial only; this host is none.
expect 2 "not a phramboot trial" "$PB" commit
expect 2 "not a phramboot trial" "$PB" commit --dry-run
expect 1 "confirm takes only --layout" "$PB" confirm --dry-run
expect 1 "unexpected argument" "$PB" commit now

# ---- dry runs ----
# --ramoops none: the build host's own ramoops, if any, must not change the plans.
D="--dry-run --iomem malta.iomem --machine mips:little --kexec /bin/true --no-watchdog --workdir work --ramoops none"
expect 0 "placement: 0xf" "$PB" $D --key pb.pub b1
grep -q 'bootargs: console=ttyS0 foo="a b" root=/dev/mtdblock0 rootfstype=squashfs panic=5 phramboot.trial=[0-9a-f]\{16\}$' out && ok || bad "dry-run bootargs: $(cat out)"
grep -q "^load: /bin/true -l /proc/self/fd/[0-9]* --dtb=/proc/self/fd/DTB '*--map-file=/proc/self/fd/[0-9]*@0xf[0-9a-f]*'* '--append=console" out && ok || bad "dry-run kexec argv: $(grep load: out)"
# A flash bundle carries its payloads after the root image, and says where on the command line.
expect 0 "carry: index at" "$PB" $D --key pb.pub bf
grep -q 'phramboot.carry=0x[0-9a-f]*$' out && ok || bad "flash dry-run bootargs lack phramboot.carry=: $(grep bootargs: out)"
grep -q "flash rootfs: rootfs, [0-9]* bytes at +0 (the root image itself)" out && ok || bad "flash dry-run: $(grep flash out)"
[ "$(grep -o -- '--map-file=[^ ]*' out | wc -l)" = 3 ] && ok || bad "flash dry-run maps $(grep -o -- '--map-file=[^ ]*' out | wc -l) files, want 3 (root, index, kernel payload)"
expect 0 "signed by key" "$PB" $D --key sy.pub b2
# Board binding and a security version (manifest version 2).
expect 0 "" "$PB" pack $P --compatible mti,malta --compatible mti,sead3 --security-version 3 --key pb.sec --out bc
grep -qx 'compatible mti,malta mti,sead3' bc/manifest && ok || bad "compatible line: $(cat bc/manifest)"
grep -qx 'security-version 3' bc/manifest && ok || bad "security-version line: $(cat bc/manifest)"
expect 1 "want a number" "$PB" pack $P --security-version -1 --key pb.sec --out bx
expect 1 "want a device tree compatible string" "$PB" pack $P --compatible 'a b' --key pb.sec --out bx
# This build host has no device tree: a bundle for a board is refused, unless forced.
expect 2 "it is for mti,malta, mti,sead3, and this board's own compatible cannot be read" "$PB" $D --key pb.pub bc
expect 0 "board: unknown; the bundle is for mti,malta, mti,sead3 (--force-compatible)" "$PB" $D --key pb.pub --force-compatible bc
grep -q "^security version: 3; this board has no commit journal" out && ok || bad "dry-run security version: $(grep security out)"
# A bundle from an older pack: a warning for each, and it boots anywhere.
"$PB" $D --key pb.pub b1 >/dev/null 2>err
grep -q "warning: bundle b1 names no board" err && grep -q "warning: bundle b1 has no security version" err && ok ||
	bad "old bundle warnings: $(cat err)"
# A root image someone holds open for writing could change between its hash and kexec's
# read: refused (the read lease cannot be had).
expect 2 "rootfs (rootfs) is open for writing by another process" sh -c 'exec 3>>b1/rootfs; exec "$@"' sh "$PB" $D --key pb.pub b1
# Special files in a bundle are refused without being opened for reading: a FIFO would
# hang phramboot, and a link to a device would open it (/dev/watchdog0 starts the
# watchdog). timeout turns a hang into exit 124, which fails the test.
mkdir -p special
mkfifo special/fifo
for f in manifest manifest.sig rootfs; do
	rm -rf bs && cp -a b1 bs && rm -f "bs/$f" && mkfifo "bs/$f"
	expect 2 "$f.*a FIFO, not a regular file" timeout 10 "$PB" $D --key pb.pub bs
	rm -rf bs && cp -a b1 bs && rm -f "bs/$f" && ln -s /dev/zero "bs/$f"
	expect 2 "$f.*a symbolic link, not a regular file" timeout 10 "$PB" $D --key pb.pub bs
done
rm -rf bs && cp -a b1 bs && rm -f bs/manifest.sig && ln -s nowhere bs/manifest.sig
expect 2 "manifest.sig: a symbolic link, not a regular file" "$PB" $D --key pb.pub --insecure bs
ln -s malta.iomem iomem.link
expect 6 "unable to read iomem.link: a symbolic link" "$PB" $D --key pb.pub --iomem iomem.link b1
expect 2 "unable to use special/fifo: a FIFO, not a regular file" timeout 10 "$PB" pack --kernel vmlinux --dtb board.dtb --rootfs special/fifo --key pb.sec --out bx
rm -rf bs special iomem.link
# A signed manifest whose append line has a bare "--" (an older pack made it): refused
# before anything is hashed, not booted with phramboot's parameters handed to init.
rm -rf bd && cp -r b1 bd && rm bd/manifest.sig &&
	sed -i 's/^append .*/append console=ttyS0 -- single/' bd/manifest &&
	signify-openbsd -S -s sy.sec -m bd/manifest -x bd/manifest.sig
expect 2 'manifest append line: .*bare "--"' "$PB" $D --key sy.pub bd
rm -rf bd
# A signed bundle with a DTB over 4 MiB (pack refuses to make one): refused by its size
# in the manifest, before the file is read.
rm -rf bh && cp -r b1 bh && rm bh/manifest.sig && cp huge.dtb bh/dtb &&
	sed -i "s/^dtb dtb .*/dtb dtb $(stat -c %s huge.dtb) $(sha256sum <huge.dtb | cut -c1-64)/" bh/manifest &&
	signify-openbsd -S -s sy.sec -m bh/manifest -x bh/manifest.sig
expect 2 "dtb (dtb) is [0-9]* bytes; a device tree blob is at most 4194304" "$PB" $D --key sy.pub bh
rm -rf bh huge.dtb
# --append on the device is checked the same way.
expect 1 'unable to use --append: .*bare "--"' "$PB" $D --key pb.pub --append "-- init-arg" b1
# The trial's RAM: from the memory map given (a board's real RAM), or the bundle's own.
expect 0 "^ram: .* from malta.iomem, into the trial's memory node (the bundle's DTB said" "$PB" $D --key pb.pub b1
expect 0 "^ram: the bundle's DTB memory node, kept" "$PB" $D --key pb.pub --ram bundle b1
expect 1 "unable to use --ram all: want running or bundle" "$PB" $D --key pb.pub --ram all b1
# The trial's root after the board's MTD devices.
expect 0 "^root: /dev/mtdblock7 (--root-mtd" "$PB" $D --key pb.pub --root-mtd 7 b1
grep -q 'bootargs: .* root=/dev/mtdblock7 rootfstype=squashfs' out && ok || bad "--root-mtd 7 bootargs: $(grep bootargs: out)"
# Numbers are decimal or 0x hex: "010" is ten (not octal eight, a power of two), and
# white space or a sign before them is refused.
expect 1 "unable to use --erase-size 010: want a power of two" "$PB" $D --key pb.pub --erase-size 010 b1
expect 0 "aligned to 16384" "$PB" $D --key pb.pub --erase-size 0x4000 b1
expect 1 "unable to use --timeout" "$PB" $D --key pb.pub --timeout "$(printf '\t5')" b1
expect 1 "unable to use --limit" "$PB" $D --key pb.pub --limit 0x b1
expect 1 "unable to use --watchdog /dev/xxxxxxxx" "$PB" --dry-run --iomem malta.iomem --machine mips:little --kexec /bin/true --workdir work --ramoops none --key pb.pub --watchdog "/dev/$(printf '%070d' 0 | tr 0 x)" b1
mkdir many && for i in $(seq 10 42); do cp pb.pub "many/k$i.pub"; done
expect 2 "more than 32 trusted keys in many" "$PB" $D --key many b1
rm -rf many
expect 1 "unable to use --root-mtd 300" "$PB" $D --key pb.pub --root-mtd 300 b1
expect 0 "signed by key" "$PB" $D --key sy.pub b3
mkdir keys && cp pb.pub sy.pub keys/
expect 0 "signed by key" "$PB" $D --key keys b1
expect 0 "describe: command line" "$PB" $D --key keys --describe cmdline b1
grep -q 'bootargs: .*memmap=0x[0-9a-f]*\$0xf[0-9a-f]* phram.phram=phram0,0xf' out && ok || bad "cmdline mode: $(cat out)"
expect 0 "placement: 0x3" "$PB" $D --key keys --limit 0x4000000 b1
expect 0 "aligned to 1048576" "$PB" $D --key keys --erase-size 1M b1
"$PB" $D --key keys --save-dtb saved.dtb b1 >/dev/null 2>&1
dtc -q -I dtb -O dts saved.dtb 2>/dev/null | grep -q 'compatible = "phram"' && ok || bad "saved DTB lacks the phram node"
dtc -q -I dtb -O dts saved.dtb 2>/dev/null | grep -q 'bootargs = "console=ttyS0 foo=\\"a b\\" root=' && ok || bad "saved DTB bootargs"

# The running system's ramoops region: kept clear of the image, handed to the trial.
mkdir ramoops && printf '0xff00000\n' >ramoops/mem_address && printf '1048576\n' >ramoops/mem_size
printf '131072\n' >ramoops/record_size && printf '524288\n' >ramoops/console_size && printf '2\n' >ramoops/max_reason
expect 0 "ramoops: 0xff00000-0xfffffff shared with the trial" "$PB" $D --key keys --ramoops ramoops b1
grep -q '^placement: 0x[0-9a-f]*-0xfefffff ' out && ok || bad "image not right below the ramoops region: $(grep placement: out)"
"$PB" $D --key keys --ramoops ramoops --save-dtb ramoops.dtb b1 >/dev/null 2>&1
node=$(dtc -q -I dtb -O dts ramoops.dtb 2>/dev/null | sed -n '/ramoops@ff00000 {/,/};/p')
for prop in 'compatible = "ramoops"' 'reg = <0xff00000 0x100000>' 'record-size = <0x20000>' \
	'console-size = <0x80000>' 'max-reason = <0x02>'; do
	echo "$node" | grep -qF "$prop;" && ok || bad "trial DTB ramoops node lacks $prop: $node"
done
mkdir noramoops
expect 0 "ramoops: none" "$PB" $D --key keys --ramoops noramoops b1
cp -r ramoops outramoops && printf '0x10000000\n' >outramoops/mem_address
expect 6 "region 0x10000000-0x100fffff with the trial: it is not in RAM by malta.iomem" "$PB" $D --key keys --ramoops outramoops b1
cp -r ramoops edgeramoops && printf '0xff80000\n' >edgeramoops/mem_address
expect 6 "region 0xff80000-0x1007ffff with the trial: it is not in RAM" "$PB" $D --key keys --ramoops edgeramoops b1
cp -r ramoops badramoops && echo 1x >badramoops/mem_size
expect 6 "ramoops parameter mem_size is not a number: 1x; pass --ramoops none" "$PB" $D --key keys --ramoops badramoops b1

# ---- refusals: one line, documented code, nothing written ----
expect 2 "unknown key" "$PB" $D --key sy.pub b1
expect 2 "no trusted keys" "$PB" $D --key nokeys b1
cp -r b1 u && rm u/manifest.sig
expect 2 "unsigned" "$PB" $D --key keys u
expect 0 "unsigned" "$PB" $D --insecure u
cp -r b1 t && printf 'x' | dd of=t/rootfs bs=1 seek=5000 conv=notrunc 2>/dev/null
expect 2 "rootfs (rootfs) does not match its SHA-256" "$PB" $D --key keys t
cp -r b1 t2 && echo >>t2/rootfs
expect 2 "is [0-9]* bytes but the manifest says" "$PB" $D --key keys t2
cp -r b1 t3 && sed -i 's/panic/panik/; s/^append /append x /' t3/manifest
expect 2 "signature does not match" "$PB" $D --key keys t3
cp -r b1 t4 && head -c 40 b1/manifest.sig >t4/manifest.sig
expect 2 "truncated" "$PB" $D --key keys t4
expect 2 "kernel is for mips 32-bit little-endian elf but this machine is arm 32-bit little-endian" \
	"$PB" --dry-run --iomem malta.iomem --machine armv7l --no-watchdog --key keys b1
expect 3 "largest free block" "$PB" $D --key keys --limit 0x40000 b1
expect 3 "half of RAM" "$PB" $D --key keys --memtotal 4M b1
expect 3 "kexec_load accepts at most half" "$PB" --dry-run --iomem tiny.iomem --machine mips --kexec /bin/true --no-watchdog --key keys b1
expect 6 "run as root" "$PB" --dry-run --iomem zero.iomem --machine mips --kexec /bin/true --no-watchdog --key keys b1
expect 1 "unbalanced" "$PB" $D --key keys --append 'x="y' b1
expect 5 "unable to find kexec" "$PB" --dry-run --iomem malta.iomem --machine mips --kexec ./nokexec --no-watchdog --key keys b1
expect 4 "unable to use watchdog /nonexistent" "$PB" --dry-run --iomem malta.iomem --machine mips --kexec /bin/true --watchdog /nonexistent --key keys b1
expect 1 "no bundle directory" "$PB" --dry-run
expect 1 "want dt or cmdline" "$PB" --describe foo b1
expect 1 "want seconds" "$PB" --timeout 0 b1

# ---- the real path with a stand-in kexec (no watchdog on a build host) ----
cat >fake-kexec <<'SH'
#!/bin/sh
echo "$*" >>"$FAKE_LOG"
case $1 in
-l)	for a; do case $a in --map-file=*) f=${a#--map-file=}; sha256sum <"${f%@*}" | cut -c1-64 >>"$FAKE_LOG";; --dtb=*) test -s "${a#--dtb=}" && echo dtb-ok >>"$FAKE_LOG";; esac; done
	exit "${FAKE_LOAD:-0}";;
-e)	exit "${FAKE_EXEC:-1}";;
-u)	exit 0;;
esac
SH
chmod +x fake-kexec
R="--iomem malta.iomem --machine mips:little --kexec ./fake-kexec --no-watchdog --workdir work --key keys --ramoops none"
FAKE_LOG=$T/log FAKE_LOAD=1 expect 5 "unable to load the trial kernel" env FAKE_LOG="$T/log" FAKE_LOAD=1 "$PB" $R b1
grep -q '^dtb-ok$' log && ok || bad "kexec did not see the edited DTB"
grep -qx "$(sha256sum <root.squashfs | cut -c1-64)" log && ok || bad "kexec --map-file is not the verified rootfs"
rm -f log
expect 5 "unable to execute the trial kernel" env FAKE_LOG="$T/log" "$PB" $R b1
[ "$(grep '^-' log | cut -c1-2 | tr '\n' ' ')" = "-l -e -u " ] && ok || bad "kexec call sequence: $(cat log)"
# kexec -e that returns success without rebooting: the image must not stay loaded.
rm -f log
expect 5 "kexec -e returned" env FAKE_LOG="$T/log" FAKE_EXEC=0 "$PB" $R b1
[ "$(grep '^-' log | cut -c1-2 | tr '\n' ' ')" = "-l -e -u " ] && ok || bad "kexec -e returned, call sequence: $(cat log)"
# stdout gone (ssh dropped): no SIGPIPE death half-way; phramboot unloads and says so.
rm -f log rc
{ sleep 1; env FAKE_LOG="$T/log" FAKE_EXEC=0 "$PB" $R b1 2>err; echo $? >rc; } | true
[ "$(cat rc)" = 5 ] && ok || bad "with stdout closed phramboot exited $(cat rc), want 5: $(cat err)"
[ "$(grep '^-' log | cut -c1-2 | tr '\n' ' ')" = "-l -e -u " ] && ok || bad "with stdout closed, call sequence: $(cat log)"

# ---- status, post-mortem from pstore, and help ----
expect 0 "^trial: no" "$PB" status
mkdir ps && printf '[0.0] Kernel command line: root=/dev/mtdblock0 phramboot.trial=abc\n[2.0] Kernel panic - not syncing: VFS: test\n' >ps/console-ramoops-0
expect 0 "^last boot: trial abc failed: kernel panic: VFS: test$" "$PB" status --pstore ps
grep -q '^| \[2.0\] Kernel panic - not syncing: VFS: test$' out && ok || bad "status tail: $(cat out)"
expect 0 "^\[0.0\] Kernel command line" "$PB" status --log --pstore ps
printf 'Kernel command line: phramboot.trial=abc\nreboot: Restarting system\n' >ps/console-ramoops-0
expect 0 "^last boot: trial abc ended cleanly (reboot: Restarting system)$" "$PB" status --pstore ps
grep -q '^|' out && bad "a clean trial shows a failure log: $(cat out)" || ok
# Escape sequences in a trial's log do not reach the operator's terminal raw.
printf '[0.0] Kernel command line: phramboot.trial=abc\n[1.0] \033]0;owned\007\033[2J\r\n' >ps/console-ramoops-0
expect 0 '^| \[1.0\] \\x1b\]0;owned\\x07\\x1b\[2J\\x0d$' "$PB" status --pstore ps
expect 0 '\\x1b\]0;owned' "$PB" status --log --pstore ps
grep -q "$(printf '\033')" out && bad "status --log printed a raw ESC" || ok
mkdir ps0
expect 0 "^last boot: unknown (pstore is not mounted on ps0" "$PB" status --pstore ps0
expect 6 "unable to show the last boot's log: pstore is not mounted" "$PB" status --log --pstore ps0
expect 0 "phramboot pack" "$PB" --help

# ---- drill: what it refuses before anything is armed or recorded ----
expect 1 "unable to drill: no drill bundle directory given" "$PB" drill
expect 1 "the watchdog is what a drill proves" "$PB" drill --no-watchdog b1
expect 1 "require-drill is for trials" "$PB" drill --require-drill b1
expect 1 "open-timeout 0 means the trial kernel pets the watchdog forever" "$PB" drill --open-timeout 0 b1
expect 1 "result is for phramboot drill" "$PB" --result b1
expect 1 "unexpected argument b1" "$PB" drill --result b1
expect 6 "unable to report the drill: .*nothing.layout" "$PB" drill --result --layout nothing.layout
DR="--dry-run --iomem malta.iomem --machine mips:little --kexec /bin/true --workdir work --ramoops none"
# A firmware bundle would pet the watchdog: the board would never reset.
expect 2 "unable to drill with bundle b1: it is not a drill payload" "$PB" drill $DR --key pb.pub b1
expect 0 "" "$PB" pack $P --append "console=ttyS0 phramboot.drill-payload" --key pb.sec --out bdrill
# A drill bundle gets past that; this host's missing watchdog stops it.
expect 4 "unable to use watchdog ./no-watchdog" "$PB" drill $DR --watchdog ./no-watchdog --key pb.pub bdrill

# ---- receive: a bundle from a tar stream, manifest first (no staging region here) ----
send() { tar -C "$1" -cf - manifest manifest.sig kernel dtb rootfs; }
expect 0 "received bundle [0-9a-f]\{16\} into rx" sh -c 'tar -C b1 -cf - manifest manifest.sig kernel dtb rootfs | "$1" receive --dir rx --key pb.pub' sh "$PB"
cmp -s rx/rootfs b1/rootfs && cmp -s rx/kernel b1/kernel && cmp -s rx/manifest b1/manifest && ok || bad "receive: rx differs from b1"
[ ! -e rx.partial ] && ok || bad "receive left rx.partial behind"
# What a received directory is: a bundle that boots (here: its dry run, through --boot).
expect 0 "path: bundle directory, kexec loads the root image too" sh -c 'tar -C b1 -cf - manifest manifest.sig kernel dtb rootfs | "$1" receive --dir rx --key pb.pub --boot --dry-run --iomem malta.iomem --machine mips:little --kexec /bin/true --no-watchdog --workdir work --ramoops none' sh "$PB"
# Refusals: each leaves no directory behind (rx2 never appears).
expect 2 "manifest.sig came before the manifest; send the manifest and its signature first" sh -c 'tar -C b1 -cf - manifest.sig manifest kernel dtb rootfs | "$1" receive --dir rx2 --key pb.pub' sh "$PB"
expect 2 "the stream ends inside rootfs: truncated; nothing was kept" sh -c 'tar -C b1 -cf - manifest manifest.sig kernel dtb rootfs | head -c 200000 | "$1" receive --dir rx2 --key pb.pub' sh "$PB"
expect 2 "the stream ends without rootfs: truncated" sh -c 'tar -C b1 -cf - manifest manifest.sig kernel dtb | "$1" receive --dir rx2 --key pb.pub' sh "$PB"
rm -rf bt && cp -r b1 bt && printf 'x' | dd of=bt/kernel bs=1 seek=5000 conv=notrunc 2>/dev/null
expect 2 "kernel does not match its SHA-256 in the signed manifest" sh -c 'tar -C bt -cf - manifest manifest.sig kernel dtb rootfs | "$1" receive --dir rx2 --key pb.pub' sh "$PB"
echo extra >bt/extra
expect 2 "extra is not a file of the signed manifest: an extra file" sh -c 'tar -C b1 -cf - manifest manifest.sig kernel dtb rootfs -C ../bt extra | "$1" receive --dir rx2 --key pb.pub' sh "$PB"
expect 2 "kernel comes twice in the stream" sh -c 'tar --hard-dereference -C b1 -cf - manifest manifest.sig kernel kernel | "$1" receive --dir rx2 --key pb.pub' sh "$PB"
expect 2 "manifest.sig: signed by an unknown key" sh -c 'tar -C b1 -cf - manifest manifest.sig kernel dtb rootfs | "$1" receive --dir rx2 --key sy.pub' sh "$PB"
expect 2 "the stream is empty" sh -c '"$1" receive --dir rx2 --key pb.pub </dev/null' sh "$PB"
expect 2 "a tar header with a bad checksum" sh -c 'head -c 4096 /dev/urandom | "$1" receive --dir rx2 --key pb.pub' sh "$PB"
[ ! -e rx2 ] && [ ! -e rx2.partial ] && ok || bad "a refused receive left rx2 behind: $(ls -d rx2* 2>&1)"
# The directory it replaces must be a bundle's.
mkdir notabundle && echo keep >notabundle/file
expect 6 "notabundle exists and is not a bundle" sh -c 'tar -C b1 -cf - manifest manifest.sig kernel dtb rootfs | "$1" receive --dir notabundle --key pb.pub' sh "$PB"
[ -f notabundle/file ] && ok || bad "receive removed a directory that was not a bundle"
expect 1 "unexpected argument b1 (the bundle comes on standard input)" "$PB" receive b1
expect 1 "are for phramboot receive" "$PB" --boot b1
rm -rf rx bt notabundle

echo "cli: $pass passed, $failed failed"
[ "$failed" = 0 ]
