# trial-ok: the old firmware runs the real phramboot on a real signed bundle. The trial
# kernel boots with its root on /dev/mtdblock0 (squashfs over phram), carries the trial
# marker, finds the stamp the build signed, pets the watchdog through watchdog-arm's
# keepalive and stays up more than three times the 10 s timeout.
#@ arches malta virt
#@ timeout 180
#@ push bundles/ok
#@ expect @@BOOT old
#@ expect @@ old: starting the trial
#@ expect @@BOOT trial
#@ expect @@ trial [0-9a-f]{16} runs from squashfs on phram \(mtd[0-9]+\), stamp [0-9a-f]+ ok
#@ expect @@ trial: keepalive started
#@ expect @@ trial ok: still up after 35 s
run phramboot status
mark "old: starting the trial"
phramboot --timeout 10 $B/ok
fail "phramboot returned $?: the trial did not start"
