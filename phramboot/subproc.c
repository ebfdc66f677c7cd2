/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errbuf.h"
#include "subproc.h"

const char *subproc_find(const char *const *candidates)
{
	for (; *candidates; candidates++)
		if (access(*candidates, X_OK) == 0)
			return *candidates;
	return NULL;
}

/* Appends what fd has into buf, keeping it NUL-terminated; returns 0 at EOF. */
static int drain(int fd, char *buf, size_t len, size_t *used)
{
	char tmp[1024];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n < 0 && errno == EINTR)
		return 1;
	if (n <= 0)
		return 0;
	if (buf && len) {
		size_t c = (size_t)n < len - 1 - *used ? (size_t)n : len - 1 - *used;

		memcpy(buf + *used, tmp, c);
		*used += c;
		buf[*used] = '\0';
	}
	return 1;
}

int subproc_run(char *const *argv, char *out, size_t outlen, char *err, size_t errlen)
{
	char msg[512] = "";
	size_t oused = 0, mused = 0;
	int po[2], pe[2], status;
	bool oopen = true, eopen = true;
	pid_t pid;

	if (out && outlen)
		out[0] = '\0';
	if (pipe2(po, O_CLOEXEC))
		return seterr(err, errlen, "pipe: %s", strerror(errno));
	if (pipe2(pe, O_CLOEXEC)) {
		close(po[0]);
		close(po[1]);
		return seterr(err, errlen, "pipe: %s", strerror(errno));
	}
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(po[0]), close(po[1]), close(pe[0]), close(pe[1]);
		return seterr(err, errlen, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		execv(argv[0], argv);
		fprintf(stderr, "unable to run %s: %s", argv[0], strerror(errno));
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	while (oopen || eopen) {
		struct pollfd p[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (oopen && p[0].revents)
			oopen = drain(po[0], out, outlen, &oused);
		if (eopen && p[1].revents)
			eopen = drain(pe[0], msg, sizeof(msg), &mused);
		if (!oopen)
			p[0].fd = -1;
		if (!eopen)
			p[1].fd = -1;
	}
	close(po[0]);
	close(pe[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return seterr(err, errlen, "waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	/* One line for the message: the helper's first line of complaint. */
	msg[strcspn(msg, "\n")] = '\0';
	if (WIFEXITED(status))
		return seterr(err, errlen, "%s exited with status %d%s%s", argv[0], WEXITSTATUS(status),
			      msg[0] ? ": " : "", msg);
	return seterr(err, errlen, "%s was killed by signal %d", argv[0], WTERMSIG(status));
}
