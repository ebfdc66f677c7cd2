# disarm-on-hangup: the operator's ssh session goes away while phramboot runs. Here its
# output pipe closes after the first line (the reader is gone, as an ssh channel would
# be: every later write fails with EPIPE) and it gets a SIGHUP just after arming.
# phramboot must neither die with the watchdog armed nor leave a kernel loaded: it holds
# those signals from arming until kexec, ignores SIGPIPE, and so goes on into the trial,
# which pets the watchdog; the board never resets.
#@ arches malta virt
#@ skip.maltabe signal handling of the same C code; proven on the family's first board
#@ skip.arm64 signal handling of the same C code; proven on the family's first board
#@ timeout 150
#@ push bundles/ok
#@ expect @@BOOT old
#@ expect @@ disarm-on-hangup: reader gone after: phramboot: bundle /tmp/bundles/ok verified
#@ expect @@BOOT trial
#@ expect.malta @@ trial ok: still up after 20 s
#@ expect.virt @@ trial ok: still up after 30 s
( phramboot --timeout 10 $B/ok 2>/dev/null & pb=$!
  # SIGHUP as soon as it has armed (the keep-running request then says 1).
  keep=/sys/class/watchdog/watchdog0/keep_running_on_restart
  for i in $(seq 1 100); do [ "$(cat $keep 2>/dev/null)" = 1 ] && break; sleep 0.05; done
  kill -HUP $pb 2>/dev/null
  wait $pb ) | { read -r first; mark "disarm-on-hangup: reader gone after: $first"; }
sleep 60
fail "disarm-on-hangup: still in the old firmware 60 s later"
