#!/bin/sh
# run-fuzzers.sh SECONDS OUT FUZZER...: run each libFuzzer binary (OUT/fuzz_NAME) for
# SECONDS from its seeds (SEEDS_NAME dirs given as NAME=DIR... in $FUZZ_SEEDS) and the
# corpus it grew last time (OUT/corpus/NAME). One line per fuzzer, then
# "fuzz: N passed, N failed"; a crash leaves its reproducer as OUT/crash-NAME-*.
# FUZZ_JOBS (default: the host's cores) fuzzers run at once: each is one process for
# SECONDS, so one at a time left all but one core idle. The lines come in FUZZER order.
set -u
secs=$1 out=$2
shift 2
jobs=${FUZZ_JOBS:-$(nproc)}

# fuzz_one PATH: run it, and write its line to OUT/NAME.verdict.
fuzz_one() {
	path=$1
	name=${path##*/fuzz_}
	rm -f "$out/$name.verdict"
	mkdir -p "$out/corpus/$name"
	seeds=
	for d in ${FUZZ_SEEDS:-}; do
		[ -d "$d/$name" ] && seeds="$seeds $d/$name"
	done
	# shellcheck disable=SC2086 # the seed folders are words
	if "$path" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
		-artifact_prefix="$out/crash-$name-" "$out/corpus/$name" $seeds >"$out/$name.log" 2>&1; then
		echo "PASS fuzz $name ($(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/$name.log") runs, corpus $(ls "$out/corpus/$name" | wc -l))"
	else
		echo "FAIL fuzz $name: $(grep -m1 -E 'ERROR|runtime error|deadly signal|timeout' "$out/$name.log") (log: $out/$name.log)"
	fi >"$out/$name.verdict"
}

# In batches of FUZZ_JOBS: every fuzzer runs for the same SECONDS, so a batch ends
# nearly together and dash needs no `wait -n`.
mkdir -p "$out"
echo "fuzz: $# fuzzers, $secs s each, $jobs at once"
n=0
for path in "$@"; do
	fuzz_one "$path" &
	n=$((n + 1))
	[ $((n % jobs)) -ne 0 ] || wait
done
wait
pass=0 failed=0
for path in "$@"; do
	name=${path##*/fuzz_}
	line=$(cat "$out/$name.verdict" 2>/dev/null) || line="FAIL fuzz $name: it left no verdict (log: $out/$name.log)"
	echo "$line"
	case $line in PASS*) pass=$((pass + 1)) ;; *) failed=$((failed + 1)) ;; esac
done
echo "fuzz: $pass passed, $failed failed"
[ "$failed" = 0 ]
