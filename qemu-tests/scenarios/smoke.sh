# smoke: the old firmware boots to /init, runs a scenario and powers off.
#@ arches malta virt
#@ timeout 60
#@ expect @@BOOT old
#@ expect @@ smoke: userland up
#@ expect @@END
mem=$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)
# 256 MiB guests: a kernel that saw much less RAM booted with the wrong memory map.
[ "$mem" -gt 200000 ] || fail "smoke: MemTotal is only $mem kB"
mark "smoke: userland up on $(uname -m), MemTotal $mem kB"
