#!/usr/bin/env bash
# Installs the Debian 12 packages powercut needs to build, test, measure coverage and fuzz.
#
#   ci/install-deps.sh            install what is missing (as root, or through sudo)
#   ci/install-deps.sh --check    only list what is missing; exit 1 if anything is
#   ci/install-deps.sh --dry-run  like a real run, but apt-get only simulates the install
#
# Checks each package with dpkg-query first and runs `apt-get update` only when something must
# be installed, so on a machine that has everything it is a no-op taking a fraction of a second.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config g++ git          # the toolchain (gcc 12, gcov-12, cmake 3.25)
  clang clang-14 libclang-rt-14-dev                 # libFuzzer targets (ci/fuzz.sh)
  llvm-14                                           # llvm-symbolizer-14: sanitizer stack traces
  libboost-test-dev                                 # Boost.Test 1.74
  libfiu-dev fiu-utils                              # fault injection points
  zlib1g-dev                                        # CRC-32
  gcovr                                             # coverage reports (gcovr 5.2)
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libxxhash-dev
  libxml2-utils                                     # xmllint: the JUnit report against its XSD
  python3-jsonschema                                # the JSON reports against reports/schema/
  chromium                                          # the HTML report's test in headless Chromium
  sqlite3 strace python3                            # real programs the recorder is tested on; the
                                                    # recording benchmark (bench/record_bench)
  libsqlite3-dev libleveldb-dev librocksdb-dev      # bench/peers_bench: the journal's peers
  liblmdb-dev                                       # scenarios/real: LMDB (and sqlite3, LevelDB above)
  gnuplot-nox                                       # bench/run.sh: the plots
)

mode=install
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  --dry-run) mode=dry-run ;;
  *) echo "usage: $0 [--check|--dry-run]" >&2; exit 2 ;;
esac

missing=()
for package in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
echo "install-deps: missing ${#missing[@]} of ${#PACKAGES[@]}: ${missing[*]}"
[[ $mode == check ]] && exit 1

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-deps: run as root (or install sudo)" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
apt_options=(-y -q -o Dpkg::Use-Pty=0 --no-install-recommends)
[[ $mode == dry-run ]] && apt_options+=(--simulate)
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_options[@]}" "${missing[@]}"
if [[ $mode == install ]]; then
  for package in "${missing[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || { echo "install-deps: $package did not install" >&2; exit 1; }
  done
  echo "install-deps: installed ${missing[*]}"
fi
