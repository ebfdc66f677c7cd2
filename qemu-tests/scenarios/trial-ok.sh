# trial-ok: on the router, a bundle pushed by tar | ssh boots as a trial. U-Boot and the
# old firmware come from flash; phramboot, run over ssh, verifies the real signed
# bundle, arms the watchdog and kexecs. The trial kernel boots with its root on phram
# (squashfs), carries the trial marker, finds the stamp the build signed, pets the
# watchdog through watchdog-arm's keepalive and stays up longer than the 10 s timeout
# would let an unpetted board (proof_seconds); the board never resets. The trial's
# kernel is seeded by the rng-seed phramboot puts in its DTB: its random pool is ready
# before /init runs (without the seed, virt's and arm64's came seconds later).
#@ core
#@ arches malta virt
#@ timeout 180
#@ push bundles/ok
#@ expect ^U-Boot 20[0-9][0-9]\.[0-9][0-9]
#@ expect @@BOOT old .* squashfs ssh up
#@ expect @@RUN trial-ok over ssh
#@ expect @@ old: starting the trial
#@ expect ^phramboot: bundle /tmp/bundles/ok verified
#@ expect ^phramboot: armed /dev/watchdog
#@ expect ^phramboot: starting trial [0-9a-f]{16}
#@ expect ^random: crng init done
#@ expect ^Run /init as init process
#@ expect @@BOOT trial
#@ expect @@ trial [0-9a-f]{16} runs from squashfs on phram \(mtd[0-9]+\), stamp [0-9a-f]+ ok
#@ expect @@ trial: keepalive started
#@ expect.malta @@ trial ok: still up after 20 s
#@ expect.virt @@ trial ok: still up after 30 s
run phramboot status
mark "old: starting the trial"
phramboot --timeout 10 $B/ok
fail "phramboot returned $?: the trial did not start"
