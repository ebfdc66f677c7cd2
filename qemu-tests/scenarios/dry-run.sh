# dry-run: phramboot --dry-run prints the whole plan and changes nothing; the address it
# prints is the one the real run then uses (the trial reads it from its DTB).
#@ arches malta virt
#@ skip.maltabe the plan printer runs no board-dependent code; proven on the family's first board
#@ skip.arm64 the plan printer runs no board-dependent code; proven on the family's first board
#@ timeout 180
#@ push bundles/ok
#@ expect @@BOOT old
#@ expect @@ plan: phram at 0x
#@ expect @@BOOT trial
#@ expect @@ trial phram at 0x
#@ same phram at (0x[0-9a-f]+)
run phramboot --timeout 10 --dry-run $B/ok >/tmp/plan || fail "dry run failed"
cat /tmp/plan
[ "$(cat /sys/kernel/kexec_loaded)" = 0 ] || fail "dry run loaded a kexec image"
addr=$(sed -n 's/^placement: \(0x[0-9a-f]*\)-.*/\1/p' /tmp/plan)
[ -n "$addr" ] || fail "no placement line in the plan"
mark "plan: phram at 0x$(printf '%x' "$addr")"
phramboot --timeout 10 $B/ok
fail "phramboot returned $?: the trial did not start"
