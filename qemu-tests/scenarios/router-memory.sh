# router-memory: a bundle whose DTB was made for the same board with 128 MiB of RAM, on a
# board with 256 MiB. phramboot hands the trial the RAM this board has, as U-Boot told
# the running kernel, and the trial's MemTotal shows all of it.
#@ arches malta virt
#@ timeout 180
#@ push bundles/mem128
#@ expect @@BOOT old .* ssh up
#@ expect ^ram: (0|0x[0-9a-f]+)\+256\.0 MiB from .*\(the bundle's DTB said (0|0x[0-9a-f]+)\+128\.0 MiB\)
#@ expect @@BOOT trial
#@ expect @@ router-memory: the trial has MemTotal [0-9]+ kB of the board's 262144 kB
phramboot --timeout 10 --dry-run /tmp/bundles/mem128 | grep '^ram:' || fail "router-memory: no ram: line in the plan"
phramboot --timeout 10 /tmp/bundles/mem128
fail "phramboot returned $?: the trial did not start"
