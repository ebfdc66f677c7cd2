# bench-hang: a trial that hangs; bench/run times the way back to the old firmware. The
# short open timeout lets the hardware timeout (bench.timeout=) alone bound the hang: the
# kernel stops petting for the trial 1 s after the watchdog registers. The old firmware
# runs this again after the reset; bench/run stops QEMU at that second boot.
. /bench/lib.sh
timeout=$(cmdline_arg bench.timeout) || fail "bench: no bench.timeout= on the command line"
mark "bench: phramboot-start up=$(up)"
phramboot --timeout "$timeout" --open-timeout 1 /payload/bundles/hang
fail "phramboot returned $?: the trial did not start"
