# map-file: kexec --map-file puts a file of random bytes at a page-aligned address near
# the top of RAM; the new kernel attaches that range as phram and must read the same
# bytes (the trial checks the SHA-256 it is handed on its command line). On malta this
# needs the kernel series that hands the DTB (and so the command line) to a kexec'd kernel.
#@ arches malta virt
#@ timeout 120
#@ push payload
#@ expect @@BOOT old
#@ expect @@ map-file: loaded
#@ expect @@BOOT trial
#@ expect @@ map-file hash ok
#@ expect @@END trial
size=0x100000
dd if=/dev/urandom of=/tmp/pattern bs=4096 count=$((size / 4096)) 2>/dev/null ||
	fail "map-file: cannot write the pattern file"
sha=$(sha256sum </tmp/pattern | cut -d' ' -f1)

# The highest range of System RAM; the file goes 16 MiB below its end, clear of where
# the loaders put the kernel, initrd and DTB (low RAM).
ram=$(sed -n 's/^\([0-9a-f]*\)-\([0-9a-f]*\) : System RAM$/\1 \2/p' /proc/iomem | tail -n1)
[ -n "$ram" ] || fail "map-file: no System RAM in /proc/iomem"
ram_start=$((0x${ram% *})) ram_top=$((0x${ram#* } + 1))
addr=$(printf 0x%x $((ram_top - 0x1000000)))

# The new kernel must keep its hands off the range: MIPS reserves it with memmap=, ARM
# has no memmap= and gets only the RAM below it.
case $(guest_arch) in
malta) console=ttyS0 keep="memmap=$size\$$addr" ;;
virt) console=ttyAMA0 keep="mem=$(printf 0x%x $((addr - ram_start)))@$(printf 0x%x $ram_start)" ;;
esac
args="console=$console $keep phram.phram=phram0,$addr,$size test.trial=map-file test.sha=$sha"
run kexec -l $P/kernel --initrd $P/trial.cpio.gz --append "$args" \
	--map-file=/tmp/pattern@$addr || fail "map-file: kexec -l failed"
[ "$(cat /sys/kernel/kexec_loaded)" = 1 ] || fail "map-file: kexec -l succeeded but nothing is loaded"
mark "map-file: loaded $size bytes at $addr, sha256 $sha"
run kexec -e
fail "map-file: kexec -e returned"
