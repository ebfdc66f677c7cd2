/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the drill payload (drill_init.c) and the judge of its log (drill.c) agree on. */
#ifndef DRILL_LOG_H
#define DRILL_LOG_H

/* A drill bundle's signed extra command line has this word: `phramboot drill` boots no
 * other bundle, since a real firmware would pet the watchdog and never be reset. */
#define DRILL_PAYLOAD_WORD "phramboot.drill-payload"
/* phramboot.drill=BUDGET on the drill kernel's command line: seconds after which the
 * payload gives up on the watchdog and reboots the board itself. */
#define DRILL_BUDGET_PARAM "phramboot.drill"
/* Without it (a drill bundle booted by hand): still never hang. */
#define DRILL_BUDGET_DEFAULT 120

/* The payload's lines in the kernel log, which pstore keeps across the reset. Each
 * names the drill (the bundle id, phramboot.trial=) so that a stale log is not taken
 * for this drill's. */
#define DRILL_LOG_STARTED "phramboot-drill: started "	/* ID budget=B */
#define DRILL_LOG_UP "phramboot-drill: waiting "	/* ID up=N */
#define DRILL_LOG_GAVE_UP "phramboot-drill: no watchdog reset "	/* ID up=N: rebooting */

#endif
