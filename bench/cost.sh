#!/usr/bin/env bash
# A trial's CPU cost (issue 9): lockstress against the least a harness can do
# (bench/minimal_harness.cpp: two persistent spinning threads, no records, no driver), side by
# side, interleaved, unsafe_counter plain 2 x 1,000. CPU time of the whole process tree
# (/usr/bin/time: user + system; for lockstress the driver and its runner) per failing trial.
#
#   bench/cost.sh [--repeats N] [--trials N] [--bin DIR]
#
# Prints one Markdown row per measurement, then the medians and their ratio. Run it on an
# otherwise idle machine: a spinning baseline burns CPU while its partner is preempted, so under
# load its CPU per trial grows and the ratio means little (the load average is printed).
set -euo pipefail
cd "$(dirname "$0")/.."

repeats=5 trials=200000 bin=build/bench/bin
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) repeats="$2"; shift 2 ;;
    --trials) trials="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "cost.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in jq /usr/bin/time awk; do
  command -v "$tool" >/dev/null || { echo "cost.sh: needs $tool" >&2; exit 2; }
done
if [[ $bin == build/bench/bin ]]; then
  cmake --preset bench >/dev/null && cmake --build --preset bench >/dev/null
fi
for program in lockstress minimal_harness; do
  [[ -x $bin/$program ]] || { echo "cost.sh: no $program in $bin" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "$(nproc) CPUs, $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | lockstress: failing trials, CPU s, us CPU per failing trial | minimal harness: failing trials, CPU s, us CPU per failing trial |"
echo "|---|---|---|"
: >"$work/l"
: >"$work/m"
for ((r = 1; r <= repeats; ++r)); do
  /usr/bin/time -f "%U %S" -o "$work/time" "$bin/lockstress" run --quiet --case unsafe_counter \
    --variant plain --threads 2 --iterations 1000 --trials "$trials" --seed "$r" \
    --json "$work/l.json" >/dev/null || true
  l_failed=$(jq '.results[] | select(.case == "unsafe_counter") | .failed_trials' "$work/l.json")
  l_cpu=$(awk '{print $1 + $2}' "$work/time")
  l_per=$(awk -v c="$l_cpu" -v f="$l_failed" 'BEGIN {printf "%.2f", c * 1e6 / f}')
  echo "$l_per" >>"$work/l"
  /usr/bin/time -f "%U %S" -o "$work/time" "$bin/minimal_harness" --iterations 1000 \
    --trials "$trials" >"$work/m.out"
  m_failed=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' "$work/m.out")
  m_cpu=$(awk '{print $1 + $2}' "$work/time")
  m_per=$(awk -v c="$m_cpu" -v f="$m_failed" 'BEGIN {printf "%.2f", c * 1e6 / f}')
  echo "$m_per" >>"$work/m"
  echo "| $r | $l_failed of $trials, $l_cpu, $l_per | $m_failed of $trials, $m_cpu, $m_per |"
done
l_med=$(median <"$work/l")
m_med=$(median <"$work/m")
echo
echo "Medians: lockstress $l_med us, minimal harness $m_med us of CPU per failing trial;" \
  "ratio $(awk -v l="$l_med" -v m="$m_med" 'BEGIN {printf "%.2f", l / m}')x (target <= 1.25x)." \
  "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
