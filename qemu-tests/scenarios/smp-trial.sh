# smp-trial: on the two-core ARM routers, kexec takes the second core down and the trial
# brings it up again: the old firmware runs on both cores, phramboot boots the trial
# (kexec asks PSCI to stop CPU1 first: a core left running old code would scribble over
# the new kernel), and the trial kernel activates two processors and has both online.
#@ arches virt
#@ timeout 180
#@ push bundles/ok
#@ expect @@BOOT old .* squashfs ssh up
#@ expect @@ old: cpus online 0-1
#@ expect ^phramboot: starting trial [0-9a-f]{16}
#@ expect SMP: Total of 2 processors activated
#@ expect @@BOOT trial
#@ expect @@ trial: cpus online 0-1$
#@ expect @@ trial: keepalive started
#@ reject SMP: Total of 1 processors activated
online=$(cat /sys/devices/system/cpu/online)
mark "old: cpus online $online"
[ "$online" = 0-1 ] || fail "the old firmware has cpus $online online, not 0-1: is QEMU run with -smp 2?"
phramboot --timeout 10 $B/ok
fail "phramboot returned $?: the trial did not start"
