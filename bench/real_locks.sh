#!/usr/bin/env bash
# Real locks x variants (issue 12): the project of tests/package/real_locks, run at its own
# defaults (2 x 10,000 x 30 a cell), as a table of verdicts, counts and timings per case, with the
# run's wall time and the load around it.
#
#   bench/real_locks.sh [--driver PATH] [-- RUN-OPTIONS...]
#
# Default driver: the project as the package.real_locks test built it against the installed
# package (build/default/tests/package/real_locks/build/real_locks; run
# `ctest --test-dir build/default -R package.real_locks` first). Results: bench/README.md,
# "Real locks".
set -euo pipefail
cd "$(dirname "$0")/.."

driver=build/default/tests/package/real_locks/build/real_locks extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --driver) driver="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "real_locks.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v jq >/dev/null || { echo "real_locks.sh: needs jq" >&2; exit 2; }
[[ -x $driver ]] || { echo "real_locks.sh: no driver $driver (see the header)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "$(nproc) CPUs, $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
# Exit 3 is expected: the locks TSan cannot see are inconclusive for it.
status=0
"$driver" run --seed 12 --quiet --json "$work/summary.json" "${extra[@]}" >/dev/null 2>&1 ||
  status=$?
end=$(date +%s.%N)
echo "exit $status, $(echo "$end - $start" | bc | xargs printf '%.0f') s wall;" \
     "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| case | expects | plain | plain: trials that failed | tsan | tsan: trials with a report | ms a trial, plain / tsan |"
echo "|---|---|---|---|---|---|---|"
jq -r '
  def ms: (.trial_seconds / ([.trials, 1] | max) * 1000 * 10 | round / 10);
  def expects: if .expectation == "safe" then "safe" else "race: " + (.caught_by | join("+")) end;
  def verdict: .verdict + (if (.reasons | any(test("cannot see this lock"))) then " (TSan cannot see it)" else "" end);
  [.results[]] | group_by(.case)[] |
  (map(select(.variant == "plain"))[0]) as $p | (map(select(.variant == "tsan"))[0]) as $t |
  "| \($p.case) | \($p | expects) | \($p | verdict) | \($p.failed_trials)/\($p.trials) | " +
  "\($t | verdict) | \($t.sanitizer.trials_with_reports)/\($t.trials) | \($p | ms) / \($t | ms) |"' \
  "$work/summary.json"
