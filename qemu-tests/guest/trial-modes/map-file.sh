# map-file: the old firmware put a file at a fixed address with kexec --map-file and
# told this kernel (phram.phram=) where it is; it must read back bit for bit.
want=$(cmdline_arg test.sha) || fail "map-file: no test.sha= on the command line"
grep -q phram /proc/mtd || fail "map-file: no phram device; /proc/mtd: $(tr '\n' ' ' </proc/mtd)"
[ -b /dev/mtdblock0 ] || fail "map-file: no /dev/mtdblock0"
got=$(sha256sum </dev/mtdblock0 | cut -d' ' -f1)
[ "$got" = "$want" ] || fail "map-file: hash mismatch: read $got, expected $want"
mark "map-file hash ok"
