#!/usr/bin/env bash
# Exact replay, end to end (issue 11): runs model cells of failing cases through the driver, takes
# every failing schedule the JSON summary keeps (the first 5 of each cell), runs its replay
# command (`run --replay KEY --replay-choices ... --expect-hash ...`) and counts the replays that
# reproduced the recorded trace hash (exit 0; a different hash exits 6). Also the same replays
# from the seed alone (no --replay-choices).
#
#   bench/replay.sh [--driver PATH] [--seeds N] [CASE...]
#
# Default: build/default/bin/lockstress, seeds 1..4, the cases spinlock_relaxed, peterson_acq_rel,
# lock_order_inversion, split_rmw_relaxed, c_check_then_set and unsafe_counter at their model
# size (2 x 3, 300 schedules). Results: bench/README.md, "Exact replay".
set -euo pipefail
cd "$(dirname "$0")/.."

driver=build/default/bin/lockstress seeds=4 cases=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --driver) driver="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    -*) echo "replay.sh: unknown argument $1" >&2; exit 2 ;;
    *) cases+=("$1"); shift ;;
  esac
done
[[ ${#cases[@]} -gt 0 ]] || cases=(spinlock_relaxed peterson_acq_rel lock_order_inversion
                                   split_rmw_relaxed c_check_then_set unsafe_counter)
command -v jq >/dev/null || { echo "replay.sh: needs jq" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| case | failing schedules replayed | same trace hash (choices) | same trace hash (seed alone) |"
echo "|---|---|---|---|"
total=0 same=0 same_seed=0
for case in "${cases[@]}"; do
  n=0 ok=0 ok_seed=0
  for seed in $(seq 1 "$seeds"); do
    "$driver" run --case "$case" --variant model --seed "$seed" --quiet --json "$work/s.json" || true
    while IFS= read -r command; do
      n=$((n + 1))
      if eval "$command" >/dev/null 2>&1; then ok=$((ok + 1)); fi
      seed_only=$(sed -E "s/ --replay-choices ('[^']*'|[^ ]*)//" <<<"$command")
      if eval "$seed_only" >/dev/null 2>&1; then ok_seed=$((ok_seed + 1)); fi
    done < <(jq -r --arg c "$case" \
      '.results[] | select(.case == $c and .schedule_stats != null) | .schedule_stats.first_failing[].replay_command' \
      "$work/s.json")
  done
  echo "| $case | $n | $ok/$n | $ok_seed/$n |"
  total=$((total + n)) same=$((same + ok)) same_seed=$((same_seed + ok_seed))
done
echo "| all | $total | $same/$total | $same_seed/$total |"
