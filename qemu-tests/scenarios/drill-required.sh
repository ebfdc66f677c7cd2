# drill-required: --require-drill refuses a trial on a board where no drill has passed
# (nothing armed, nothing loaded), and boots the same trial once one has.
#@ arches malta virt
#@ skip.maltabe a check of phramboot's own state file; proven on the family's first board
#@ skip.arm64 a check of phramboot's own state file; proven on the family's first board
#@ timeout 300
#@ push bundles/drill bundles/ok
#@ boots 2
#@ writes-flash journal
#@ expect @@BOOT old
#@ expect @@ refused with exit 4: phramboot: fatal: unable to boot bundle .*: no drill has passed on this board for kernel
#@ expect @@ drill: starting one
#@ expect phramboot-drill: started [0-9a-f]{16}
#@ expect @@BOOT old
#@ expect ^drill: passed
#@ expect @@ drill: passed; now the trial with --require-drill
#@ expect @@BOOT trial
#@ expect.malta @@ trial ok: still up after 20 s
#@ expect.virt @@ trial ok: still up after 30 s
line=$(drill_line)
case $line in
"drill: none"*)
	expect_refusal 4 phramboot --require-drill --timeout 10 $B/ok
	mark "drill: starting one"
	phramboot drill $B/drill
	fail "phramboot drill returned $?: the drill did not start" ;;
"drill: passed"*)
	mark "drill: passed; now the trial with --require-drill"
	phramboot --require-drill --timeout 10 $B/ok
	fail "phramboot returned $?: the trial did not start" ;;
*) fail "drill: status says: $line" ;;
esac
