# Sourced by every script: the repository root as working directory, tools on PATH.
# Installing is scripts/setup's job (serve, test and bench run it first).

set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

export PATH="$REPO_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# wasm-bindgen-test-runner picks its browser from these: CHROMEDRIVER by default. Setting
# GECKODRIVER (as scripts/test does for one tier) selects Firefox, since the runner looks for it
# first, so it is never exported here. FIREFOX_BINARY is what the Firefox smoke test starts.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export FIREFOX_BINARY="${FIREFOX_BINARY:-/usr/bin/firefox-esr}"

say() { printf '\n==> %s\n' "$*"; }
