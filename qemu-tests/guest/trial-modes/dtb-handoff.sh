# dtb-handoff: checks that the kexec'd kernel took its command line and memory from the
# DTB the old kernel handed over. The old system passes the DTB's memory total in
# test.dtbmem (kB) and a fixed token; the command line must be exactly what it passed.
dtbmem=$(cmdline_arg test.dtbmem) || fail "dtb-handoff: no test.dtbmem= on the command line"
want="console=ttyS0 test.trial=dtb-handoff test.dtbmem=$dtbmem dtb-handoff.token=7d3a9c"
got=$(cat /proc/cmdline)
[ "$got" = "$want" ] || fail "dtb-handoff: /proc/cmdline is '$got', expected '$want'"
mark "dtb-handoff: cmdline ok: $got"
if dmesg | grep -q "defaulting to 32MB"; then
	fail "dtb-handoff: the kernel fell back to 32 MB: DTB memory node not used"
fi
mem=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
# MemTotal is the DTB's RAM minus what the kernel image and early allocations hold.
[ "$mem" -le "$dtbmem" ] && [ "$mem" -ge $((dtbmem * 8 / 10)) ] ||
	fail "dtb-handoff: MemTotal $mem kB does not match the DTB memory node ($dtbmem kB)"
mark "dtb-handoff: MemTotal $mem kB of $dtbmem kB in the DTB memory node"
