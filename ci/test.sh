#!/usr/bin/env bash
# ci/test.sh: everything CI checks, in one command (what .ci/run runs).
#
#   ci/test.sh            install missing packages; the coverage build (gcov and ASan+UBSan in
#                         one build) + every CTest test + gcovr with the journal's line-coverage
#                         threshold; that build installed and examples/out-of-tree built and
#                         tested against it (find_package); a TSan build running the concurrency
#                         tests; a short libFuzzer run (ci/fuzz.sh)
#   ci/test.sh --quick    only the coverage part and the out-of-tree example (no TSan, no
#                         fuzzing), for local use
#
# Every step runs even when an earlier one failed (unless it needs that one's output), so one run
# shows everything that is wrong; the exit status is non-zero if any step failed. Reports:
#   build/coverage/junit.xml, build/tsan/junit.xml          CTest JUnit (one file per run)
#   build/<preset>/junit/*.xml                              Boost.Test JUnit, one per test case
#   build/coverage/coverage/index.html, cobertura.xml, summary.json, coverage.json, journal.txt   gcovr
#   build/install/ (the installed package), build/out-of-tree/junit.xml   the out-of-tree example
#   build/fuzz/logs/, build/fuzz/artifacts/                 fuzz logs and crash reproducers
set -euo pipefail

# Minimum line coverage (%) of journal/ (library code: tests, journal/tool and journal/fuzz
# excluded). Below it the coverage step fails.
COVERAGE_MIN_LINE=85
# Seconds each libFuzzer target runs in CI: 20 (ci/fuzz.sh runs one per core: the six targets
# take a minute on two cores), so that CI stays well under 30 minutes (longer runs:
# scripts/reliability.sh, docs/RELIABILITY.md).
FUZZ_SECONDS=${POWERCUT_FUZZ_SECONDS:-20}

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }
quick=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ci/test.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Sanitizer runtime options (the asan/tsan test presets set the same; exported here so that
# anything else started from this script gets them too).
symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
sym=${symbolizer:+:external_symbolizer_path=$symbolizer}
export ASAN_OPTIONS="halt_on_error=1:print_stacktrace=1:detect_leaks=1$sym"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1$sym"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1$sym"

# ---- step bookkeeping -------------------------------------------------------------------------
step_names=() step_times=() step_results=()
tests_passed=0 tests_failed=0
started=$SECONDS

duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# run_step NAME COMMAND...: runs COMMAND with errexit in a subshell, with a banner and timing;
# its exit status is left in step_rc. Never call it inside `if`, `||` or `&&`: bash would then
# ignore errexit inside COMMAND, and a failing command in the middle of a step would go unnoticed.
step_rc=0
run_step() {
  local name=$1 start=$SECONDS rc
  shift
  printf '\n==> [%s] %s   (%s since start)\n' "$(date +%H:%M:%S)" "$name" "$(duration $((SECONDS - started)))"
  set +e
  (set -e; "$@")
  rc=$?
  set -e
  step_names+=("$name")
  step_times+=($((SECONDS - start)))
  if ((rc == 0)); then
    step_results+=(ok)
  else
    step_results+=("FAILED (exit $rc)")
  fi
  printf '<== %s: %s in %s\n' "$name" "${step_results[-1]}" "$(duration $((SECONDS - start)))"
  step_rc=$rc
}

skip_step() {
  step_names+=("$1") step_times+=(0) step_results+=("skipped: $2")
  printf '\n==> %s: skipped (%s)\n' "$1" "$2"
}

# ctest_preset PRESET [ARGS...]: runs a test preset, keeps its log, adds its counts to the total.
ctest_preset() {
  local preset=$1
  shift
  ctest --preset "$preset" --output-junit junit.xml "$@" 2>&1 | tee "build/$preset/ctest.log"
  return "${PIPESTATUS[0]}"
}
count_tests() {
  local log=build/$1/ctest.log line
  [[ -f $log ]] || return 0
  line=$(grep -Eo '[0-9]+ tests? failed out of [0-9]+' "$log" | tail -1 || true)
  [[ -n $line ]] || return 0
  local failed total
  failed=$(awk '{print $1}' <<<"$line")
  total=$(awk '{print $NF}' <<<"$line")
  tests_passed=$((tests_passed + total - failed))
  tests_failed=$((tests_failed + failed))
}

# build_preset PRESET [CMAKE_ARGS...]
build_preset() {
  local preset=$1
  shift
  cmake --preset "$preset" "$@"
  cmake --build --preset "$preset"
}

# ---- coverage ---------------------------------------------------------------------------------
coverage_tests() {
  # Counters from an earlier run would be added to this run's (or fail to merge after a rebuild).
  find build/coverage -name '*.gcda' -delete
  ctest_preset coverage
}

coverage_report() {
  local out=build/coverage/coverage
  rm -rf "$out"
  mkdir -p "$out"
  # gcovr filters are regexes; relative ones are matched against paths relative to the current
  # directory (the repository root here), not to --root.
  local common=(--root "$root" --object-directory "$root/build/coverage" --gcov-executable gcov-12
                -j 2 --exclude-unreachable-branches --exclude-throw-branches)
  local not_tests=(--exclude '.*_test\.(cc|h)$' --exclude '.*_test_main\.cc$'
                   --exclude '.*_test_util\.(cc|h)$' --exclude '.*/test_file_system\.(cc|h)$'
                   --exclude 'faultfs/testing/' --exclude 'journal/tool/.*test'
                   --exclude 'journal/fuzz/' --exclude 'bench/')
  echo "-- all of journal/ and faultfs/ (tests, bench and fuzz excluded):"
  # gcovr 5.2 hangs in its worker pool when gcov output fails to parse: bound it.
  timeout --kill-after=10 600 gcovr "${common[@]}" --filter 'journal/' --filter 'faultfs/' "${not_tests[@]}" \
    --html-details "$out/index.html" --html-title "powercut coverage" \
    --cobertura-pretty --cobertura "$out/cobertura.xml" \
    --json-summary-pretty --json-summary "$out/summary.json" --json "$out/coverage.json" \
    --print-summary "$root/build/coverage"
  echo "   reports: $out/index.html, $out/cobertura.xml, $out/summary.json"
  echo
  echo "-- journal/ library code (journal/tool and journal/fuzz excluded), threshold ${COVERAGE_MIN_LINE}% of lines:"
  set +e
  # From the first pass's tracefile (the same counts, filtered again) rather than gcov run again.
  timeout --kill-after=10 600 gcovr --root "$root" --add-tracefile "$out/coverage.json" \
    --filter 'journal/' "${not_tests[@]}" --exclude 'journal/tool/' \
    --print-summary --fail-under-line "$COVERAGE_MIN_LINE" | tee "$out/journal.txt"
  local rc=${PIPESTATUS[0]}
  set -e
  local percent
  percent=$(sed -n 's/^lines: \([0-9.]*%\).*/\1/p' "$out/journal.txt")
  if ((rc != 0)); then
    echo "coverage: journal/ line coverage ${percent:-?} is below the ${COVERAGE_MIN_LINE}% threshold (gcovr exit $rc)"
    return 1
  fi
  echo "coverage: journal/ line coverage ${percent:-?} >= ${COVERAGE_MIN_LINE}%"
}

# ---- the CMake package -------------------------------------------------------------------------
# Installs the coverage build into build/install and builds examples/out-of-tree against it, as a
# user would (find_package(powercut), docs/cmake.md), then runs the example's tests: its crash
# test in process, and its scenario files through powercut_add_scenario (listed as disabled when
# the installed powercut has no recorder). The example's own code is held to warnings as errors.
out_of_tree_example() {
  local prefix=$root/build/install build=build/out-of-tree
  rm -rf "$prefix" "$build"
  cmake --install build/coverage --prefix "$prefix"
  # The package's text files (CMake files, headers) must not point into this checkout.
  local leaks
  leaks=$(grep -rIl -- "$root" "$prefix" || true)
  if [[ -n $leaks ]]; then
    echo "out-of-tree: installed files refer to $root:"$'\n'"$leaks"
    return 1
  fi
  cmake -S examples/out-of-tree -B "$build" -D CMAKE_PREFIX_PATH="$prefix" \
    -D CMAKE_CXX_FLAGS="-Wall -Wextra -Wconversion -Werror"
  cmake --build "$build" -j 2
  # The installed archives are coverage-instrumented: their counters go under $build/gcov
  # rather than into build/coverage, whose report is made from the main build's tests only.
  GCOV_PREFIX=$root/$build/gcov ctest --test-dir "$build" -j 2 --output-on-failure --no-tests=error \
    --output-junit junit.xml 2>&1 | tee "$build/ctest.log"
  return "${PIPESTATUS[0]}"
}

# powercut's own I/O-error sweep (harness/self_fault_sweep_test.cc) fails every 23rd call rather
# than every 11th, and every 2nd write rather than every one: each run is a powercut process,
# slow to start and end under ASan and gcov. The first call tried is random (the seed is in the
# test's output), so that CI runs together reach every call; scripts/reliability.sh runs the
# sweep at stride 3 and every write (docs/RELIABILITY.md).
export POWERCUT_SELF_FAULT_STRIDE=${POWERCUT_SELF_FAULT_STRIDE:-23}
export POWERCUT_SELF_FAULT_WRITE_STRIDE=${POWERCUT_SELF_FAULT_WRITE_STRIDE:-2}

# ---- the run ----------------------------------------------------------------------------------
echo "powercut ci/test.sh: $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $(uname -srm)," \
     "$(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')$( ((quick)) && echo ', --quick')"

run_step "deps: ci/install-deps.sh" ci/install-deps.sh
export POWERCUT_SKIP_DEPS=1

run_step "coverage (+ASan/UBSan): configure + build" build_preset coverage
if ((step_rc == 0)); then
  run_step "coverage (+ASan/UBSan): ctest (all tests)" coverage_tests
  count_tests coverage
  run_step "coverage: gcovr, journal/ >= ${COVERAGE_MIN_LINE}% lines" coverage_report
  run_step "out-of-tree example (find_package)" out_of_tree_example
  count_tests out-of-tree
else
  skip_step "coverage: ctest (all tests)" "build failed"
  skip_step "coverage: gcovr" "build failed"
  skip_step "out-of-tree example" "build failed"
fi

# ASan+UBSan need no build of their own: the coverage build is instrumented with both, so every
# test above ran under them (one build of the tree instead of two: CI must stay under 30 minutes).
if ((quick)); then
  skip_step "tsan" "--quick"
else
  # The tsan presets build and run the concurrency tests only (group commit, parallel
  # exploration, threaded workloads; CMakePresets.json); the benchmarks are left out.
  run_step "tsan: configure + build" build_preset tsan -DPOWERCUT_BENCH=OFF
  if ((step_rc == 0)); then
    run_step "tsan: ctest (concurrency tests)" ctest_preset tsan
    count_tests tsan
  else
    skip_step "tsan: ctest" "build failed"
  fi
fi

if ((quick)); then
  skip_step "fuzz" "--quick"
else
  run_step "fuzz: ci/fuzz.sh ${FUZZ_SECONDS} (per target)" ci/fuzz.sh "$FUZZ_SECONDS"
fi

# ---- summary ----------------------------------------------------------------------------------
failures=0
printf '\n==> summary (total %s)\n' "$(duration $((SECONDS - started)))"
for i in "${!step_names[@]}"; do
  printf '  %-46s %8s  %s\n' "${step_names[$i]}" "$(duration "${step_times[$i]}")" "${step_results[$i]}"
  [[ ${step_results[$i]} == FAILED* ]] && failures=$((failures + 1))
done
echo "  reports: build/coverage/junit.xml, build/coverage/coverage/index.html, build/*/junit/"
if ((failures)); then
  echo "ci/test.sh: $failures step(s) FAILED"
else
  echo "ci/test.sh: all steps passed"
fi
echo "ctest: $tests_passed passed, $tests_failed failed"
((failures == 0))
