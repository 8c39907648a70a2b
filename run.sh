#!/usr/bin/env bash
# Latent Space — set a Debian 12 machine up, build, and run.
#
#   ./run.sh          install what is missing, build, open the window on the
#                     bundled digits (or, with no display, run the headless demo)
#   ./run.sh test     the same set-up, then every test under Xvfb, once more
#                     built with AddressSanitizer and UndefinedBehaviorSanitizer,
#                     the thread tests with ThreadSanitizer, then each fuzz
#                     target for 30 s (clang, tests/fuzz/); ends with one line
#                     "N passed, N failed"
#   ./run.sh bench    the benchmarks in tests/bench (needs python3-torch for the peer)
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-run}

packages=(
  gcc clang meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgdk-pixbuf-2.0-dev libgtk-4-dev libadwaita-1-dev
  libopenblas-dev
  desktop-file-utils appstream
  xvfb xauth dbus-x11 xdotool
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "run.sh: installing ${missing[*]}" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# configure DIR [meson options…]: set up once, reconfigure when options change.
configure() {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}

build() {
  local werror=false
  [ "${CI:-}" = true ] && werror=true
  configure build -Dwerror=$werror
  meson compile -C build >/dev/null
}

# Counts the results of one meson test run from its JSON log: passed,
# failed and skipped (a test that did not run has not passed).
count_results() {
  python3 - "$1" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    result = json.loads(line)["result"]
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(passed, failed, skipped)
PY
}

# Adds one meson test run's results, from its build folder, to run_tests'
# tally.
tally() {
  local p f s
  read -r p f s < <(count_results "$1/meson-logs/testlog.json")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

run_tests() {
  local status=0 passed=0 failed=0 skipped=0
  local xvfb=(xvfb-run -a -s "-screen 0 1280x800x24")

  echo "== tests" >&2
  "${xvfb[@]}" meson test -C build --print-errorlogs --num-processes 2 || status=1
  tally build

  echo "== tests under AddressSanitizer and UndefinedBehaviorSanitizer" >&2
  configure build-sanitize -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbenchmarks=false -Dwerror=true
  meson compile -C build-sanitize >/dev/null
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "${xvfb[@]}" meson test -C build-sanitize --print-errorlogs --num-processes 2 \
      --timeout-multiplier 4 || status=1
  tally build-sanitize

  # The tests that run our threads (the trainer's worker, the dataset loads,
  # the raw view, the stress harnesses), under ThreadSanitizer: four to six
  # minutes. tests/tsan.supp says what is left out of GLib, GTK and the
  # libraries under them, and why. G_SLICE=always-malloc: GSlice's
  # magazines move memory between threads unseen. report_mutex_bugs=0:
  # GLib's GRecMutex is locked inside GLib (ignored) and unlocked by a tail
  # call from its caller (seen). /window/builtin-datasets trains the 6,000
  # faces and 3,000 genotypes against 30 s waits, too short at this speed,
  # and runs no thread the others do not.
  echo "== thread tests under ThreadSanitizer" >&2
  configure build-tsan -Db_sanitize=thread -Db_lundef=false -Dbenchmarks=false -Dwerror=true
  meson compile -C build-tsan >/dev/null
  G_SLICE=always-malloc \
  TSAN_OPTIONS=halt_on_error=1:report_mutex_bugs=0:suppressions=$PWD/tests/tsan.supp \
    "${xvfb[@]}" meson test -C build-tsan --print-errorlogs --num-processes 2 \
      --timeout-multiplier 5 --test-args="-s /window/builtin-datasets" \
      session trainer blas raw-view raw-loader window stress-window || status=1
  tally build-tsan

  # Each fuzz target is one result: 30 s without a crash (tests/fuzz/).
  echo "== each fuzz target for 30 s (tests/fuzz/run-fuzz.sh)" >&2
  local fuzz_results
  fuzz_results=$(tests/fuzz/run-fuzz.sh all 30) || status=1
  p=$(grep -c ': passed$' <<<"$fuzz_results" || true)
  f=$(grep -c ': failed$' <<<"$fuzz_results" || true)
  # No result at all: the fuzz build failed, which is one failure.
  [ $((p + f)) -gt 0 ] || f=1
  passed=$((passed + p)); failed=$((failed + f))

  # Skipped tests are neither: said apart, on stderr, so that the last line
  # stays "N passed, N failed".
  [ "$skipped" -eq 0 ] || echo "$skipped skipped (not counted as passed)" >&2
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
}

install_missing
build

case $mode in
  run)
    # The build tree's compiled schema, so the window remembers its settings.
    export GSETTINGS_SCHEMA_DIR=$PWD/build/data
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${LATENT_HEADLESS:-}" ]; then
      exec build/src/latent-space
    else
      echo "run.sh: no display; running the headless training demo on the bundled digits" >&2
      exec build/src/latent-space --headless
    fi
    ;;
  test)
    run_tests
    ;;
  bench)
    exec tests/bench/run-benchmarks.sh build
    ;;
  *)
    echo "usage: ./run.sh [run|test|bench]" >&2
    exit 2
    ;;
esac
