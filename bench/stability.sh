#!/usr/bin/env bash
# The positive control's stability across runner processes (issue 9): at each default point of
# unsafe_counter and at 2 x 10,000 and 5 x 10,000, many runner processes of 40 trials each, plain
# and TSan, with nothing else running and under a competing CPU load (one busy loop per CPU). Each
# process is one `lockstress run` of one cell, so one runner process. Prints, per point, variant
# and load, the distribution of per-process detection and overlap as a Markdown table.
#
#   bench/stability.sh [--processes N] [--tsan-processes N] [--trials N] [--bin DIR]
#                      [--only quiet|load] [--points "TxN ..."] [--raw FILE] [--quick]
#
# --processes N       plain runner processes per row (default 50)
# --tsan-processes N  TSan runner processes per row (default 20: a TSan process of 40 trials takes
#                     0.4-1.4 s here, so 50 would make the benchmark 15 minutes longer; its
#                     detection rests on the start stagger, not on timing luck)
# --trials N          trials per process (default 40)
# --bin DIR           where lockstress is (default build/bench/bin, built by the bench preset)
# --only quiet|load   one of the two conditions (default both)
# --raw FILE          also write every process's counts, tab-separated
# --quick             3 processes a row: a smoke test of this script, not a measurement
#
# Detection: plain, trials that lost updates; TSan, trials with a data-race report. Overlap:
# trials in which two workers ran the workload at once (docs/how-it-works.md, "Overlap"). Run "quiet" on an
# otherwise idle machine; the load average is printed with each table.
set -euo pipefail
cd "$(dirname "$0")/.."

processes=50 tsan_processes=20 trials=40 bin=build/bench/bin only="quiet,load" raw=""
points="5x100000 2x10000 2x1000 5x10000"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --processes) processes="$2"; shift 2 ;;
    --tsan-processes) tsan_processes="$2"; shift 2 ;;
    --trials) trials="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --points) points="$2"; shift 2 ;;
    --raw) raw="$2"; shift 2 ;;
    --quick) processes=3 tsan_processes=3; shift ;;
    *) echo "stability.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v jq >/dev/null || { echo "stability.sh: needs jq" >&2; exit 2; }
if [[ ! -x $bin/lockstress ]]; then
  if [[ $bin == build/bench/bin ]]; then
    cmake --preset bench >/dev/null && cmake --build --preset bench >/dev/null
  else
    echo "stability.sh: no lockstress in $bin" >&2; exit 2
  fi
fi
work=$(mktemp -d)
busy_pids=()
stop_load() {
  for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${busy_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  busy_pids=()
}
trap 'stop_load; rm -rf "$work"' EXIT
start_load() {
  for ((cpu = 0; cpu < $(nproc); ++cpu)); do
    bash -c 'while :; do :; done' &
    busy_pids+=($!)
  done
}

# one VARIANT T N: one runner process; prints "detected overlapped measured"
one() {
  local variant=$1 threads=$2 iterations=$3 json=$work/one.json
  "$bin/lockstress" run --quiet --case unsafe_counter --variant "$variant" --threads "$threads" \
    --iterations "$iterations" --trials "$trials" --json "$json" >/dev/null 2>&1 || true
  jq -r --arg v "$variant" '.results[] | select(.case == "unsafe_counter") |
    [(if $v == "plain" then .failed_trials else (.sanitizer.trials_by_kind["data race"] // 0) end),
     (.overlap.trials_with_overlap // 0), (.overlap.trials_measured // 0)] | @tsv' "$json"
}

# The q-quantile (0..1) of the numbers on stdin, nearest rank.
quantile() { sort -g | awk -v q="$1" '{v[NR] = $1} END {i = int(q * (NR - 1) + 0.5) + 1; print v[i]}'; }

row() {
  local condition=$1 variant=$2 threads=$3 iterations=$4 count=$5 file=$work/rows
  : >"$file"
  for ((p = 0; p < count; ++p)); do
    one "$variant" "$threads" "$iterations" >>"$file"
  done
  [[ -n $raw ]] && awk -v c="$condition" -v v="$variant" -v pt="${threads}x$iterations" \
    '{print c "\t" v "\t" pt "\t" $0}' "$file" >>"$raw"
  local det_min det_p10 det_med ov_min ov_med good low_ov_miss silent
  det_min=$(awk '{print $1}' "$file" | quantile 0)
  det_p10=$(awk '{print $1}' "$file" | quantile 0.1)
  det_med=$(awk '{print $1}' "$file" | quantile 0.5)
  ov_min=$(awk '{print $2}' "$file" | quantile 0)
  ov_med=$(awk '{print $2}' "$file" | quantile 0.5)
  good=$(awk -v t="$trials" '$1 >= 0.9 * t {n++} END {print n + 0}' "$file")
  # A process below 90% whose overlap says why (fewer trials overlapped than were needed), and
  # one below 90% although nearly every trial overlapped: a miss the overlap does not explain.
  low_ov_miss=$(awk -v t="$trials" '$1 < 0.9 * t && $2 < 0.9 * t {n++} END {print n + 0}' "$file")
  silent=$(awk -v t="$trials" '$1 < 0.9 * t && $2 >= 0.9 * t {n++} END {print n + 0}' "$file")
  echo "| ${threads} x $iterations | $variant | $count | $good/$count | $det_min / $det_p10 / $det_med | $ov_min / $ov_med | $low_ov_miss | $silent |"
}

table() {
  local condition=$1
  echo "### $condition"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average at start $(cut -d' ' -f1-3 /proc/loadavg)" \
    "$([[ $condition == load ]] && echo "(plus one busy loop per CPU, started by the script)"). Per process: trials of $trials detected / overlapped."
  echo
  echo "| point | variant | processes | processes >= 90% detected | detected: min / p10 / median | overlapped: min / median | < 90%, overlap explains it | < 90%, overlap does not |"
  echo "|---|---|---|---|---|---|---|---|"
  for point in $points; do
    local threads=${point%x*} iterations=${point#*x}
    row "$condition" plain "$threads" "$iterations" "$processes"
    row "$condition" tsan "$threads" "$iterations" "$tsan_processes"
  done
  echo "| load average at end | $(cut -d' ' -f1-3 /proc/loadavg) | | | | | | |"
  echo
}

[[ -n $raw ]] && printf 'condition\tvariant\tpoint\tdetected\toverlapped\tmeasured\n' >"$raw"
if [[ ",$only," == *",quiet,"* ]]; then table quiet; fi
if [[ ",$only," == *",load,"* ]]; then
  start_load
  table load
  stop_load
fi
