/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fake file-system root for the module: /dev nodes are plain files (so a test can read
 * what was written to the "device"), /sys files hold what the kernel would show.
 */
#ifndef WDARM_TEST_FIXTURE_H
#define WDARM_TEST_FIXTURE_H

#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wdarm.h"

static char fx_root[256];

static const char *fx_path(const char *rel)
{
	static char buf[4][512];
	static int next;
	char *p = buf[next++ % 4];

	if (snprintf(p, sizeof(buf[0]), "%s%s", fx_root, rel) >= (int)sizeof(buf[0]))
		abort();
	return p;
}

static void fx_mkdirs(const char *rel)
{
	char p[512], *s;

	if (snprintf(p, sizeof(p), "%s%s", fx_root, rel) >= (int)sizeof(p))
		abort();
	for (s = p + strlen(fx_root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
}

/* Write a whole file, creating its directory. */
static void fx_put(const char *rel, const char *content)
{
	char dir[512], *slash;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", rel);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		fx_mkdirs(dir);
	}
	f = fopen(fx_path(rel), "w");
	if (!f)
		abort();
	fputs(content, f);
	fclose(f);
}

/* A file's content ("<missing>" if absent); trailing newline kept. */
static const char *fx_get(const char *rel)
{
	static char buf[256];
	FILE *f = fopen(fx_path(rel), "r");
	size_t n;

	if (!f)
		return "<missing>";
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static long fx_size(const char *rel)
{
	struct stat st;

	return stat(fx_path(rel), &st) == 0 ? (long)st.st_size : -1;
}

static int fx_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int fx_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(fx_root, sizeof(fx_root), "%s/wdarm-test.XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(fx_root))
		return -1;
	wdarm_root = fx_root;
	return 0;
}

static int fx_teardown(void **state)
{
	(void)state;
	nftw(fx_root, fx_rm, 16, FTW_DEPTH | FTW_PHYS);
	wdarm_root = "";
	return 0;
}

#define ESB "/sys/class/watchdog/watchdog0"
#define KEEP ESB "/" WDARM_KEEP_ATTR
#define SAVED WDARM_SAVE_PREFIX "watchdog0"

/* A watchdog-core device like i6300esb on arm virt, not running, after a watchdog reset. */
static void fx_core_device(void)
{
	fx_put("/dev/watchdog0", "");
	fx_put("/dev/watchdog", "");
	fx_put(ESB "/identity", "i6300ESB timer\n");
	fx_put(ESB "/state", "inactive\n");
	fx_put(ESB "/timeout", "30\n");
	fx_put(ESB "/min_timeout", "1\n");
	fx_put(ESB "/max_timeout", "2046\n");
	fx_put(ESB "/nowayout", "0\n");
	fx_put(ESB "/bootstatus", "32\n");
	/* With kernel-patches/' watchdog series; its default. */
	fx_put(KEEP, "0\n");
	fx_mkdirs("/run");
}

/* A legacy misc driver like a stock kernel's ib700: /dev/watchdog only, no sysfs class
 * entry, so no keep_running_on_restart either. */
static void fx_legacy_device(void)
{
	fx_put("/dev/watchdog", "");
	fx_mkdirs("/run");
}

#endif
