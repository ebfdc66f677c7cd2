/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/vfs.h>

#include "errbuf.h"
#include "fileio.h"
#include "pstore.h"

#define PSTOREFS_MAGIC 0x6165676C	/* include/uapi/linux/magic.h */
#define LOG_MAX (16u << 20)

int pstore_console_log(const char *dir, char **log, size_t *len, char *err, size_t errlen)
{
	char name[256] = "", path[512];
	struct statfs sf;
	struct dirent *de;
	bool any = false;
	DIR *d;

	*log = NULL;
	*len = 0;
	d = opendir(dir);
	if (!d) {
		seterr(err, errlen, "no %s (%s): the kernel lacks CONFIG_PSTORE", dir, strerror(errno));
		return 1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		any = true;
		/* ramoops keeps one console record; prefer it to other backends'. */
		if (!strcmp(de->d_name, "console-ramoops-0") ||
		    (!name[0] && !strncmp(de->d_name, "console-", 8)))
			snprintf(name, sizeof(name), "%s", de->d_name);
	}
	closedir(d);
	if (!name[0]) {
		if (!any && statfs(dir, &sf) == 0 && sf.f_type != PSTOREFS_MAGIC)
			seterr(err, errlen, "pstore is not mounted on %s; mount -t pstore pstore %s", dir, dir);
		else
			seterr(err, errlen, "no console record in %s: a cold boot, or no pstore/ramoops console (see phramboot(8))", dir);
		return 1;
	}
	if (path_join(path, sizeof(path), dir, name))
		return seterr(err, errlen, "path too long: %s", dir);
	if (read_file_nofollow(path, LOG_MAX, log, len, err, errlen))
		return -1;
	return 0;
}
