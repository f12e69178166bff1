// WebKit smoke test: the built page measures a skewed device clock correctly
// in WebKitGTK (the engine family of iPad browsers), under Xvfb.
//
// Needs the Debian packages webkit2gtk-driver (WebKitWebDriver, MiniBrowser;
// WEBKIT_MINIBROWSER overrides the MiniBrowser path) and xvfb (xvfb-run). It
// fails, rather than skips, when they are missing: CI must install them.
// No npm dependencies: W3C WebDriver is spoken over HTTP with fetch.
//
// Classic WebDriver has no init scripts, so the fake clock and an error
// recorder reach the page as an inline <script> that the test server injects
// into index.html (`injectHeadScript`); one server per faked offset.
//
// Run from the repo root: `node --test tests/webkit/` (SKEWCHECK_SKIP_BUILD=1
// to reuse an existing dist/).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureDist } from '../e2e/build.mjs';
import { fakeClockScript } from '../e2e/fake-clock.mjs';
import { startServer } from '../e2e/server.mjs';

const MINIBROWSER = process.env.WEBKIT_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
// WebKit under Xvfb starts and runs far slower than headless Chromium.
const DRIVER_START_TIMEOUT_MS = 30_000;
const SETTLE_TIMEOUT_MS = 90_000;
const TEST_TIMEOUT_MS = 180_000;
// data-offset-ms and data-uncertainty-ms are rounded to integers.
const ROUNDING_MS = 2;
const MIN = 60_000;

const CASES = [
  { name: 'Date header, device 16 min fast → rejected', offsetMs: 16 * MIN, search: '', verdict: 'rejected' },
  { name: '?endpoint=/time/ms, device 3 s fast → ok', offsetMs: 3_000, search: '?endpoint=/time/ms', verdict: 'ok' },
];

// Runs in the page before its own scripts (serialized, so self-contained).
// Uncaught errors, unhandled rejections, console.error (where Rust panics
// are logged) and Content-Security-Policy violations (dist/index.html carries
// the shipped policy as a meta tag) all land in window.__errors.
function recordErrors() {
  window.__errors = [];
  const push = (type, text) => window.__errors.push({ type, text: String(text) });
  addEventListener('error', (e) => push('error', e.error?.stack || `${e.message} (${e.filename}:${e.lineno})`));
  addEventListener('unhandledrejection', (e) => push('unhandledrejection', e.reason?.stack || e.reason));
  document.addEventListener('securitypolicyviolation', (e) => push('securitypolicyviolation', `${e.effectiveDirective} refused ${e.blockedURI}`), true);
  const consoleError = console.error.bind(console);
  console.error = (...args) => { push('console.error', args.join(' ')); consoleError(...args); };
}

let driver; // { url, stop() }
let sessionUrl;
const servers = [];

before(async () => {
  const missing = ['xvfb-run', 'WebKitWebDriver'].filter((cmd) => !onPath(cmd));
  if (!isExecutable(MINIBROWSER)) missing.push(MINIBROWSER);
  if (missing.length) {
    throw new Error(`not found: ${missing.join(', ')}; install the Debian packages webkit2gtk-driver and xvfb `
      + '(apt-get install -y --no-install-recommends webkit2gtk-driver xvfb)');
  }
  const dist = await ensureDist();
  for (const c of CASES) {
    servers.push(await startServer({ distDir: dist, injectHeadScript: `${fakeClockScript(c.offsetMs)}(${recordErrors})();` }));
  }
  driver = await startDriver();
  const { sessionId } = await webdriver('POST', `${driver.url}/session`, {
    capabilities: {
      alwaysMatch: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      },
    },
  });
  sessionUrl = `${driver.url}/session/${sessionId}`;
});

// Runs even when before() failed half-way; each step on its own so one failure does not skip the rest.
after(async () => {
  if (sessionUrl) await webdriver('DELETE', sessionUrl, undefined, 10_000).catch((err) => console.error(`[webkit] quit session: ${err.message}`));
  if (driver) await driver.stop();
  await Promise.all(servers.map((s) => s.close()));
});

for (const [i, c] of CASES.entries()) {
  test(c.name, { timeout: TEST_TIMEOUT_MS }, async () => {
    await webdriver('POST', `${sessionUrl}/url`, { url: servers[i].url + c.search });
    const { verdict, errors } = await waitForFinal();
    const ctx = JSON.stringify(verdict);
    assert.deepEqual(errors, [], `JavaScript errors in the page: ${ctx}`);
    assert.equal(verdict.state, 'done', ctx);
    assert.equal(verdict.refining, 'false', ctx);
    assert.equal(verdict.verdict, c.verdict, ctx);
    const offset = Number(verdict.offsetMs);
    const uncertainty = Number(verdict.uncertaintyMs);
    assert.ok(Number.isInteger(offset) && Number.isInteger(uncertainty) && uncertainty >= 0, `integer offset/uncertainty: ${ctx}`);
    const miss = Math.abs(offset - c.offsetMs);
    assert.ok(miss <= uncertainty + ROUNDING_MS,
      `offset ${offset} is ${miss} ms from the true ${c.offsetMs}, more than the uncertainty ${uncertainty} (+${ROUNDING_MS}): ${ctx}`);
  });
}

// ------------------------------------------------------------------ helpers

/** Poll until the verdict is final (done and no longer refining, or error); returns its data-* and the page's errors. */
async function waitForFinal() {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last;
  while (Date.now() < deadline) {
    last = await webdriver('POST', `${sessionUrl}/execute/sync`, {
      script: `const el = document.querySelector('[data-testid="verdict"]');
        return { verdict: el ? { ...el.dataset } : null, errors: window.__errors ?? ['no __errors: head script not injected?'] };`,
      args: [],
    });
    const v = last.verdict;
    if (v && (v.state === 'error' || (v.state === 'done' && v.refining === 'false'))) return last;
    // Fail fast on a crash instead of waiting out the deadline.
    if (last.errors.length) return last;
    await sleep(250);
  }
  throw new Error(`verdict not final within ${SETTLE_TIMEOUT_MS} ms; last seen: ${JSON.stringify(last)}`);
}

/** One W3C WebDriver command; returns `value`, throws WebDriver errors with their message. */
async function webdriver(method, url, body, timeoutMs = 60_000) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const { value } = await res.json();
  if (!res.ok || value?.error) throw new Error(`WebDriver ${method} ${new URL(url).pathname}: ${value?.error}: ${value?.message}`);
  return value;
}

/** Start `xvfb-run -a WebKitWebDriver` on a free port and wait until it accepts sessions. */
async function startDriver() {
  const port = await freePort();
  // xvfb-run (a /bin/sh script) skips its own cleanup when signalled, so give
  // it an X authority file in a directory we remove ourselves.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'skewcheck-webkit-'));
  // Own process group (detached), so stop() can end xvfb-run, Xvfb, the
  // driver and its browser together: killing xvfb-run alone orphans them.
  const child = spawn('xvfb-run', ['-a', '-f', path.join(tmp, 'Xauthority'), 'WebKitWebDriver', `--port=${port}`],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep the driver's chatter out of the test report, but at hand for errors.
  let log = '';
  const keep = (chunk) => { log = (log + chunk).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const gone = new Promise((resolve) => child.on('exit', (code, signal) => { exited = signal ?? code; resolve(); }));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      if (!await Promise.race([gone.then(() => true), sleep(5_000, false)])) {
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
        await gone;
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + DRIVER_START_TIMEOUT_MS;
  while (Date.now() < deadline && exited === null) {
    try {
      if ((await webdriver('GET', `${url}/status`, undefined, 2_000)).ready) return { url, stop };
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  await stop();
  throw new Error(`WebKitWebDriver did not become ready on port ${port} (${exited === null ? 'timed out' : `exited: ${exited}`}); output:\n${log}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => isExecutable(path.join(dir, cmd)));
}

function isExecutable(file) {
  try { accessSync(file, constants.X_OK); return true; } catch { return false; }
}
