# Shared by scripts/serve and scripts/test: installs whatever is missing, idempotently.
# Everything comes from package registries (crates.io, Debian, npm); nothing is downloaded
# from elsewhere, so Trunk always runs with --offline.

set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

TRUNK_VERSION="0.21.14"
export PATH="$REPO_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  say "apt-get install $*"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# The wasm-bindgen version Cargo.lock resolved; the CLI must match it exactly.
locked_wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first" >&2; exit 1; }
  # rust-toolchain.toml pins the compiler; make sure the wasm target is there.
  rustup target add wasm32-unknown-unknown >/dev/null

  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  # WebKit, the iPad's engine, for the WebKit smoke test (WebDriver under a virtual display).
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null || missing+=(xvfb)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

  if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
    say "cargo install trunk@$TRUNK_VERSION (takes ~8 min once)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi

  local wbg
  wbg="$(locked_wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -qF " $wbg"; then
    say "cargo install wasm-bindgen-cli@$wbg (takes ~5 min once)"
    cargo install --force "wasm-bindgen-cli@$wbg"
  fi

  # playwright-core drives Debian's Chromium; binaryen provides a wasm-opt that works
  # (Debian's wasm-opt 108 silently breaks the output).
  if ! npm ls --depth=0 >/dev/null 2>&1; then
    say "npm ci"
    npm ci --no-audit --no-fund
  fi
}
