/* SPDX-License-Identifier: GPL-2.0-or-later */
/* phramboot's exit codes: each names a class of failure (documented in phramboot.8). */
#ifndef EXITCODES_H
#define EXITCODES_H

#define EXIT_OK 0
#define EXIT_USAGE 1		/* bad command line */
#define EXIT_BAD_BUNDLE 2	/* signature, manifest, hash, arch: the bundle is refused */
#define EXIT_NO_ROOM 3		/* cannot place or describe the image (RAM, DTB, cmdline) */
#define EXIT_WATCHDOG 4		/* no watchdog, or arming it failed */
#define EXIT_KEXEC 5		/* kexec failed to load or execute (watchdog disarmed) */
#define EXIT_SYSTEM 6		/* this system: unreadable /proc, I/O errors, memory */
#define EXIT_FLASH 7		/* commit: writing or verifying the flash failed part way */

#endif
