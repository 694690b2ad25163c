#!/usr/bin/env bash
# ci/demo.sh: sets everything up on a fresh Debian 12 machine and runs powercut's main job,
# printing a report and writing it to build/<preset>/demo/report.txt.
#
#   ci/demo.sh [--txns N] [--threads T] [--preset release|ci]
#
# Steps: install the missing Debian packages (ci/install-deps.sh), configure and build a preset
# (default `release`; `ci` is RelWithDebInfo with warnings as errors), then the main job.
#
# The main job: the reference journal's crash scenarios with `powercut run` (scenarios/journal:
# every durability mode, in process and as a program recorded under the shim, explored under every
# persistence model, plus test doubles of a broken journal and the seed design's defects
# (scenarios/seed-journal) that must be caught), written as an
# HTML report (build/<preset>/demo/html/index.html), JSON and JUnit; then the journal's own round
# trip on the real disk in each mode: `powercut-journal workload`, `check` on a copy, `verify`, `dump`.
# Exit status: 0 when every step and every verdict is fine, 1 otherwise, 2 on bad usage.
set -euo pipefail

preset=release
txns=500
threads=4
checkpoint_every=200
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
while (($#)); do
  case $1 in
    --txns) txns=${2:?}; shift 2 ;;
    --threads) threads=${2:?}; shift 2 ;;
    --preset) preset=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ci/demo.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ $txns =~ ^[1-9][0-9]*$ && $threads =~ ^[1-9][0-9]*$ ]] || { echo "ci/demo.sh: --txns and --threads take positive integers" >&2; exit 2; }
[[ $preset == release || $preset == ci ]] || { echo "ci/demo.sh: --preset is release or ci" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=build/$preset
out=$build/demo
report=$out/report.txt
started=$SECONDS

banner() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# ---- setup: packages and build ----------------------------------------------------------------
setup() {
  banner "packages (ci/install-deps.sh)"
  ci/install-deps.sh
  banner "configure + build (preset $preset)"
  cmake --preset "$preset"
  cmake --build --preset "$preset"
}

# ---- the main job -----------------------------------------------------------------------------
# Writes the report body to stdout; returns non-zero when something is wrong.
main_job() {
  local bad=0
  journal_crash_scenarios || bad=1
  echo
  journal_round_trip || bad=1
  return "$bad"
}

# Runs the journal's scenario files (scenarios/journal/*.toml) with `powercut run`: every durability
# mode recorded in process and as a program under the LD_PRELOAD shim, explored under every
# persistence model, plus broken-journal test doubles whose violations must be found. Writes the
# HTML report, the JSON result and JUnit next to the text report.
journal_crash_scenarios() {
  local powercut=$build/harness/powercut tool_dir=$build/journal/tool
  if [[ ! -x $powercut ]]; then
    echo "main job: $powercut was not built (harness/)"
    return 1
  fi
  echo "journal crash scenarios: powercut run scenarios/journal/*.toml scenarios/seed-journal/*.toml"
  echo "(every crash state of each persistence model; the broken-journal doubles and the seed design's"
  echo "nine defects must show their violation, the reference journal none)"
  echo
  local rc
  set +e
  # powercut-journal, the workload and checker of the command scenarios, from this build.
  PATH=$root/$tool_dir:$PATH "$powercut" run scenarios/journal/*.toml scenarios/seed-journal/*.toml --jobs "$(nproc)" \
    --work-dir "$out/work" --report-dir "$out/html" --json "$out/run.json" --junit "$out/junit.xml"
  rc=$?
  set -e
  echo
  echo "HTML report: $root/$out/html/index.html"
  echo "JSON result: $root/$out/run.json   JUnit: $root/$out/junit.xml"
  return "$rc"
}

# From `verify`'s "ok: txns A..B recoverable, checkpoint txn C, ..." (or "ok: no txn after the
# checkpoint, checkpoint txn C, ..."): "1..B" recovered and "A..B" still in the log (or "-").
# "?" when the report says neither.
recovered_range() {
  local line
  line=$(grep -m1 '^ok: ' "$1" || true)
  if [[ $line =~ txns\ ([0-9]+)\.\.([0-9]+)\ recoverable ]]; then
    echo "1..${BASH_REMATCH[2]} ${BASH_REMATCH[1]}..${BASH_REMATCH[2]}"
  elif [[ $line =~ no\ txn\ after\ the\ checkpoint,\ checkpoint\ txn\ ([0-9]+) ]]; then
    if ((BASH_REMATCH[1] == 0)); then echo "none -"; else echo "1..${BASH_REMATCH[1]} -"; fi
  else
    echo "? ?"
  fi
}

journal_round_trip() {
  local tool=$build/journal/tool/powercut-journal
  if [[ ! -x $tool ]]; then
    echo "main job: $tool was not built (journal/tool/)"
    return 1
  fi
  local bad=0 mode dir rc acked verdict recovered in_log verify_rc
  local rows=()
  for mode in immediate group relaxed; do
    dir=$out/$mode
    mkdir -p "$dir"
    local t0=$SECONDS
    set +e
    "$tool" workload "$dir/wal" --mode "$mode" --txns "$txns" --threads "$threads" \
      --checkpoint-every "$checkpoint_every" >"$dir/acks.txt" 2>"$dir/workload.log"
    rc=$?
    set -e
    acked=$(grep -c '^ack ' "$dir/acks.txt" || true)
    if ((rc != 0)); then
      bad=1
      echo "$mode: workload failed (exit $rc): $(head -n1 "$dir/workload.log")"
    fi
    # check recovers (and appends to) the journal it is given: give it a private copy.
    cp -a "$dir/wal" "$dir/wal.check"
    set +e
    "$tool" check "$dir/wal.check" --acked "$dir/acks.txt" --mode "$mode" >"$dir/check.txt" 2>&1
    rc=$?
    "$tool" verify "$dir/wal" >"$dir/verify.txt" 2>&1
    verify_rc=$?
    "$tool" dump "$dir/wal" >"$dir/dump.txt" 2>&1
    set -e
    case $rc in
      0) verdict=consistent ;;
      1) verdict="VIOLATION"; bad=1 ;;
      125) verdict="CHECKER ERROR"; bad=1 ;;
      *) verdict="CHECKER EXIT $rc"; bad=1 ;;
    esac
    ((verify_rc == 0)) || bad=1
    read -r recovered in_log < <(recovered_range "$dir/verify.txt")
    rows+=("$(printf '%-10s %6s %11s %11s %8s  %-12s %s' "$mode" "$acked" "$recovered" "$in_log" \
      "$([[ $verify_rc == 0 ]] && echo ok || echo "exit $verify_rc")" "$verdict" \
      "$(duration $((SECONDS - t0)))")")
  done

  echo "journal round trip: powercut-journal workload --txns $txns --threads $threads" \
       "--checkpoint-every $checkpoint_every, then check (on a copy), verify, dump"
  echo
  printf '%-10s %6s %11s %11s %8s  %-12s %s\n' mode acked recovered "in the log" verify check time
  printf '%s\n' "${rows[@]}"
  echo
  echo "acked: 'ack <id>' lines the workload printed. recovered: the transactions recovery finds"
  echo "(verify), 'in the log' those not yet covered by a checkpoint. check: recovery returned every"
  echo "acknowledged transaction and the journal still appends (no power was cut here, so every mode,"
  echo "relaxed too, must pass)."
  for mode in immediate group relaxed; do
    echo
    echo "-- $mode: check says: $(head -n1 "$out/$mode/check.txt")"
    echo "-- $mode: verify says:"
    sed 's/^/     /' "$out/$mode/verify.txt" | head -n 8
  done
  echo
  echo "-- first lines of: powercut-journal dump $out/immediate/wal"
  head -n 20 "$out/immediate/dump.txt" | sed 's/^/     /'
  echo
  echo "files: $out/<mode>/{acks.txt,check.txt,verify.txt,dump.txt,wal/}"
  return "$bad"
}

duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# ---- run --------------------------------------------------------------------------------------
setup
rm -rf "$out"
mkdir -p "$out"
banner "main job"
set +e
{
  echo "powercut demo report"
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), preset $preset," \
       "$(uname -srm), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  (set -e; main_job)  # errexit inside; the report still gets its last line when it fails
  job_rc=$?
  echo
  if ((job_rc == 0)); then echo "result: ok"; else echo "result: FAILED"; fi
  exit "$job_rc"
} | tee "$report"
job_rc=${PIPESTATUS[0]}
set -e
echo
echo "report: $root/$report   (total $(duration $((SECONDS - started))))"
((job_rc == 0)) || { echo "ci/demo.sh: the main job found a problem (see above)"; exit 1; }
echo "ci/demo.sh: ok"
