#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang 14, address+undefined) and runs each one
# for SECONDS on a fresh copy of its committed seed corpus.
#
#   ci/fuzz.sh [SECONDS]       default 40 per target; as many targets at once as there are
#                              cores (six targets on two cores: 2 minutes)
#
# Exits non-zero when a target crashes, leaks, times out, runs out of memory or trips an
# invariant. The reproducer is kept in build/fuzz/artifacts/<target>/ and the full log in
# build/fuzz/logs/<target>.log; rerun it with `build/fuzz/<dir>/<target> <reproducer>`, <dir> as
# in TARGETS below.
# Inputs the run found are kept in build/fuzz/corpus/<target>/ (not committed automatically).
set -euo pipefail

seconds=${1:-40}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS]" >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# <source dir>/<target>: the binary is build/fuzz/<source dir>/<target>, the committed seed corpus
# <source dir>/corpus/<target>/.
TARGETS=(journal/fuzz/segment_reader_fuzz journal/fuzz/ops_decode_fuzz
         journal/fuzz/journal_dir_fuzz faultfs/fuzz/trace_reader_fuzz
         harness/fuzz/scenario_loader_fuzz reports/fuzz/run_json_read_fuzz)
build=build/fuzz
# No input may make a read path use more than this (see journal/fuzz/*.cc, faultfs/fuzz/*.cc).
FUZZ_FLAGS=(-rss_limit_mb=512 -malloc_limit_mb=64 -timeout=10 -max_len=16384
            -print_final_stats=1 -print_pcs=0 -reload=0)

if [[ ${POWERCUT_SKIP_DEPS:-0} != 1 ]]; then
  ci/install-deps.sh
fi
echo "fuzz: configure and build (preset fuzz)"
cmake --preset fuzz
cmake --build --preset fuzz

symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
# A smaller quarantine keeps ASan's RSS well under -rss_limit_mb (about 180 MB instead of 400).
export ASAN_OPTIONS="halt_on_error=1:print_stacktrace=1:detect_leaks=1:quarantine_size_mb=64${symbolizer:+:external_symbolizer_path=$symbolizer}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${symbolizer:+:external_symbolizer_path=$symbolizer}"

mkdir -p "$build/logs" "$build/artifacts"

# run_target ENTRY: one target on a fresh copy of its seed corpus; its exit status goes to
# logs/<target>.rc, its output to logs/<target>.log.
run_target() {
  local target=${1##*/} dir=${1%/*}
  local corpus=$build/corpus/$target artifacts=$build/artifacts/$target log=$build/logs/$target.log
  rm -rf "$corpus" "$build/logs/$target.rc"
  mkdir -p "$corpus" "$artifacts"
  cp "$dir"/corpus/"$target"/* "$corpus"/
  local rc=0
  "$build/$dir/$target" "${FUZZ_FLAGS[@]}" -max_total_time="$seconds" -artifact_prefix="$artifacts/" \
      "$corpus" >"$log" 2>&1 || rc=$?
  echo "$rc" >"$build/logs/$target.rc"
}

# A target is one process on one core: run as many at once as there are cores, so each still
# gets its SECONDS of a whole core and CI waits half as long on two cores.
parallel=$(nproc)
echo "fuzz: ${#TARGETS[@]} targets, ${seconds}s each, $parallel at a time"
running=0
for entry in "${TARGETS[@]}"; do
  if ((running >= parallel)); then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$entry" &
  running=$((running + 1))
done
wait

failed=()
printf '\n%-22s %10s %9s %8s %8s %7s  %s\n' target execs exec/s "new" cov rss result
for entry in "${TARGETS[@]}"; do
  target=${entry##*/}
  dir=${entry%/*}
  log=$build/logs/$target.log
  artifacts=$build/artifacts/$target
  rc=$(cat "$build/logs/$target.rc" 2>/dev/null || echo "?")
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  result=ok
  [[ $rc == 0 ]] || { result="FAILED (exit $rc)"; failed+=("$target"); }
  printf '%-22s %10s %9s %8s %8s %6sM  %s\n' "$target" "$(stat number_of_executed_units)" \
      "$(stat average_exec_per_sec)" "$(stat new_units_added)" "${cov:-?}" \
      "$(stat peak_rss_mb)" "$result"
  if [[ $rc != 0 ]]; then
    echo "---- $log (last 60 lines) ----"
    tail -n 60 "$log"
    echo "---- reproducer(s) in $artifacts:"
    ls -l "$artifacts"
    echo "---- rerun: $build/$dir/$target $artifacts/<file>"
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: FAILED: ${failed[*]}"
  exit 1
fi
echo "fuzz: ${#TARGETS[@]} targets ran ${seconds}s each without a finding"
