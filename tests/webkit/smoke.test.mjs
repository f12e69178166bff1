// WebKit smoke test: the shared WebDriver smoke suite (tests/webdriver/smoke.mjs) in
// WebKitGTK (the engine family of iPad browsers), under Xvfb.
//
// Needs the Debian packages webkit2gtk-driver (WebKitWebDriver, MiniBrowser;
// WEBKIT_MINIBROWSER overrides the MiniBrowser path) and xvfb (xvfb-run). It
// fails, rather than skips, when they are missing: CI must install them.
//
// Run from the repo root: `node --test tests/webkit/` (SKEWCHECK_SKIP_BUILD=1
// to reuse an existing dist/).

import path from 'node:path';

import { isExecutable, onPath, startDriver } from '../support/webdriver.mjs';
import { defineSmokeTests } from '../webdriver/smoke.mjs';

const MINIBROWSER = process.env.WEBKIT_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

defineSmokeTests({
  name: 'WebKit',
  missing: () => [
    ...['xvfb-run', 'WebKitWebDriver'].filter((cmd) => !onPath(cmd)),
    ...(isExecutable(MINIBROWSER) ? [] : [MINIBROWSER]),
  ],
  installHint: 'install the Debian packages webkit2gtk-driver and xvfb '
    + '(apt-get install -y --no-install-recommends webkit2gtk-driver xvfb)',
  // xvfb-run (a /bin/sh script) skips its own cleanup when signalled, so give it an X
  // authority file in the driver's private directory, which stop() removes.
  startDriver: () => startDriver({
    name: 'WebKitWebDriver',
    // WebKit under Xvfb starts and runs far slower than headless Chromium.
    startTimeoutMs: 30_000,
    command: (port, tmp) => ['xvfb-run', '-a', '-f', path.join(tmp, 'Xauthority'), 'WebKitWebDriver', `--port=${port}`],
  }),
  capabilities: {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  },
  settleTimeoutMs: 90_000,
});
