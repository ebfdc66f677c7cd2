# map-file: the old firmware put a file at a fixed address with kexec --map-file and
# told this kernel (phram.phram=) where it is; it must read back bit for bit. The
# board's flash, if the DTB describes it, registers first: find phram0 by name.
want=$(cmdline_arg test.sha) || fail "map-file: no test.sha= on the command line"
mtd=$(sed -n 's/^mtd\([0-9]*\): .* "phram0"$/\1/p' /proc/mtd)
[ -n "$mtd" ] || fail "map-file: no phram device; /proc/mtd: $(tr '\n' ' ' </proc/mtd)"
[ -b /dev/mtdblock$mtd ] || fail "map-file: no /dev/mtdblock$mtd"
got=$(sha256sum </dev/mtdblock$mtd | cut -d' ' -f1)
[ "$got" = "$want" ] || fail "map-file: hash mismatch: read $got, expected $want"
mark "map-file hash ok"
