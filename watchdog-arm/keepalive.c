// SPDX-License-Identifier: GPL-2.0-or-later
#include "keepalive.h"
#include "exitcodes.h"
#include "wdarm.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum ka_action ka_decide(bool *failed, int wait_status)
{
	if (!*failed && WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0)
		return KA_PET;
	*failed = true;
	return KA_STOP;
}

int ka_interval(int timeout, int interval)
{
	if (interval > 0)
		return timeout > 0 && interval >= timeout ? -1 : interval;
	if (timeout < 1)
		return 1;
	return timeout / 3 > 0 ? timeout / 3 : 1;
}

void ka_describe_status(int wait_status, char *buf, size_t len)
{
	if (WIFEXITED(wait_status))
		snprintf(buf, len, "exit %d", WEXITSTATUS(wait_status));
	else if (WIFSIGNALED(wait_status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(wait_status));
	else
		snprintf(buf, len, "wait status 0x%x", (unsigned int)wait_status);
}

bool ka_then_due(bool failed, bool done, long long healthy_ms, int healthy_for)
{
	return !failed && !done && healthy_for > 0 && healthy_ms >= (long long)healthy_for * 1000;
}

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* Milliseconds of CLOCK_MONOTONIC; integers only (no FPU needed on small boards). */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The command's wait status; a command that cannot run counts as failing (127). */
static int run_health(const char *cmd)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "watchdog-arm: warning: unable to fork the health check: %s\n",
			strerror(errno));
		return 127 << 8;
	}
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	/* A hanging check is a failing one: the timer runs on while we wait. */
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127 << 8;
	return status;
}

static int seconds_left(int timeout, long long last_pet)
{
	long long left = (long long)timeout * 1000 - (now_ms() - last_pet);

	return left > 0 ? (int)((left + 500) / 1000) : 0;
}

int ka_run(const char *dev, int timeout, int interval, const char *health, const char *then,
	   int healthy_for)
{
	struct sigaction sa;
	struct wdarm_info info;
	char err[256], opts[128], why[48];
	bool failed = false, then_done = false;
	long long last_pet, start;
	int fd, rc;

	rc = wdarm_open_running(dev, timeout, &fd, &info, err, sizeof(err));
	if (rc < 0) {
		fprintf(stderr, "watchdog-arm: fatal: %s\n", err);
		return exit_code_for(rc);
	}
	start = last_pet = now_ms();
	interval = ka_interval(info.timeout, interval);
	if (interval < 0) {
		/* Nothing changed for the worse: the timer runs and we never pet it. */
		fprintf(stderr, "watchdog-arm: fatal: unable to keep %s alive: --interval must "
			"be shorter than the timeout %d s; the board resets in ~%d s\n",
			dev, info.timeout, seconds_left(info.timeout, last_pet));
		return EXIT_USAGE;
	}
	wdarm_describe_options(info.options, opts, sizeof(opts));
	printf("watchdog-arm: keepalive on %s (%s): timeout %d s, petting every %d s%s%s\n"
	       "watchdog-arm: driver supports: %s\n", dev, info.identity, info.timeout,
	       interval, health ? ", health: " : "", health ? health : "", opts);
	fflush(stdout);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;   /* no SA_RESTART: sleeps end at once */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	while (!stop_signal) {
		struct timespec ts = { .tv_sec = interval };
		int status = 0;

		if (!failed) {
			if (health)
				status = run_health(health);
			if (ka_decide(&failed, status) == KA_PET) {
				rc = wdarm_pet(fd, err, sizeof(err));
				if (rc < 0) {
					fprintf(stderr, "watchdog-arm: fatal: %s\n", err);
					return EXIT_SYSCALL;
				}
				last_pet = now_ms();
				if (then && ka_then_due(failed, then_done, last_pet - start, healthy_for)) {
					then_done = true;
					printf("watchdog-arm: healthy for %d s: running %s\n", healthy_for, then);
					fflush(stdout);
					ka_describe_status(run_health(then), why, sizeof(why));
					printf("watchdog-arm: %s: %s\n", then, why);
					fflush(stdout);
				}
			} else {
				ka_describe_status(status, why, sizeof(why));
				printf("watchdog-arm: health check failed (%s): no longer petting; "
				       "the board will reset in ~%d s\n", why,
				       seconds_left(info.timeout, last_pet));
				fflush(stdout);
			}
		}
		while (!stop_signal && nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
	/* Exit without the magic 'V': a killed keepalive must end in a reset. */
	printf("watchdog-arm: got signal %d: no longer petting; the board will reset in ~%d s\n",
	       (int)stop_signal, seconds_left(info.timeout, last_pet));
	return failed ? EXIT_HEALTH : 0;
}
