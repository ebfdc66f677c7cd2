/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The health-gated keepalive of the trial system: pet while the health command keeps
 * succeeding, and stop for good at its first failure, so the board resets. */
#ifndef WDARM_KEEPALIVE_H
#define WDARM_KEEPALIVE_H

#include <stdbool.h>
#include <stddef.h>

enum ka_action { KA_PET, KA_STOP };

/* Given the health command's wait status (0 when there is no command), pet or stop.
 * *failed latches: once the health check failed, a later success does not pet again. */
enum ka_action ka_decide(bool *failed, int wait_status);

/* Seconds between pets: interval if given (> 0), else a third of the timeout (at least
 * 1 s), else 1 s when the timeout is unknown (< 1). -1 when interval >= timeout. */
int ka_interval(int timeout, int interval);

/* "exit 1", "killed by signal 9", ... for a wait status. */
void ka_describe_status(int wait_status, char *buf, size_t len);

/* Is it time for --then? Not after a failed check, not twice, and only once every
 * check for healthy_for seconds (ms since the keepalive began) has passed. */
bool ka_then_due(bool failed, bool done, long long healthy_ms, int healthy_for);

/* Run the keepalive on dev until SIGTERM/SIGINT; returns the process exit code.
 * then (or NULL) runs once when ka_then_due says so; its failure does not stop
 * the petting (the system is healthy; what it ran may be retried by hand). */
int ka_run(const char *dev, int timeout, int interval, const char *health, const char *then,
	   int healthy_for);

#endif
