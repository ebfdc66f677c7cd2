# root-panic: the trial's init dies, so the trial kernel panics. With panic=N the kernel
# restarts the board; without it the watchdog does. Either way the old firmware returns.
mark "trial: init exits now: kernel panic"
exit 1
