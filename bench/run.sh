#!/usr/bin/env bash
# Runs every benchmark in bench/ once and writes one results file, the CSV behind it and plots.
#
#   bench/run.sh                 build the release preset, wait for a quiet machine, run all
#   bench/run.sh --smoke         every benchmark's --smoke mode, no waiting: proves the suite
#                                runs (CTest: bench.run_smoke); its figures mean nothing
#
# Options:
#   --build-dir DIR   use the benchmarks already built in DIR (skips the build)
#   --out DIR         where results.md, peers.csv and the plots go (default docs/performance;
#                     with --smoke, a fresh temporary directory)
#   --dir DIR         file system the sync benchmarks measure (default: the build directory;
#                     tmpfs is refused)
#   --max-load L      wait until the 1-minute load average is below L (default 1.0) ...
#   --wait-load S     ... for at most S seconds (default 600), then measure anyway and mark the
#                     results provisional
#   --quick           fewer runs and shorter ones (several minutes; for trying the suite out)
#
# What it measures (docs/PERFORMANCE.md): peers_bench, the journal against SQLite, LevelDB,
# RocksDB and the device (with plots); journal_bench (and Immediate@1 against the raw loop at 1 KiB
# and 16 KiB, 11 runs of 8 s); explore_bench, in-process exploration, its
# growth with the workload's length (10, 100, 1000 transactions) and max_deviations (0, 1, 2),
# and its peak RSS at 1000 transactions; cli_explore_bench, `powercut explore` with a subprocess
# checker on 1 and 2 jobs and its growth likewise; record_bench, native vs shim vs `strace -f` on
# sqlite3, powercut-journal, `tar -x` and two shell loops.
#
# The sync benchmarks are meaningful only on a quiet machine: figures are ratios against the
# device limit measured in the same run, and other processes' CPU and disk use shift them (see
# docs/PERFORMANCE.md). The load average before and after each benchmark goes into the results.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
smoke=0 quick=0 build_dir="" out="" dir="" max_load=1.0 wait_load=600
while (($#)); do
  case "$1" in
    --smoke) smoke=1 ;;
    --quick) quick=1 ;;
    --build-dir) build_dir=$2; shift ;;
    --out) out=$2; shift ;;
    --dir) dir=$2; shift ;;
    --max-load) max_load=$2; shift ;;
    --wait-load) wait_load=$2; shift ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
((smoke)) && wait_load=0

if [[ -z $build_dir ]]; then
  build_dir=$root/build/release
  cmake --preset release -S "$root" >/dev/null
  targets=(peers_bench journal_bench explore_bench cli_explore_bench powercut)
  [[ -f $root/bench/record_bench.cc ]] && targets+=(record_bench)
  cmake --build "$build_dir" -j2 --target "${targets[@]}"
fi
bench=$build_dir/bench
[[ -x $bench/peers_bench ]] || { echo "run.sh: no $bench/peers_bench: build it first" >&2; exit 1; }
if [[ -z $out ]]; then
  if ((smoke)); then out=$(mktemp -d "${TMPDIR:-/tmp}/bench-smoke.XXXXXX"); else out=$root/docs/performance; fi
fi
mkdir -p "$out"
[[ -n $dir ]] || dir=$build_dir
parts=$(mktemp -d "${TMPDIR:-/tmp}/bench-run.XXXXXX")
trap 'rm -rf "$parts"' EXIT

load1() { cut -d' ' -f1 /proc/loadavg; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
above() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

# Waits (up to --wait-load seconds) for the 1-minute load average to fall below --max-load.
waited=0
while above "$(load1)" "$max_load" && ((waited < wait_load)); do
  ((waited % 60 == 0)) && echo "run.sh: load average $(loadavg) above $max_load; waiting (${waited}s of ${wait_load}s)" >&2
  sleep 10
  waited=$((waited + 10))
done
load_start=$(loadavg)
provisional=0
above "$(load1)" "$max_load" && provisional=1

smoke_flag=()
((smoke)) && smoke_flag=(--smoke)
declare -a sections=()
# run NAME COMMAND...: runs one benchmark, its report into $parts/NAME.md, with the load around it.
run() {
  local name=$1; shift
  local before after status=0
  before=$(loadavg)
  echo "run.sh: $name (load $before)" >&2
  "$@" >"$parts/$name.md" 2>"$parts/$name.log" || status=$?
  after=$(loadavg)
  {
    echo "Load average (1/5/15 min) before: $before; after: $after."
    ((status == 0)) || { echo; echo "**$name failed (exit $status):**"; echo '```'; tail -20 "$parts/$name.log"; echo '```'; }
  } >"$parts/$name.load"
  sections+=("$name")
  return "$status"
}

failed=0
if ((smoke)); then
  peers_args=()
elif ((quick)); then
  peers_args=(--runs 3 --seconds 0.6)
else
  peers_args=(--runs 5 --seconds 2.5)
fi
run peers_bench "$bench/peers_bench" --dir "$dir" --csv "$out/peers.csv" "${peers_args[@]}" "${smoke_flag[@]}" || failed=1
run journal_bench "$bench/journal_bench" --dir "$dir" "${smoke_flag[@]}" || failed=1
# The Immediate@1 target at 1 KiB and 16 KiB again, with more and longer interleaved runs than
# peers_bench's: one thread's rate moves by +-20% from run to run with the device, more than the
# gap being measured (docs/PERFORMANCE.md).
immediate_args=(--runs 11 --seconds 8)
((quick)) && immediate_args=(--runs 3 --seconds 1)
((smoke)) && immediate_args=()
for size in 1024 16384; do
  run "journal_bench_$size" "$bench/journal_bench" --dir "$dir" --txn-bytes "$size" \
    --only raw,Immediate@1,Relaxed@1 "${immediate_args[@]}" "${smoke_flag[@]}" || failed=1
done
explore_args=()
((quick)) && explore_args=(--runs 3 --seconds 1)
run explore_bench "$bench/explore_bench" "${explore_args[@]}" "${smoke_flag[@]}" || failed=1
rounds_args=()
((quick)) && rounds_args=(--rounds 2)
run cli_explore_bench "$bench/cli_explore_bench" "${rounds_args[@]}" "${smoke_flag[@]}" || failed=1
record_note=""
if [[ -x $bench/record_bench ]]; then
  run record_bench "$bench/record_bench" --dir "$dir" --wait-load 0 "${rounds_args[@]}" "${smoke_flag[@]}" || failed=1
else
  record_note="record_bench was not run: $bench/record_bench does not exist (not built, or not on this branch)."
fi
load_end=$(loadavg)

# Plots, from peers_bench's CSV: one .dat per (size, system), the ceiling from GroupCommit's rows.
plots=""
if command -v gnuplot >/dev/null && [[ -s $out/peers.csv ]]; then
  awk -F, -v d="$parts" 'NR > 1 {
      if ($2 == "GroupCommit") print $3, $11, "" > (d "/" $1 "-ceiling.dat")
      if ($2 != "raw" && $2 != "Immediate" && $2 != "Relaxed") print $3, $4, $8 > (d "/" $1 "-" $2 ".dat")
    }' "$out/peers.csv"
  sizes=$(awk -F, 'NR > 1 && !seen[$1]++ { printf "%s ", $1 }' "$out/peers.csv")
  systems=$(awk -F, 'NR > 1 && $2 != "raw" && $2 != "Immediate" && $2 != "Relaxed" && !seen[$2]++ { printf "%s ", $2 }' "$out/peers.csv")
  note="(run of $(date -u +%F), load $load_start → $load_end)"
  ((smoke)) && note="(smoke run: not a measurement)"
  if gnuplot -e "datadir='$parts'; sizes='$sizes'; systems='${systems}ceiling'; latency_systems='$systems'; out_rate='$out/peers-commits.svg'; out_p99='$out/peers-p99.svg'; title_note='$note'" \
      "$root/bench/peers_plot.gp" 2>"$parts/gnuplot.log"; then
    plots=$'![commits/s](peers-commits.svg)\n\n![p99 latency](peers-p99.svg)\n'
  else
    plots="Plots failed: $(head -3 "$parts/gnuplot.log")"
    failed=1
  fi
elif ! command -v gnuplot >/dev/null; then
  plots="No plots: gnuplot is not installed (ci/install-deps.sh installs gnuplot-nox)."
else
  plots="No plots: peers_bench wrote no CSV."
fi

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
# Uncommitted changes, not counting this run's own output files (results.md, the CSV, the plots).
outputs=()
[[ $out == "$root"/* ]] && outputs=(":(exclude)${out#"$root"/}")
git -C "$root" diff --quiet HEAD -- . "${outputs[@]}" 2>/dev/null || commit+=" (with uncommitted changes)"
{
  echo "# Benchmark results"
  echo
  echo "Generated by \`bench/run.sh$( ((smoke)) && echo ' --smoke')$( ((quick)) && echo ' --quick')\`; do not edit by hand."
  ((smoke)) && { echo; echo "**Smoke run: proves the suite runs; no figure here is a measurement.**"; }
  if ((provisional && !smoke)); then
    echo
    echo "**Provisional: the 1-minute load average was $load_start at the start (above $max_load after waiting ${waited}s); other processes shared the CPUs and the disk, so the ratios below are not trustworthy.**"
  fi
  echo
  echo "- Date: $(date -u +%FT%TZ); commit: $commit"
  echo "- Machine: $(uname -srm); $(nproc) CPUs; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "- Load average (1/5/15 min) at start: $load_start; at end: $load_end"
  [[ -n $record_note ]] && echo "- $record_note"
  echo
  echo "## Plots (peers_bench)"
  echo
  echo "$plots"
  for name in "${sections[@]}"; do
    echo
    # Most reports start with their own "## name" heading; the others get one.
    head -n1 "$parts/$name.md" | grep -q '^## ' || { echo "## $name"; echo; }
    cat "$parts/$name.md"
    echo
    cat "$parts/$name.load"
  done
} >"$out/results.md"
echo "run.sh: wrote $out/results.md$( ((failed)) && echo ' (with failures)')" >&2
exit "$failed"
