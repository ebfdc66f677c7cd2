# dtb-handoff: a kexec'd malta kernel takes its command line and its RAM size from the
# DTB the old kernel hands over (a0 = -2, a1 = DTB; kernel-patches/). Stock 6.1 loses
# the command line and falls back to "defaulting to 32MB".
#@ core
#@ arches malta
#@ timeout 90
#@ push payload
#@ nowatchdog
#@ expect @@BOOT old
#@ expect @@ dtb-handoff: DTB memory node holds [0-9]+ kB
#@ expect @@BOOT trial
#@ expect @@ dtb-handoff: cmdline ok
#@ expect @@ dtb-handoff: MemTotal [0-9]+ kB of [0-9]+ kB
#@ reject defaulting to 32MB
# kexec-tools builds the new DTB from /proc/device-tree: its memory node is the one
# malta_dt_shim() made from YAMON's memsize. Sum its reg (one address and one size cell).
node=$(ls -d /proc/device-tree/memory* 2>/dev/null | head -n1)
[ -n "$node" ] || fail "dtb-handoff: no memory node in /proc/device-tree"
dtbmem=$(od -An -v -tu1 "$node/reg" | awk '
	{ for (i = 1; i <= NF; i++) b[n++] = $i }
	END {
		for (i = 0; i + 7 < n; i += 8)
			t += ((b[i+4] * 256 + b[i+5]) * 256 + b[i+6]) * 256 + b[i+7]
		print int(t / 1024)
	}')
[ "${dtbmem:-0}" -gt 0 ] || fail "dtb-handoff: cannot read $node/reg"
mark "dtb-handoff: DTB memory node holds $dtbmem kB"
# trial-modes/dtb-handoff.sh expects exactly this command line.
run kexec -l $P/kernel --initrd $P/trial.cpio.gz \
	--append "console=ttyS0 test.trial=dtb-handoff test.dtbmem=$dtbmem dtb-handoff.token=7d3a9c" ||
	fail "dtb-handoff: kexec -l failed"
kexec -e
fail "dtb-handoff: kexec -e returned"
