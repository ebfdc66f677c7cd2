# refuse-rewritten: what was verified is what kexec loads. phramboot holds a read lease
# on the kernel and the root image from before hashing until kexec has loaded them, so a
# process that writes to the root image meanwhile (here one that rewrites a byte of it
# over and over, from before phramboot starts) makes it refuse: either the lease cannot
# be had (the file is open for writing), or the writer's open breaks it and phramboot
# finds out. Either way nothing is armed, nothing stays loaded, the board does not reset.
#@ arches malta virt
#@ skip.maltabe the read lease is the kernel's generic code; proven on the family's first board
#@ skip.arm64 the read lease is the kernel's generic code; proven on the family's first board
#@ timeout 150
#@ push bundles/ok
#@ expect @@BOOT old
#@ expect @@ refused with exit 2: .*(is open for writing by another process|was opened for writing while)
#@ expect @@ refusal: no reset
#@ expect @@ refuse-rewritten: the writer wrote [1-9][0-9]* times, the trial never started
#@ expect @@END
#@ reject ^phramboot: starting trial
cp -a $B/ok /tmp/rw || fail "refuse-rewritten: cannot copy the bundle"
byte=$(dd if=/tmp/rw/rootfs bs=1 skip=5000 count=1 2>/dev/null | od -An -to1 | tr -d ' ')
# The writer puts back the byte that is there: the hash stays right, so only the lease
# can tell that the file was open for writing.
( n=0; while :; do printf "\\$byte" | dd of=/tmp/rw/rootfs bs=1 seek=5000 conv=notrunc 2>/dev/null
	n=$((n + 1)); echo $n >/tmp/rw.count.new; mv /tmp/rw.count.new /tmp/rw.count; done ) &
writer=$!
sleep 1
expect_refusal_no_reset 2 phramboot --timeout 10 /tmp/rw
# The count is renamed into place and read only after the writer is gone: a count read
# while the writer truncates it was once empty, and the scenario timed out on that.
kill $writer
wait $writer 2>/dev/null
mark "refuse-rewritten: the writer wrote $(cat /tmp/rw.count) times, the trial never started"
