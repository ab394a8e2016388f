#!/usr/bin/env bash
# Report floods (issue 12): what a TSan trial of a broken lock costs against the control's TSan
# trial at the same size, with the runner's options as shipped (a fresh address for the racy data
# every trial, suppress_equal_addresses=1: one report per racy address and trial) and, side by
# side in the same run, with suppress_equal_addresses=0 (a report at every collision: the flood,
# which the per-trial cap of 100 printed reports then cuts, counting the rest as dropped).
# Also each case's plain trial, for scale. Per-trial time is the cell's trial_seconds / trials.
#
#   bench/floods.sh [--driver PATH] [--threads N] [--iterations N] [--trials N] [CASE...]
#
# Default: build/default/bin/lockstress (built if missing), 2 x 100,000, 10 trials, the built-in
# broken locks c_check_then_set, mcs_relaxed_handoff and rw_readers_dont_wait. With --driver
# my-build/my_runner and my_broken_lock, the example of examples/my_lock. The target: a broken
# lock's TSan trial at most 5 x the control's (bench/README.md, "Report floods").
set -euo pipefail
cd "$(dirname "$0")/.."

driver=build/default/bin/lockstress threads=2 iterations=100000 trials=10 cases=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --driver) driver="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --iterations) iterations="$2"; shift 2 ;;
    --trials) trials="$2"; shift 2 ;;
    -*) echo "floods.sh: unknown argument $1" >&2; exit 2 ;;
    *) cases+=("$1"); shift ;;
  esac
done
[[ ${#cases[@]} -gt 0 ]] || cases=(c_check_then_set mcs_relaxed_handoff rw_readers_dont_wait)
command -v jq >/dev/null || { echo "floods.sh: needs jq" >&2; exit 2; }
if [[ $driver == build/default/bin/lockstress && ! -x $driver ]]; then
  cmake --preset default >/dev/null && cmake --build --preset default >/dev/null
fi
[[ -x $driver ]] || { echo "floods.sh: no driver $driver" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run <label> <variant> <case> [TSAN_OPTIONS]: one cell; prints its row's fields.
run() {
  local label=$1 variant=$2 name=$3 options=${4:-}
  # Exit codes say verdicts (a flooded cell may still pass); only the JSON is read here.
  TSAN_OPTIONS=$options "$driver" run --case "$name" --variant "$variant" --threads "$threads" \
    --iterations "$iterations" --trials "$trials" --seed 12 --quiet \
    --json "$work/out.json" >/dev/null 2>&1 || true
  jq -r --arg name "$name" --arg runner "$label" '.results[] | select(.case == $name) |
    "| \($name) | \($runner) | \(.trials) | \((.trial_seconds / .trials * 1000 * 10 | round) / 10) | " +
    "\(.sanitizer.runtime_report_count / .trials | . * 10 | round / 10) | " +
    "\((.sanitizer.dropped_report_count // 0) / .trials | . * 10 | round / 10) | " +
    "\(if .detector == "tsan" then .sanitizer.trials_with_reports else .failed_trials end)/\(.trials) |"' \
    "$work/out.json"
}

echo "$(nproc) CPUs, $(uname -sr), ${threads} x ${iterations}, ${trials} trials a cell;" \
     "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| case | runner | trials | ms a trial | reports printed a trial | dropped past the cap a trial | trials caught |"
echo "|---|---|---|---|---|---|---|"
for name in unsafe_counter "${cases[@]}"; do
  run plain plain "$name"
  run tsan tsan "$name"
  run "tsan, suppress_equal_addresses=0" tsan "$name" suppress_equal_addresses=0
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
