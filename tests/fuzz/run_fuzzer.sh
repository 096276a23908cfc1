#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time on a scratch copy of its seed corpus (the
# corpus in the repository is never modified). Exit status: 0 when nothing was found;
# otherwise libFuzzer's, with the crashing input kept in FINDINGS_DIR.
#   run_fuzzer.sh FUZZER CORPUS_DIR SECONDS DICT_OR_EMPTY FINDINGS_DIR
set -uo pipefail
fuzzer=$1 corpus=$2 seconds=$3 dict=$4 findings=$5
name=$(basename "$fuzzer")
work=$(mktemp -d "${TMPDIR:-/tmp}/loket-fuzz-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$findings"
cp -r "$corpus"/. "$work/corpus/"

# A fixed seed keeps CI's runs reproducible (the same mutations in the same order); fuzz
# longer by hand with LOKET_FUZZ_SEED=0 (random) and more seconds.
args=(-seed="${LOKET_FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
      -print_final_stats=1 -artifact_prefix="$findings/$name-")
[ -n "$dict" ] && args+=(-dict="$dict")
# Inside the sanitized test run ASAN_OPTIONS is already set; a fuzzer must also get NULL for
# an absurd allocation size instead of a report (later options win).
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}:allocator_may_return_null=1 \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$fuzzer" "${args[@]}" "$work/corpus" >"$work/log" 2>&1
status=$?
if [ $status -ne 0 ]; then
    cat "$work/log"
    echo "$name: FAILED (exit $status); reproducer in $findings/ (run: $fuzzer <file>)"
    exit $status
fi
# One summary line (visible with ctest -V): runs, speed, coverage.
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log")
cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -1)
ft=$(grep -o 'ft: [0-9]*' "$work/log" | tail -1)
echo "$name: ok, $runs runs in ${seconds}s ($speed/s), $cov, $ft, corpus $(ls "$work/corpus" | wc -l) files"
