#!/usr/bin/env bash
# Khabar's one entry point for people and CI. Installs only what is missing, from package registries
# only (Debian apt, crates.io, npm): no tool may download a binary from elsewhere at run time.
#
#   scripts/dev.sh serve    install what is missing, build dist/, serve it on http://127.0.0.1:${PORT:-8080}/
#   scripts/dev.sh test     install what is missing, run every test (native, CLI, property, Python
#                           and Spark, browser)
#   scripts/dev.sh python   install what the Python package needs, run only its tests (and Spark's)
#   scripts/dev.sh setup    install only
#   scripts/dev.sh build    install + `trunk build --release` into dist/
#   scripts/dev.sh dist     install + build, then write the site as a versioned archive:
#                           target/site/khabar-site-<version>-<commit>.tar.gz (see README: Publishing)
#   scripts/dev.sh quality  print the khabar-eval figures on the dev gold data (no assertions)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14          # 0.22.x needs rustc >= 1.96.1
WASM_BINDGEN_VERSION=0.2.130   # == wasm-bindgen in Cargo.lock == [tools] wasm_bindgen in Trunk.toml

export TRUNK_SKIP_VERSION_CHECK=true     # Trunk otherwise calls a web API that is not reachable
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"   # npm wasm-opt before Debian's broken one
SHARED="${KHABAR_SHARED:-$PWD/../shared}"

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
step() { local t0=$SECONDS; echo "==> $*"; "$@"; echo "    [$(( SECONDS - t0 ))s] $1"; }

setup() {
  local pkgs=()
  command -v chromium >/dev/null || pkgs+=(chromium)
  command -v chromedriver >/dev/null || pkgs+=(chromium-driver)
  # Arabic needs real fonts in the headless browser (screenshots, layout).
  [ -e /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ] || pkgs+=(fonts-noto-core)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || pkgs+=(fonts-dejavu-core)
  if [ ${#pkgs[@]} -gt 0 ]; then
    step $SUDO apt-get update -qq
    step $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}"
  fi
  rustup target list --installed | grep -qx wasm32-unknown-unknown || step rustup target add wasm32-unknown-unknown
  trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION" \
    || step cargo install trunk --version "$TRUNK_VERSION" --locked
  # No --locked: its lockfile wants a crate version the registry here does not serve.
  wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION" \
    || step cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -f node_modules/axe-core/axe.min.js ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step npm ci --no-audit --no-fund
  fi
  local lock
  lock=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
  if [ -n "$lock" ] && [ "$lock" != "$WASM_BINDGEN_VERSION" ]; then
    echo "Cargo.lock has wasm-bindgen $lock but the CLI is $WASM_BINDGEN_VERSION: they must be equal" >&2; exit 1
  fi
}

# The Python package's build and tests: a Java runtime for Spark (Debian's), and maturin, pytest,
# pyspark, pyarrow and pandas from PyPI in .venv/ (pinned in python/requirements-dev.txt).
setup_python() {
  if ! java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
    step $SUDO apt-get update -qq
    step $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless
  fi
  if ! .venv/bin/python -c 'import sys' 2>/dev/null; then
    # Debian's own python3 needs python3-venv for `-m venv`; the machine's CPython has it.
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
      step $SUDO apt-get update -qq
      step $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    fi
    step python3 -m venv --clear .venv
  fi
  if ! cmp -s python/requirements-dev.txt .venv/requirements-dev.txt; then
    step .venv/bin/python -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
    cp python/requirements-dev.txt .venv/requirements-dev.txt
  fi
}

# Builds and installs the wheel, compares the package with the CLI, runs the Spark example in
# local[2] (python/tests/conftest.py).
python_tests() { step env KHABAR_SHARED="$SHARED" .venv/bin/python -m pytest python/tests -q; }

build() { step trunk build --release; }

# The built site as one archive, named by the crate version and the commit it was built from
# (with "-dirty" when the work tree had changes), with stable file order and times so that the
# same commit gives the same archive.
dist_archive() {
  local version commit stamp out
  version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
  commit=$(git rev-parse --short=10 HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD 2>/dev/null || commit="$commit-dirty"
  stamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)
  mkdir -p target/site
  out="target/site/khabar-site-$version-$commit.tar.gz"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" \
      --transform "s,^dist,khabar-site-$version," -cf - dist | gzip -n -9 > "$out"
  echo "wrote $out ($(du -h "$out" | cut -f1)): unpack it anywhere a static host serves files"
}

need_shared() {
  if [ ! -d "$SHARED/corpus" ]; then
    echo "the test data is missing: expected ../shared beside this checkout (or KHABAR_SHARED)" >&2; exit 1
  fi
}

quality() {
  need_shared
  cargo build --release --quiet
  local eval="$SHARED/tools/khabar-eval" cli="target/release/khabar analyze"
  echo "--- dev gold, Arabic (seed + aawsat)"; "$eval" docs --cli "$cli" --gold "$SHARED/corpus/gold" --only aawsat
  echo "--- dev gold, seed";                   "$eval" docs --cli "$cli" --gold "$SHARED/corpus/gold" --only seed
  echo "--- dev gold, English (polnear)";      "$eval" docs --cli "$cli" --gold "$SHARED/corpus/gold" --only polnear
  echo "--- dev gold, all";                    "$eval" docs --cli "$cli" --gold "$SHARED/corpus/gold"
  echo "--- ANERcorp dev";  "$eval" ner --cli "$cli" --conll "$SHARED/corpus/ner/anercorp-dev.conll" --lang ar
  echo "--- CoNLL testa";   "$eval" ner --cli "$cli" --conll "$SHARED/corpus/ner/eng.testa" --lang en
  echo "--- PolNeAR dev";   "$eval" quotes --cli "$cli" --polnear "$SHARED/corpus/quotes/polnear/dev" --meta "$SHARED/corpus/quotes/polnear/metadata.tsv"
  echo "--- TimeBank";      "$eval" timeml --cli "$cli" --dir "$SHARED/corpus/time/tbaq/TimeBank"
}

run_tests() {
  need_shared
  # Native: core unit tests, the CLI as a process, property tests over analyze, the seed checks.
  step cargo test
  python_tests
  # A short fuzz pass (the long one: `cargo run --release --example fuzz -- --seconds 600`).
  step cargo run --quiet --example fuzz -- --seconds "${FUZZ_SECONDS:-30}"
  # The browser app, then the end-to-end journey in headless Chromium against dist/ under a sub-path.
  build
  step npm run e2e
}

case "${1:-test}" in
  setup) setup; setup_python ;;
  build) setup; build ;;
  dist)  setup; build; dist_archive ;;
  serve) setup; build
         echo "Khabar is served at http://127.0.0.1:${PORT:-8080}/  (Ctrl-C stops it)"
         exec python3 -m http.server "${PORT:-8080}" --bind 127.0.0.1 --directory dist ;;
  test)  t0=$SECONDS; setup; setup_python; run_tests; echo "all tests passed in $(( SECONDS - t0 ))s" ;;
  python) setup_python; need_shared; python_tests ;;
  quality) quality ;;
  *) echo "usage: $0 [serve|test|setup|build|dist|python|quality]" >&2; exit 2 ;;
esac
