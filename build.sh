#!/usr/bin/env bash
# Mirsad's one build script.
#
#   ./build.sh          install what is missing, then the release build into dist/
#   ./build.sh serve    build, then serve dist/ on http://127.0.0.1:8080
#   ./build.sh test     build, then every test: cargo test, wasm-bindgen-test in
#                       headless Chromium, and the browser tests (node --test)
#   ./build.sh bench    cargo bench, then the wasm benchmark page (dist/bench.html,
#                       served from dist/) in headless Chromium, the time-expression
#                       comparison and the search comparison (bench/search/run.mjs)
#   ./build.sh fuzz [SECONDS]  each cargo-fuzz target (fuzz/) for SECONDS (default
#                       600); installs cargo-fuzz; stable Rust with RUSTC_BOOTSTRAP
#   ./build.sh train [ARGS]  retrain the entity tagger from ../shared/data into
#                       data/model/tagger.bin (same data, same bytes); with
#                       --folds 8, cross-validate instead (examples/train_tagger.rs)
#
# Outputs (dist/ is rebuilt from scratch each time):
#   dist/mirsad.html    one self-contained file: CSS, JS, wasm (base64) and the seeds;
#                       works from file://, where module scripts and wasm fetches fail
#   dist/embed/         mirsad.js (ES module, defines <mirsad-explorer>), mirsad_bg.wasm,
#                       mirsad.css, articles.json, demo.html (a hostile-CSS host page)
#   dist/pkg/           wasm-bindgen's --target web output, for use as a JS library
#
# Everything it needs it installs itself (a fresh Debian 12 with rustup and node is
# enough): the wasm32 target, wasm-bindgen-cli at exactly Cargo.lock's version, the npm
# packages of package-lock.json (wasm-opt from npm `binaryen`, esbuild, playwright-core), and for
# `test` Debian's chromium and chromium-driver. Never Debian's binaryen: its wasm-opt
# (108) miscompiles current rustc output (the page dies at start with a Table.set error).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TARGET=wasm32-unknown-unknown
WASM_IN="target/$TARGET/wasm/mirsad.wasm"   # the `wasm` profile of Cargo.toml: opt-level z
WORK=target/www                 # intermediate outputs (no-modules glue)
PORT="${PORT:-8080}"
WIDGET_BUDGET_KB=400

if [[ -t 2 ]]; then BOLD=$'\e[1m' RED=$'\e[31m' OFF=$'\e[0m'; else BOLD='' RED='' OFF=''; fi
step() { printf '%s==> %s%s\n' "$BOLD" "$*" "$OFF" >&2; }
note() { printf '    note: %s\n' "$*" >&2; }
die() { printf '%sbuild.sh: error:%s %s\n' "$RED" "$OFF" "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# Run a command as root (directly, or through sudo when available).
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif have sudo; then sudo "$@"
    else die "need root to run: $*"
    fi
}

# ---------------------------------------------------------------------------
# Installing what is missing

ensure_rust_target() {
    have cargo || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
    if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
        step "rustup target add $TARGET"
        rustup target add "$TARGET"
    fi
}

# The wasm-bindgen version that Cargo.lock resolved (Cargo.toml pins it with `=`).
locked_wasm_bindgen_version() {
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
    local want have_v=""
    want=$(locked_wasm_bindgen_version)
    [[ -n $want ]] || die "Cargo.lock names no wasm-bindgen package; run 'cargo generate-lockfile'"
    if have wasm-bindgen; then
        have_v=$(wasm-bindgen --version | awk '{print $2}')
        [[ $have_v == "$want" ]] && return 0
        step "wasm-bindgen $have_v is installed but Cargo.lock needs $want: replacing it"
    else
        step "installing wasm-bindgen-cli $want (the version in Cargo.lock)"
    fi
    # --locked first (reproducible); its lock file may name a crate version that a
    # registry mirror lacks, and then a plain install is the only way.
    if ! cargo install wasm-bindgen-cli --version "$want" --locked --force; then
        note "'cargo install --locked' failed (its Cargo.lock names a crate version this registry lacks);"
        note "retrying without --locked: dependencies resolve to the newest compatible versions"
        cargo install wasm-bindgen-cli --version "$want" --force || true
    fi
    have wasm-bindgen || die "wasm-bindgen-cli $want could not be installed (see cargo's message above)"
    have_v=$(wasm-bindgen --version | awk '{print $2}')
    [[ $have_v == "$want" ]] || die "wasm-bindgen $have_v is on PATH ($(command -v wasm-bindgen)) but Cargo.lock needs $want, and it could not be replaced. Run: cargo install wasm-bindgen-cli --version $want --force"
}

ensure_npm_packages() {
    have node || die "node not found: install Node.js 18 or newer (Debian: apt-get install nodejs npm)"
    have npm || die "npm not found (Debian: apt-get install npm)"
    # npm records what it installed in node_modules/.package-lock.json; stale when the
    # committed lock file is newer or the tools are missing.
    if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json \
          || ! -x node_modules/.bin/wasm-opt || ! -d node_modules/playwright-core || ! -d node_modules/esbuild ]]; then
        step "npm ci"
        # playwright-core never downloads a browser; the variable makes sure of it.
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
    fi
}

ensure_chromium() {
    if have chromium && have chromedriver; then return 0; fi
    step "apt-get install chromium chromium-driver (for the browser tests)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
    have chromium && have chromedriver || die "chromium and chromedriver are still missing after apt-get"
}

# ---------------------------------------------------------------------------
# Building

size_line() {
    local f=$1 raw gz
    raw=$(wc -c <"$f")
    gz=$(gzip -9c "$f" | wc -c)
    printf '  %-28s %7s KB raw  %7s KB gzip\n' "$f" "$(( (raw + 1023) / 1024 ))" "$(( (gz + 1023) / 1024 ))"
}

# Optimise a wasm file in place with npm binaryen's wasm-opt.
wasm_opt() {
    # The features rustc enables by default for wasm32: binaryen must accept what is
    # already in the module, and -Oz must not add anything newer.
    node_modules/.bin/wasm-opt -Oz --converge \
        --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        "$1" -o "$1.opt"
    mv "$1.opt" "$1"
}

build() {
    ensure_rust_target
    ensure_wasm_bindgen
    ensure_npm_packages
    local t0=$SECONDS

    step "cargo build --lib --profile wasm --target $TARGET"
    # --lib: the binary has the same name as the library.
    cargo build --lib --profile wasm --target "$TARGET"

    step "wasm-bindgen (web → dist/pkg, no-modules → $WORK/nm)"
    rm -rf dist "$WORK"
    mkdir -p dist "$WORK"
    wasm-bindgen --target web --out-dir dist/pkg "$WASM_IN"
    wasm-bindgen --target no-modules --out-dir "$WORK/nm" "$WASM_IN"
    cp dist/pkg/mirsad_bg.wasm "$WORK/web-unoptimised.wasm"

    step "wasm-opt -Oz (npm binaryen $(node_modules/.bin/wasm-opt --version | awk '{print $3}'))"
    wasm_opt dist/pkg/mirsad_bg.wasm
    # Both targets emit the same module; optimise once when they do.
    if cmp -s "$WORK/nm/mirsad_bg.wasm" "$WORK/web-unoptimised.wasm"; then
        cp dist/pkg/mirsad_bg.wasm "$WORK/nm/mirsad_bg.wasm"
    else
        wasm_opt "$WORK/nm/mirsad_bg.wasm"
    fi

    step "assembling dist/mirsad.html and dist/embed/"
    node www/build-single.mjs --web dist/pkg --no-modules "$WORK/nm" --seeds seeds --out dist
    node --check dist/embed/mirsad.js
    cp www/bench.html dist/bench.html   # the wasm benchmark page (./build.sh bench)

    step "built in $((SECONDS - t0)) s"
    local f
    for f in dist/mirsad.html dist/embed/mirsad.js dist/embed/mirsad_bg.wasm dist/embed/mirsad.css; do
        size_line "$f"
    done
    # The widget's budget (wasm with its data, JS, CSS; articles excluded): 400 KB gzip.
    local widget=0
    for f in dist/embed/mirsad.js dist/embed/mirsad_bg.wasm dist/embed/mirsad.css; do
        widget=$(( widget + $(gzip -9c "$f" | wc -c) ))
    done
    widget=$(( (widget + 1023) / 1024 ))
    printf '  %-28s %7s KB gzip of %s\n' "the widget (wasm + JS + CSS)" "$widget" "$WIDGET_BUDGET_KB"
    (( widget <= WIDGET_BUDGET_KB )) || die "the widget is $widget KB gzip, over its budget of $WIDGET_BUDGET_KB KB"
}

# ---------------------------------------------------------------------------
# Subcommands

serve() {
    build
    have python3 || die "python3 not found (needed to serve dist/)"
    echo
    echo "  the page:        http://127.0.0.1:$PORT/mirsad.html"
    echo "  the embed demo:  http://127.0.0.1:$PORT/embed/demo.html"
    echo "  (or open $ROOT/dist/mirsad.html directly: it works from file://)"
    echo
    exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
}

run_tests() {
    ensure_chromium
    build
    local failed=() t0=$SECONDS

    step "cargo build --release (the CLI, for the API test)"
    cargo build --release

    step "cargo test"
    cargo test || failed+=("cargo test")

    step "wasm-bindgen-test in headless Chromium (tests/wasm.rs)"
    # wasm-bindgen-test-runner (from wasm-bindgen-cli) drives chromedriver; it adds
    # --headless --no-sandbox itself, tests/webdriver.json adds the rest (and the binary).
    # Optimised: unoptimised wasm is ~30x slower and the hostile-input cases (a
    # 1,000,000-character line) would hit the timeout. Not --release: with a
    # cdylib+rlib lib, `cargo test --release` for wasm32 collides on output file names.
    CARGO_PROFILE_TEST_OPT_LEVEL=2 \
    CHROMEDRIVER="$(command -v chromedriver)" \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
        cargo test --target "$TARGET" --test wasm || failed+=("wasm-bindgen-test")

    step "browser tests: node --test tests/browser/"
    node --test tests/browser/ || failed+=("browser tests")

    step "tests took $((SECONDS - t0)) s"
    if ((${#failed[@]})); then
        die "failed: ${failed[*]}"
    fi
    echo "all tests passed"
}

# cargo fuzz needs nightly flags (-Z sanitizer); the machine has stable Rust only,
# and RUSTC_BOOTSTRAP=1 lets stable accept them. Crashes land in fuzz/artifacts/.
fuzz() {
    local seconds=${1:-600} target
    have cargo-fuzz || { step "cargo install cargo-fuzz --locked"; cargo install cargo-fuzz --locked; }
    mkdir -p fuzz/corpus
    for target in $(cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz list); do
        # Start from the seeds, so the fuzzer begins inside real Arabic news.
        mkdir -p "fuzz/corpus/$target"
        cp seeds/*.txt "fuzz/corpus/$target/"
        step "cargo fuzz run $target for $seconds s"
        (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096) \
            || die "fuzz target $target failed: see fuzz/artifacts/$target/"
    done
    echo "fuzzing: no crash in ${seconds} s per target"
}

case "${1:-build}" in
    build) build ;;
    serve) serve ;;
    test) run_tests ;;
    bench)
        ensure_chromium; build; cargo bench
        step "dist/bench.html in headless Chromium"; node tests/browser/bench.mjs
        step "time expressions: Mirsad and Python's dateparser on the seeds (bench/dateparser_compare.py)"
        python3 -c 'import dateparser' 2>/dev/null || python3 -m pip install --quiet dateparser || python3 -m pip install --quiet --break-system-packages dateparser
        python3 bench/dateparser_compare.py
        step "search: Mirsad and MiniSearch, lunr, FlexSearch, Pagefind in Chromium (bench/search/run.mjs)"
        cargo build --release
        node bench/search/run.mjs ;;
    fuzz) shift; fuzz "$@" ;;
    train) shift; cargo run --release --example train_tagger -- "$@" ;;
    -h | --help | help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command '$1' (try: ./build.sh help)" ;;
esac
