#!/usr/bin/env bash
# The composite action's run step (ci/github/action.yml): one `lockstress run` from the action's
# inputs, every report written to $INPUT_OUTPUTS, the Markdown summary on the job's page, the exit
# code as the step's output `exit-code`. Inputs arrive as INPUT_* variables; LOCKSTRESS is the
# program to run. The tests run this with a stand-in program (ci_pipelines_test.cpp).
set -euo pipefail

args=(run --progress --quiet)
for name in ${INPUT_CASES:-}; do args+=(--case "$name"); done
for name in ${INPUT_VARIANTS:-}; do args+=(--variant "$name"); done
[ -n "${INPUT_TRIALS:-}" ] && args+=(--trials "$INPUT_TRIALS")
# A seed always: the summary's rerun line and every shard of one run need it.
args+=(--seed "${INPUT_SEED:-${GITHUB_RUN_ID:-1}}")
[ -n "${INPUT_SHARD:-}" ] && args+=(--shard "$INPUT_SHARD")
out="${INPUT_OUTPUTS:-lockstress-report}"
mkdir -p "$out"
args+=(--json "$out/summary.json" --markdown "$out/summary.md" --junit "$out/junit.xml"
       --sarif "$out/lockstress.sarif" --html "$out/report.html")
# Further options, split as the shell splits words (an option's value cannot hold a space).
read -r -a extra <<< "${INPUT_ARGS:-}"

status=0
"$LOCKSTRESS" "${args[@]}" "${extra[@]}" || status=$?
if [ -f "$out/summary.md" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out/summary.md" >> "$GITHUB_STEP_SUMMARY"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$status"
    echo "json=$out/summary.json"
    echo "markdown=$out/summary.md"
    echo "junit=$out/junit.xml"
    echo "sarif=$out/lockstress.sarif"
    echo "html=$out/report.html"
  } >> "$GITHUB_OUTPUT"
fi
# lockstress's exit codes: 0 pass, 1 a cell failed, 2 a usage error, 3 inconclusive, 4 a cell
# could not run, 130/143 interrupted. A usage error always fails the step; a verdict only when
# fail-on-verdict is true (a shard's verdict waits for the merge).
case "$status" in
  0) ;;
  2) echo "::error::lockstress: usage error (see above)"; exit 2 ;;
  3) echo "::warning::lockstress: inconclusive: the race control was not caught, clean cells prove nothing" ;;
  *) echo "::error::lockstress exit status $status"
     [ "${INPUT_FAIL_ON_VERDICT:-true}" = true ] && exit "$status" ;;
esac
exit 0
