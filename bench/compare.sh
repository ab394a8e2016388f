#!/usr/bin/env bash
# Builds the bench preset and measures lockstress against the naive baseline (bench/naive_loop.cpp),
# side by side in one run: the four targets of issue 6, the least iterations at which each race
# case is detected in half its trials, and the effect of --start and --perturb. Prints Markdown.
#
#   bench/compare.sh [--repeats N] [--quick] [--no-build] [--only SECTIONS]
#
# --repeats N  runs of each measurement; the tables show medians (default 5)
# --quick      fewer trials and repeats: a smoke test of this script, not a measurement
# --only       comma-separated: targets,iterations,perturb,start (default: all)
#
# Timings are ratios of runs made one after the other on this machine: run it when the machine is
# otherwise idle (the load average is printed with the tables).
set -euo pipefail
cd "$(dirname "$0")/.."

repeats=5
quick=0
build=1
only="targets,iterations,perturb,start"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) repeats="$2"; shift 2 ;;
    --quick) quick=1; repeats=1; shift ;;
    --no-build) build=0; shift ;;
    --only) only="$2"; shift 2 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in jq hyperfine /usr/bin/time awk; do
  command -v "$tool" >/dev/null || { echo "compare.sh: needs $tool" >&2; exit 2; }
done

if [[ $build == 1 ]]; then
  cmake --preset bench >/dev/null
  cmake --build --preset bench >/dev/null
fi
bin=build/bench/bin
preload=$PWD/build/bench/bench/libpeak_rss.so
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Trial counts: large enough for whole seconds of work per measurement, small in --quick.
if [[ $quick == 1 ]]; then
  t1_trials=20000 t1_naive=5000 t2_trials=20 t3_trials=200 t3_fresh=20 sweep_trials=100
  rss_small=1000 rss_large=10000 rss_tsan_large=2000
else
  t1_trials=200000 t1_naive=100000 t2_trials=200 t3_trials=2000 t3_fresh=100 sweep_trials=200
  rss_small=1000 rss_large=100000 rss_tsan_large=10000
fi

section() { [[ ",$only," == *",$1,"* ]]; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
calc() { awk "BEGIN {printf \"%.6g\\n\", $1}"; }
# timed FILE CMD...: runs CMD, leaving "wall user sys" (seconds) in FILE.
timed() { local out=$1; shift; /usr/bin/time -f "%e %U %S" -o "$out" "$@"; }
cpu_of() { awk '{print $2 + $3}' "$1"; }
wall_of() { awk '{print $1}' "$1"; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"; }
# cell JSON CASE VARIANT JQ-EXPR
cell() { jq -r --arg c "$2" --arg v "$3" ".results[] | select(.case == \$c and .variant == \$v) | $4" "$1"; }
ls_run() { "$bin/lockstress" run --quiet "$@" >/dev/null || true; }

echo "## lockstress vs the naive loop"
echo
echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(uname -sr);" \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg). Medians of $repeats runs."
echo

if section targets; then
  : >"$work/t1_h" ; : >"$work/t1_n"; : >"$work/t1_hn"; : >"$work/t1_nn"
  : >"$work/t2_h" ; : >"$work/t2_c"; : >"$work/t2_n"; : >"$work/t2_p"
  : >"$work/t3_h" ; : >"$work/t3_hd"; : >"$work/t3_f"; : >"$work/t3_fd"; : >"$work/t3_e"
  : >"$work/t4_s" ; : >"$work/t4_l"; : >"$work/t4t_s" ; : >"$work/t4t_l"
  for ((r = 1; r <= repeats; ++r)); do
    # 1. Detection power: failing trials found per CPU-second (driver + runner; naive process).
    timed "$work/time" "$bin/lockstress" run --quiet --case unsafe_counter --variant plain --threads 2 \
      --iterations 1000 --trials "$t1_trials" --seed "$r" --json "$work/t1.json" >/dev/null || true
    found=$(cell "$work/t1.json" unsafe_counter plain .failed_trials)
    echo "$found" >>"$work/t1_hn"
    calc "$found / $(cpu_of "$work/time")" >>"$work/t1_h"
    timed "$work/time" "$bin/naive_loop" --hand unsafe --threads 2 --iterations 1000 \
      --trials "$t1_naive" >"$work/naive.out"
    found=$(field failed "$work/naive.out")
    echo "$found" >>"$work/t1_nn"
    # No detection at all: count it at its 95% upper bound, which can only favour the baseline.
    [[ $found == 0 ]] && found=$(calc "(1 - 0.05 ^ (1 / $t1_naive)) * $t1_naive")
    calc "$found / $(cpu_of "$work/time")" >>"$work/t1_n"

    # 2. Overhead: the whole lockstress command (it also runs the control cell) and the cell alone.
    timed "$work/time" "$bin/lockstress" run --quiet --case locked_counter --variant plain --threads 5 \
      --iterations 100000 --trials "$t2_trials" --seed "$r" --json "$work/t2.json" >/dev/null || true
    wall_of "$work/time" >>"$work/t2_h"
    cell "$work/t2.json" locked_counter plain .wall_seconds >>"$work/t2_c"
    timed "$work/time" "$bin/naive_loop" --hand locked --threads 5 --iterations 100000 \
      --trials "$t2_trials" >/dev/null
    wall_of "$work/time" >>"$work/t2_n"
    # The same loop with lockstress's placement: what is harness overhead, what is placement.
    timed "$work/time" "$bin/naive_loop" --hand locked --threads 5 --iterations 100000 \
      --trials "$t2_trials" --pin spread >/dev/null
    wall_of "$work/time" >>"$work/t2_p"

    # 3. TSan: per-trial reports in one runner vs one fresh TSan process per trial.
    timed "$work/time" "$bin/lockstress" run --quiet --case unsafe_counter --variant tsan --threads 2 \
      --iterations 1000 --trials "$t3_trials" --seed "$r" --json "$work/t3.json" >/dev/null || true
    calc "$t3_trials / $(wall_of "$work/time")" >>"$work/t3_h"
    cell "$work/t3.json" unsafe_counter tsan .sanitizer.report_rate >>"$work/t3_hd"
    hyperfine -N -i --runs "$t3_fresh" --export-json "$work/fresh.json" \
      "$bin/naive_loop-tsan --hand unsafe --threads 2 --iterations 1000 --trials 1" >/dev/null 2>&1
    calc "1 / $(jq '.results[0].median' "$work/fresh.json")" >>"$work/t3_f"
    hyperfine -N -i --runs "$t3_fresh" --export-json "$work/empty.json" \
      "$bin/naive_loop-tsan --hand unsafe --threads 1 --iterations 1 --trials 1" >/dev/null 2>&1
    calc "1 / $(jq '.results[0].median' "$work/empty.json")" >>"$work/t3_e"
    reported=0
    for ((i = 0; i < t3_fresh; ++i)); do
      "$bin/naive_loop-tsan" --hand unsafe --threads 2 --iterations 1000 --trials 1 >/dev/null 2>"$work/err" || true
      grep -q "WARNING: ThreadSanitizer: data race" "$work/err" && reported=$((reported + 1))
    done
    calc "$reported / $t3_fresh" >>"$work/t3_fd"

    # 4. The driver's own peak RSS (not its runners'): every case, plain, 1k vs 100k trials; and
    # the TSan control, whose reports the driver parses, 1k vs 10k (100k would take minutes).
    for n in small large; do
      trials=$rss_small; [[ $n == large ]] && trials=$rss_large
      LOCKSTRESS_PEAK_RSS_FILE="$work/rss" LD_PRELOAD="$preload" "$bin/lockstress" run --quiet \
        --variant plain --threads 2 --iterations 10 --trials "$trials" --seed "$r" >/dev/null || true
      cat "$work/rss" >>"$work/t4_${n:0:1}"
      trials=$rss_small; [[ $n == large ]] && trials=$rss_tsan_large
      LOCKSTRESS_PEAK_RSS_FILE="$work/rss" LD_PRELOAD="$preload" "$bin/lockstress" run --quiet \
        --case unsafe_counter --variant tsan --threads 2 --iterations 10 --trials "$trials" \
        --seed "$r" >/dev/null || true
      cat "$work/rss" >>"$work/t4t_${n:0:1}"
    done
  done

  h1=$(median <"$work/t1_h"); n1=$(median <"$work/t1_n")
  h2=$(median <"$work/t2_h"); c2=$(median <"$work/t2_c"); n2=$(median <"$work/t2_n")
  p2=$(median <"$work/t2_p")
  h3=$(median <"$work/t3_h"); f3=$(median <"$work/t3_f"); e3=$(median <"$work/t3_e")
  hd3=$(median <"$work/t3_hd"); fd3=$(median <"$work/t3_fd")
  s4=$(median <"$work/t4_s"); l4=$(median <"$work/t4_l")
  s4t=$(median <"$work/t4t_s"); l4t=$(median <"$work/t4t_l")
  verdict() { awk "BEGIN {print ($1) ? \"met\" : \"NOT met\"}"; }
  r1=$(calc "$h1 / $n1"); r2=$(calc "$h2 / $n2"); r2c=$(calc "$c2 / $n2"); r3=$(calc "$h3 / $f3")
  r2p=$(calc "$h2 / $p2")
  r3e=$(calc "$h3 / $e3"); r4=$(calc "$l4 / $s4"); r4t=$(calc "$l4t / $s4t")
  echo "| target | lockstress | naive | ratio | goal | |"
  echo "|---|---|---|---|---|---|"
  echo "| 1. detection power, unsafe_counter plain 2x1,000: failing trials per CPU-second | $h1 ($(median <"$work/t1_hn") of $t1_trials trials) | $n1 ($(median <"$work/t1_nn") of $t1_naive trials) | ${r1}x | >= 100x | $(verdict "$r1 >= 100") |"
  echo "| 2. overhead, locked_counter plain 5x100,000, $t2_trials trials: wall seconds (whole command; the cell alone: $c2 s, ${r2c}x) | $h2 | $n2 (hand-written loop) | ${r2}x | <= 1.10x | $(verdict "$r2 <= 1.10") |"
  echo "| 2b. the same against the hand-written loop pinned as lockstress pins (thread t on CPU t mod CPUs) | $h2 | $p2 (pinned) | ${r2p}x | <= 1.10x | $(verdict "$r2p <= 1.10") |"
  echo "| 3. TSan, unsafe_counter 2x1,000: trials per second, with the share of trials reported | $h3/s ($hd3 reported) | $f3/s, a fresh process per trial ($fd3 reported); $e3/s an empty TSan process | ${r3}x (${r3e}x vs empty) | >= 10x, same detection | $(verdict "$r3 >= 10 && $hd3 >= $fd3") |"
  echo "| 4. driver peak RSS (kB), both cases plain, 2x10: $rss_small vs $rss_large trials | $s4 -> $l4 | - | ${r4}x | 0.90x-1.10x | $(verdict "$r4 >= 0.9 && $r4 <= 1.1") |"
  echo "| 4b. driver peak RSS (kB), unsafe_counter tsan (reports parsed), 2x10: $rss_small vs $rss_tsan_large trials | $s4t -> $l4t | - | ${r4t}x | 0.90x-1.10x | $(verdict "$r4t >= 0.9 && $r4t <= 1.1") |"
  echo
fi

# Race cases from the catalogue (so cases added later are covered), with the variant that must
# catch them: plain when it is expected to, else tsan.
race_cases() {
  "$bin/lockstress" list | awk '/race, caught by/ {
    match($0, /caught by [a-z+]+/); by = substr($0, RSTART + 10, RLENGTH - 10);
    print $1, (by ~ /plain/ ? "plain" : "tsan") }'
}
ladder=(1 3 10 30 100 300 1000 3000 10000 30000 100000 300000 1000000)
# rate_harness CASE VARIANT ITERATIONS [extra args]: detected share of trials
rate_harness() {
  local c=$1 v=$2 i=$3; shift 3
  ls_run --case "$c" --variant "$v" --threads 2 --iterations "$i" --trials "$sweep_trials" --seed 11 \
    --json "$work/sweep.json" "$@"
  if [[ $v == plain ]]; then cell "$work/sweep.json" "$c" plain .failure_rate
  else cell "$work/sweep.json" "$c" tsan .sanitizer.report_rate; fi
}
rate_naive() {
  "$bin/naive_loop" --case "$1" --threads 2 --iterations "$2" --trials "$sweep_trials" >"$work/naive.out"
  calc "$(field failed "$work/naive.out") / $sweep_trials"
}
# least_iterations RATE-FUNCTION ARGS...: the first rung of the ladder detected in >= 50%
least_iterations() {
  local fn=$1; shift
  for i in "${ladder[@]}"; do
    if awk "BEGIN {exit !($("$fn" "$@" "$i") >= 0.5)}"; then echo "$i"; return; fi
  done
  echo "> ${ladder[-1]}"
}
h_rate() { rate_harness "$1" "$2" "$3"; }
n_rate() { [[ $2 == plain ]] && rate_naive "$1" "$3" || echo 0; }

if section iterations; then
  echo "### Least iterations per thread (2 threads) detected in >= 50% of $sweep_trials trials"
  echo
  echo "| case | detector | lockstress | naive loop |"
  echo "|---|---|---|---|"
  while read -r c v; do
    naive="-"
    [[ $v == plain ]] && naive=$(least_iterations n_rate "$c" "$v")
    echo "| $c | $v | $(least_iterations h_rate "$c" "$v") | $naive |"
  done < <(race_cases)
  echo
fi

if section perturb; then
  echo "### --perturb: detected share of $sweep_trials trials (2 threads; median of $repeats)"
  echo
  echo "| case | detector | iterations | none | yield | sleep | random |"
  echo "|---|---|---|---|---|---|---|"
  while read -r c v; do
    for variant in plain tsan; do
      [[ $variant == tsan || $v == plain ]] || continue
      iterations=(100 1000 100000)
      [[ $variant == tsan ]] && iterations=(100 1000)  # 100,000 under TSan: minutes per cell
      for i in "${iterations[@]}"; do
        row="| $c | $variant | $i |"
        for p in none yield sleep random; do
          : >"$work/p"
          for ((r = 1; r <= repeats; ++r)); do rate_harness "$c" "$variant" "$i" --perturb "$p" >>"$work/p"; done
          row+=" $(median <"$work/p") |"
        done
        echo "$row"
      done
    done
  done < <(race_cases)
  echo
fi

if section start; then
  echo "### --start: trials per second and detected share (median of $repeats)"
  echo
  echo "| workload | spin | block | hybrid | hybrid, --pin none |"
  echo "|---|---|---|---|---|"
  for config in "unsafe_counter plain 2 1000 20000" "unsafe_counter plain 5 1000 20000" \
                "unsafe_counter tsan 2 1000 1000" "locked_counter plain 5 100000 100" \
                "locked_counter plain 2 1000 20000"; do
    read -r c v t i n <<<"$config"
    [[ $quick == 1 ]] && n=$((n / 10))
    row="| $c $v ${t}x$i, $n trials |"
    for s in spin block hybrid hybrid-unpinned; do
      : >"$work/s_rate"; : >"$work/s_det"
      pin=spread; [[ $s == hybrid-unpinned ]] && pin=none
      for ((r = 1; r <= repeats; ++r)); do
        ls_run --case "$c" --variant "$v" --threads "$t" --iterations "$i" --trials "$n" --seed "$r" \
          --start "${s%-unpinned}" --pin "$pin" --json "$work/s.json"
        calc "$n / $(cell "$work/s.json" "$c" "$v" .wall_seconds)" >>"$work/s_rate"
        if [[ $v == plain ]]; then cell "$work/s.json" "$c" "$v" .failure_rate >>"$work/s_det"
        else cell "$work/s.json" "$c" "$v" .sanitizer.report_rate >>"$work/s_det"; fi
      done
      row+=" $(median <"$work/s_rate")/s, $(median <"$work/s_det") |"
    done
    echo "$row"
  done
  echo
fi
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
