// The end-to-end smoke suite every non-Chromium engine runs over plain W3C WebDriver
// (tests/webkit/smoke.test.mjs, tests/firefox/smoke.test.mjs): the built dist/ measures a
// skewed device clock correctly through both kinds of source, a second source is
// cross-checked, a clock jump during and after a measurement is noticed and re-measured, and
// a permalink (it carries numbers, no verdict) reopened in the engine shows the verdict worked out again from them.
//
// Classic WebDriver has no init scripts, so the fake clock (tests/e2e/fake-clock.mjs) and an
// error recorder reach the page as an inline <script> that the test server injects into
// index.html (`injectHeadScript`); one server per starting offset. A test moves the clock
// later by setting `window.__skewcheckOffsetMs` from a script.
//
// One more case emulates a browser older than the minimum: Safari 15 does not know the
// policy's 'wasm-unsafe-eval', so it reads the shipped policy without it and refuses to
// compile the wasm; this engine, served exactly that policy, refuses the same way, and the
// shell must run the wasm2js fallback instead.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureDist } from '../e2e/build.mjs';
import { fakeClockScript } from '../e2e/fake-clock.mjs';
import { startServer } from '../e2e/server.mjs';
import { Session } from '../support/webdriver.mjs';

const MIN = 60_000;
// data-offset-ms and data-uncertainty-ms are rounded to integers.
const ROUNDING_MS = 2;
const NOTICE_TIMEOUT_MS = 15_000;
const PAST_REPORT_TIMEOUT_MS = 30_000;
const POLL_MS = 250;

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

// Also injected: every distinct (state, verdict) the verdict element shows, in
// window.__verdicts, so a test can assert what never appeared.
function recordVerdicts() {
  window.__verdicts = [];
  let last = '';
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="verdict"]');
    if (!el || `${el.dataset.state}/${el.dataset.verdict}` === last) return;
    last = `${el.dataset.state}/${el.dataset.verdict}`;
    window.__verdicts.push(last);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-verdict'] });
}

// Also injected: the first module's card (issue 22) as the shell first showed it, and the
// app's verdict as first shown (in a page no longer hidden behind the shell).
function recordFirstCard() {
  window.__firstCard = null;
  window.__appFirst = null;
  new MutationObserver(() => {
    const card = document.querySelector('[data-testid="first-verdict"]');
    if (card && !window.__firstCard) window.__firstCard = { ...card.dataset, at: performance.now() };
    const app = document.querySelector('main.page:not(#shell):not([hidden]) [data-testid="verdict"]');
    if (app && app.dataset.state === 'done' && !window.__appFirst) {
      window.__appFirst = { ...app.dataset, at: performance.now(), shellGone: !document.getElementById('shell') };
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

const READ_FIRST_CARD = `return { card: window.__firstCard ?? null, app: window.__appFirst ?? null,
  errors: window.__errors ?? ['no __errors: head script not injected?'] };`;

// What the tests read from the page: the verdict's data-*, the notice, the page's errors.
const READ_PAGE = `const el = document.querySelector('[data-testid="verdict"]');
  const notice = document.querySelector('[data-testid="notice"]');
  return { verdict: el ? { ...el.dataset } : null, notice: notice ? notice.textContent : null, seen: window.__verdicts,
    errors: window.__errors ?? ['no __errors: head script not injected?'] };`;

const READ_PAST_REPORT = `const el = document.querySelector('[data-testid="past-report"]');
  const text = document.querySelector('[data-testid="past-report-text"]');
  return { past: el ? { ...el.dataset } : null, text: text ? text.textContent : null,
    liveVerdicts: document.querySelectorAll('[data-testid="verdict"]').length,
    errors: window.__errors ?? ['no __errors: head script not injected?'] };`;

// The page read with the policy's refusal of the wasm apart from its other errors (its
// `securitypolicyviolation`, where the engine reports one), and whether the shell ran the
// fallback (recordFallback).
const READ_REFUSED_PAGE = `const el = document.querySelector('[data-testid="verdict"]');
  const refusal = (e) => e.type === 'securitypolicyviolation' && / refused (wasm-)?eval$/.test(e.text);
  const errors = window.__errors ?? [{ type: 'harness', text: 'no __errors: head script not injected?' }];
  return { verdict: el ? { ...el.dataset } : null, fallback: window.__fallbackSeen ?? null,
    refusals: [...(window.__wasmRefusals ?? []), ...errors.filter(refusal).map((e) => e.text)], errors: errors.filter((e) => !refusal(e)) };`;

// Injected too, on the refusing server: how the engine refuses to compile the wasm (the
// rejections of WebAssembly's compile/instantiate calls), and the shell's data-shell-fallback
// before the app removes the shell.
function recordFallback() {
  window.__wasmRefusals = [];
  for (const name of ['instantiateStreaming', 'instantiate', 'compileStreaming', 'compile']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).catch((err) => {
        window.__wasmRefusals.push(`${name}: ${err.name}: ${err.message}`);
        throw err;
      });
    };
  }
  window.__fallbackSeen = null;
  new MutationObserver(() => {
    const shell = document.querySelector('[data-testid="shell"]');
    if (shell && shell.dataset.shellFallback) window.__fallbackSeen = window.__fallbackSeen || shell.dataset.shellFallback;
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** A copy of `dist` whose policy lacks 'wasm-unsafe-eval' (how Safari 15 reads it); returns its path. */
async function withoutWasmUnsafeEval(dist) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'skewcheck-no-wasm-eval-'));
  await cp(dist, dir, { recursive: true });
  const file = path.join(dir, 'index.html');
  const html = await readFile(file, 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  assert.match(policy, /script-src [^;]*'wasm-unsafe-eval'/, 'the shipped policy allows WebAssembly by the keyword');
  await writeFile(file, html.replace(policy, policy.replace(" 'wasm-unsafe-eval'", '')));
  return dir;
}

const isFinal = (v) => v && (v.state === 'error' || (v.state === 'done' && v.refining === 'false'));
const endpoint = (value) => `?endpoint=${encodeURIComponent(value)}`;

/**
 * Register the smoke suite for one engine with node:test.
 * @param {object} engine
 * @param {string} engine.name  e.g. 'Firefox'
 * @param {() => string[]} engine.missing  what this machine lacks to run it (empty: all there)
 * @param {string} engine.installHint  how to install what is missing
 * @param {() => Promise<{url: string, stop: () => Promise<void>}>} engine.startDriver
 * @param {object} engine.capabilities  the session's `alwaysMatch` capabilities
 * @param {number} engine.settleTimeoutMs  how long a measurement may take to settle there
 */
export function defineSmokeTests(engine) {
  const testOpts = { timeout: 2 * engine.settleTimeoutMs + 30_000 };
  const servers = new Map(); // starting device offset → test server
  let refusing; // { server, dir }: the page under a policy without 'wasm-unsafe-eval'
  let driver;
  let session;

  before(async () => {
    const missing = engine.missing();
    if (missing.length) throw new Error(`not found: ${missing.join(', ')}; ${engine.installHint}`);
    const dist = await ensureDist();
    for (const offsetMs of [16 * MIN, 3_000]) {
      servers.set(offsetMs, await startServer({ distDir: dist, injectHeadScript: `${fakeClockScript(offsetMs)}(${recordErrors})();(${recordVerdicts})();(${recordFirstCard})();` }));
    }
    const dir = await withoutWasmUnsafeEval(dist);
    refusing = { dir, server: await startServer({ distDir: dir, injectHeadScript: `${fakeClockScript(16 * MIN)}(${recordErrors})();(${recordFallback})();` }) };
    driver = await engine.startDriver();
    session = await Session.open(driver.url, engine.capabilities);
  });

  // Runs even when before() failed half-way; each step on its own so one failure does not skip the rest.
  after(async () => {
    if (session) await session.quit().catch((err) => console.error(`[${engine.name}] quit session: ${err.message}`));
    if (driver) await driver.stop();
    await Promise.all([...servers.values()].map((s) => s.close()));
    if (refusing) {
      await refusing.server.close();
      await rm(refusing.dir, { recursive: true, force: true });
    }
  });

  /** Poll `script` until `done(result)`; returns that result, or fails with the last one seen. */
  async function waitFor(script, done, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await session.execute(script);
      // Fail fast on a crash instead of waiting out the deadline.
      if (done(last) || last.errors.length) return last;
      await sleep(POLL_MS);
    }
    throw new Error(`${what} not seen within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`);
  }

  /** Wait until the verdict is final (done and no longer refining, or error). */
  const waitForFinal = () => waitFor(READ_PAGE, (p) => isFinal(p.verdict), engine.settleTimeoutMs, 'a final verdict');

  /** Open the page served with the device clock `offsetMs` fast, with `search`, and wait for the final verdict. */
  async function measure(offsetMs, search) {
    const server = servers.get(offsetMs);
    await session.navigate(server.url + search);
    return { server, page: await waitForFinal() };
  }

  /** Move the fake device clock to `offsetMs` and wait for the page to say the clock changed. */
  async function jumpClock(offsetMs, noticePattern) {
    await session.execute('window.__skewcheckOffsetMs = arguments[0];', [offsetMs]);
    const seen = await waitFor(READ_PAGE, (p) => noticePattern.test(p.notice ?? ''), NOTICE_TIMEOUT_MS, `a notice matching ${noticePattern}`);
    assert.deepEqual(seen.errors, [], `JavaScript errors in the page: ${JSON.stringify(seen)}`);
  }

  test('Date header, device 16 min fast → rejected', testOpts, async () => {
    const { page } = await measure(16 * MIN, '');
    assertMeasurement(page, { trueOffsetMs: 16 * MIN, verdict: 'rejected' });
  });

  test('the first module\'s card comes first, and the app takes over with the same verdict (device 16 min fast)', testOpts, async () => {
    await session.navigate(servers.get(16 * MIN).url);
    const seen = await waitFor(READ_FIRST_CARD, (p) => p.app !== null, engine.settleTimeoutMs, 'the app\'s first verdict');
    const ctx = JSON.stringify(seen);
    assert.deepEqual(seen.errors, [], `JavaScript errors in the page: ${ctx}`);
    assert.ok(seen.card, `the first module's card was shown: ${ctx}`);
    assert.ok(seen.card.at < seen.app.at, `before the app's verdict: ${ctx}`);
    for (const fact of ['state', 'verdict', 'offsetMs', 'uncertaintyMs', 'service', 'limitMs']) {
      assert.equal(seen.app[fact], seen.card[fact], `${fact}: ${ctx}`);
    }
    assert.equal(seen.card.verdict, 'rejected', ctx);
    assert.equal(seen.app.shellGone, true, `the app is shown once the shell is gone: ${ctx}`);
  });

  test('WebAssembly refused by the page\'s policy, as Safari 15 reads it: the wasm2js fallback gives the verdict, 16 min fast → rejected', testOpts, async () => {
    await session.navigate(refusing.server.url);
    const page = await waitFor(READ_REFUSED_PAGE, (p) => isFinal(p.verdict), 2 * engine.settleTimeoutMs, 'a final verdict through the fallback');
    const ctx = JSON.stringify(page);
    assert.ok(page.refusals.some((r) => /unsafe-eval|Content Security Policy|wasm-eval/.test(r)), `the policy refused the wasm: ${ctx}`);
    assert.equal(page.fallback, 'wasm2js', `the shell ran the fallback: ${ctx}`);
    assertMeasurement(page, { trueOffsetMs: 16 * MIN, verdict: 'rejected' });
  });

  test('?endpoint=/time/ms, device 3 s fast → ok', testOpts, async () => {
    const { page } = await measure(3_000, endpoint('/time/ms'));
    assertMeasurement(page, { trueOffsetMs: 3_000, verdict: 'ok' });
  });

  test('a second source (endpoint2) that agrees is confirmed', testOpts, async () => {
    const { page } = await measure(3_000, `${endpoint('/time/ms')}&endpoint2=${encodeURIComponent('/time/rfc3339')}`);
    assertMeasurement(page, { trueOffsetMs: 3_000, verdict: 'ok' });
    assert.equal(page.verdict.crossCheck, 'agree', JSON.stringify(page));
  });

  test('a second source (endpoint2) 1 h off is flagged and the verdict is never ok', testOpts, async () => {
    const { page } = await measure(3_000, `${endpoint('/time/ms')}&endpoint2=${encodeURIComponent('/time/ms?skew=3600000')}`);
    const ctx = JSON.stringify(page);
    assert.deepEqual(page.errors, [], `JavaScript errors in the page: ${ctx}`);
    assert.equal(page.verdict.crossCheck, 'disagree', ctx);
    assert.notEqual(page.verdict.verdict, 'ok', `a contradicted measurement is not "ok": ${ctx}`);
    assert.ok(!page.seen.includes('done/ok'), `never showed ok: ${ctx}`);
    assert.ok(Number(page.verdict.uncertaintyMs) > 1_000_000, `the reported range covers both sources: ${ctx}`);
  });

  test('a clock jump during and after a measurement is noticed and re-measured', testOpts, async () => {
    const server = servers.get(3_000);
    await session.navigate(server.url);
    // The Date-header source shows a first verdict, then refines it for seconds: jump then.
    const first = await waitFor(READ_PAGE, (p) => p.verdict?.state === 'done', engine.settleTimeoutMs, 'a first verdict');
    assert.equal(first.verdict.verdict, 'ok', JSON.stringify(first));
    assert.equal(first.verdict.refining, 'true', `still refining when the clock jumps: ${JSON.stringify(first)}`);
    await jumpClock(16 * MIN, /changed by 15 min 57 s/); // +3 s → +16 min
    assertMeasurement(await waitForFinal(), { trueOffsetMs: 16 * MIN, verdict: 'rejected' });
    // Settled: the page now sits idle, and still notices the clock moving.
    await jumpClock(-16 * MIN, /changed by 32 min(?! \d)/);
    assertMeasurement(await waitForFinal(), { trueOffsetMs: -16 * MIN, verdict: 'rejected' });
  });

  test('a permalink reopened in this engine shows the verdict worked out from its numbers, measuring nothing', testOpts, async () => {
    const { server, page } = await measure(16 * MIN, endpoint('/time/ms'));
    assertMeasurement(page, { trueOffsetMs: 16 * MIN, verdict: 'rejected' });
    const link = await session.execute('return document.querySelector(\'[data-testid="permalink"]\')?.href ?? null;');
    // The compact permalink (#R1/…) carries the measured numbers and where they came from, never
    // a verdict: the page that opens it works every verdict out again from the offset.
    assert.match(link ?? '', /#R1\/[0-9A-Z%.:/-]+$/, `the permalink: ${link}`);
    assert.doesNotMatch(link.split('#')[1], /REJECT|WARN|\/OK\//, `the permalink carries no verdict: ${link}`);

    // Leave the page first: a URL differing only in its fragment would not reload it.
    await session.navigate('about:blank');
    const before = server.requests.length;
    await session.navigate(link);
    const shown = await waitFor(READ_PAST_REPORT, (p) => p.past !== null, PAST_REPORT_TIMEOUT_MS, 'the past report');
    const ctx = JSON.stringify(shown);
    assert.deepEqual(shown.errors, [], `JavaScript errors in the page: ${ctx}`);
    assert.equal(shown.past.verdict, 'rejected', ctx);
    assert.equal(shown.past.offsetMs, page.verdict.offsetMs, ctx);
    assert.match(shown.text ?? '', /Amazon S3: REJECTED/, ctx);
    assert.match(shown.text ?? '', /RequestTimeTooSkewed/, ctx);
    await sleep(1_500);
    assert.equal((await session.execute(READ_PAST_REPORT)).liveVerdicts, 0, 'no live verdict');
    const measuring = server.requests.slice(before).filter((r) => r.url.includes('skewcheck=') || r.path.startsWith('/time/'));
    assert.deepEqual(measuring.map((r) => r.url), [], 'a permalink must not measure');
  });
}

/** The final verdict is `verdict`, its interval contains `trueOffsetMs`, and the page had no errors. */
function assertMeasurement(page, { trueOffsetMs, verdict }) {
  const ctx = JSON.stringify(page);
  assert.deepEqual(page.errors, [], `JavaScript errors in the page: ${ctx}`);
  assert.equal(page.verdict.state, 'done', ctx);
  assert.equal(page.verdict.refining, 'false', ctx);
  assert.equal(page.verdict.verdict, verdict, ctx);
  const offset = Number(page.verdict.offsetMs);
  const uncertainty = Number(page.verdict.uncertaintyMs);
  assert.ok(Number.isInteger(offset) && Number.isInteger(uncertainty) && uncertainty >= 0, `integer offset/uncertainty: ${ctx}`);
  const miss = Math.abs(offset - trueOffsetMs);
  assert.ok(miss <= uncertainty + ROUNDING_MS,
    `offset ${offset} is ${miss} ms from the true ${trueOffsetMs}, more than the uncertainty ${uncertainty} (+${ROUNDING_MS}): ${ctx}`);
}
