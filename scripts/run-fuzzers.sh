#!/bin/sh
# run-fuzzers.sh SECONDS OUT FUZZER...: run each libFuzzer binary (OUT/fuzz_NAME) for
# SECONDS from its seeds (SEEDS_NAME dirs given as NAME=DIR... in $FUZZ_SEEDS) and the
# corpus it grew last time (OUT/corpus/NAME). One line per fuzzer, then
# "fuzz: N passed, N failed"; a crash leaves its reproducer as OUT/crash-NAME-*.
set -u
secs=$1 out=$2
shift 2
pass=0 failed=0
for path in "$@"; do
	name=${path##*/fuzz_}
	mkdir -p "$out/corpus/$name"
	seeds=
	for d in ${FUZZ_SEEDS:-}; do
		[ -d "$d/$name" ] && seeds="$seeds $d/$name"
	done
	# shellcheck disable=SC2086 # the seed folders are words
	if "$path" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
		-artifact_prefix="$out/crash-$name-" "$out/corpus/$name" $seeds >"$out/$name.log" 2>&1; then
		echo "PASS fuzz $name ($(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/$name.log") runs, corpus $(ls "$out/corpus/$name" | wc -l))"
		pass=$((pass + 1))
	else
		echo "FAIL fuzz $name: $(grep -m1 -E 'ERROR|runtime error|deadly signal|timeout' "$out/$name.log") (log: $out/$name.log)"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $pass passed, $failed failed"
[ "$failed" = 0 ]
