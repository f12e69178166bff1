// Firefox smoke test: the shared WebDriver smoke suite (tests/webdriver/smoke.mjs) in
// headless Firefox (Gecko) through geckodriver.
//
// Needs Debian's firefox-esr (FIREFOX_BINARY overrides /usr/bin/firefox-esr) and
// geckodriver (`cargo install --locked geckodriver`; GECKODRIVER overrides the one on
// PATH). It fails, rather than skips, when they are missing: CI must install them.
//
// Run from the repo root: `node --test tests/firefox/` (SKEWCHECK_SKIP_BUILD=1
// to reuse an existing dist/).

import { isExecutable, onPath, startDriver } from '../support/webdriver.mjs';
import { defineSmokeTests } from '../webdriver/smoke.mjs';

const FIREFOX = process.env.FIREFOX_BINARY || '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER || 'geckodriver';

defineSmokeTests({
  name: 'Firefox',
  missing: () => [
    ...(isExecutable(GECKODRIVER) || onPath(GECKODRIVER) ? [] : [GECKODRIVER]),
    ...(isExecutable(FIREFOX) ? [] : [FIREFOX]),
  ],
  installHint: 'run ./scripts/setup (apt-get install firefox-esr; cargo install --locked geckodriver)',
  startDriver: () => startDriver({
    name: 'geckodriver',
    startTimeoutMs: 30_000,
    command: (port) => [GECKODRIVER, `--port=${port}`, '--log=error'],
  }),
  capabilities: {
    browserName: 'firefox',
    'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless'] },
  },
  settleTimeoutMs: 60_000,
});
