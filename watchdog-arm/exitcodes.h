/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Exit codes of watchdog-arm (documented in watchdog-arm.8), s6 style. */
#ifndef WDARM_EXITCODES_H
#define WDARM_EXITCODES_H

#include <errno.h>

#define EXIT_HEALTH 1        /* keepalive ended after a failed health check */
#define EXIT_UNSUPPORTED 2   /* the kernel or driver cannot do it; nothing changed */
#define EXIT_USAGE 100       /* bad command line */
#define EXIT_SYSCALL 111     /* a system call failed (open, ioctl, write) */

/* A module result (negative errno) as an exit code. */
static inline int exit_code_for(int rc)
{
	switch (-rc) {
	case 0:
		return 0;
	case ENOENT: case ENODEV: case EACCES: case EPERM: case EROFS: case EOPNOTSUPP:
	case EINVAL:
		return EXIT_UNSUPPORTED;
	default:
		return EXIT_SYSCALL;
	}
}

#endif
