// Shared by the e2e tests of the measuring page (verdicts, failures, caches, live,
// cross-check, permalinks .test.mjs): the page servers and browser, a page opened with a
// shifted device clock, and the assertions on its verdict.
//
// Truth: the test server's clock is the reference and the browser's Date is
// shifted by a known offset, so the true device offset is exactly that shift.
// On failure a screenshot and the DOM are saved in tests/e2e/.artifacts/.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';

import { ensureDist } from './build.mjs';
import { isFaviconProbe, isSiteConfig, launchBrowser, newPageWithClockOffset } from './browser.mjs';
import { startServer } from './server.mjs';

export const MIN = 60_000;
export const S3_LIMIT_MS = 900_000;
export const SETTLE_TIMEOUT_MS = 20_000;
export const TEST_TIMEOUT_MS = 60_000;
// data-offset-ms and data-uncertainty-ms are rounded to integers.
export const ROUNDING_MS = 2;
// The languages the layout and accessibility tests open the page in (`?lang=<tag>`):
// SKEWCHECK_E2E_LANG, a comma-separated list, by default en, de and ar (the longest texts and
// the right-to-left one).
export const E2E_LANGS = (process.env.SKEWCHECK_E2E_LANG || 'en,de,ar').split(',').map((tag) => tag.trim()).filter(Boolean);
// Upper bounds for a sane uncertainty on loopback: the Date header has 1 s
// resolution, millisecond endpoints only suffer the (tiny) round trip.
export const SECOND_RESOLUTION_MAX_MS = 1500;
export const MS_RESOLUTION_MAX_MS = 250;

export const SUB_PATH = '/tools/clock/';
export const VERDICT = '[data-testid="verdict"]';
export const S3_CODE = 'RequestTimeTooSkewed';
export const S3_SENTENCE = 'The difference between the request time and the current time is too large.';
export const ARTIFACTS = new URL('./.artifacts/', import.meta.url);

// The browser and servers of one test file (live bindings: set once `useBrowserAndServers`'s
// before hook has run).
export let browser;
export let rootServer; // dist at '/'
export let subServer; // the same dist at SUB_PATH (and a second origin for CORS)

/**
 * Registers the test file's hooks that start (and stop) `browser`, `rootServer` and `subServer`;
 * `routes` are `rootServer`'s (see startServer).
 */
export function useBrowserAndServers({ routes = {} } = {}) {
  before(async () => {
    const dist = await ensureDist();
    rootServer = await startServer({ distDir: dist, routes });
    subServer = await startServer({ distDir: dist, mountPath: SUB_PATH });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await rootServer?.close();
    await subServer?.close();
  });
}

// ---------------------------------------------------------------- helpers

/** `?endpoint=<value>`, URL-encoded so values carrying their own query survive. */
export const endpoint = (value) => `?endpoint=${encodeURIComponent(value)}`;

// Init script: remember every distinct (state, verdict) the verdict element
// shows, so tests can see transient states and assert what never appeared.
export function recordVerdictHistory() {
  window.__skewcheckHistory = [];
  let last = '';
  const record = () => {
    const el = document.querySelector('[data-testid="verdict"]');
    if (!el) return;
    const { state, verdict } = el.dataset;
    if (`${state}/${verdict}` === last) return;
    last = `${state}/${verdict}`;
    window.__skewcheckHistory.push({ state, verdict });
  };
  new MutationObserver(record).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-verdict'],
  });
}

export const history = (page) => page.evaluate(() => window.__skewcheckHistory);

/**
 * Open the page on `server` with the device clock shifted by `offsetMs`, wait
 * for the first measurement to settle, then run `check`. The page is closed
 * afterwards; on failure a screenshot and the DOM go to tests/e2e/.artifacts/.
 */
export async function withMeasuredPage(t, { server, offsetMs, search = '', contextOptions = {} }, check) {
  const page = await newPageWithClockOffset(browser, offsetMs, contextOptions);
  await page.addInitScript(recordVerdictHistory);
  const firstRequest = server.requests.length;
  try {
    await page.goto(server.url + search);
    const result = await waitForSettled(page);
    await check({ page, result, traffic: () => server.requests.slice(firstRequest) });
  } catch (err) {
    await saveArtifacts(page, t.name);
    throw err;
  } finally {
    await page.context().close();
  }
}

/** Wait until a `done` or `error` state appears at or after history index `from`; return the verdict attributes. */
export async function waitForSettled(page, from = 0) {
  try {
    await page.waitForFunction((i) => (window.__skewcheckHistory ?? []).slice(i)
      .some((h) => h.state === 'done' || h.state === 'error'), from, { timeout: SETTLE_TIMEOUT_MS });
  } catch (err) {
    const now = await readVerdict(page).catch(() => 'no verdict element');
    const seen = (await history(page).catch(() => null))?.slice(from);
    throw new Error(`measurement did not settle within ${SETTLE_TIMEOUT_MS} ms; verdict now: ${JSON.stringify(now)}; `
      + `states seen: ${JSON.stringify(seen)}; page errors: ${JSON.stringify(page.__errors)}`, { cause: err });
  }
  return readVerdict(page);
}

export async function readVerdict(page) {
  const attrs = await page.$eval(VERDICT, (el) => Object.fromEntries(
    ['state', 'verdict', 'offset-ms', 'uncertainty-ms', 'service', 'limit-ms'].map((k) => [k, el.getAttribute(`data-${k}`)])));
  const num = (v) => (v === null ? null : Number(v));
  return {
    state: attrs.state,
    verdict: attrs.verdict,
    offsetMs: num(attrs['offset-ms']),
    uncertaintyMs: num(attrs['uncertainty-ms']),
    service: attrs.service,
    limitMs: attrs['limit-ms'],
    error: await page.locator('[data-testid="error"]').textContent({ timeout: 100 }).catch(() => null),
  };
}

/** Click "Check again" and wait for measuring → done/error; returns the new result. */
export async function checkAgain(page) {
  // The button stays disabled while a verdict is still being refined.
  await page.waitForSelector('[data-testid="check-again"]:not([disabled])', { timeout: SETTLE_TIMEOUT_MS });
  const from = (await history(page)).length;
  await page.click('[data-testid="check-again"]');
  // The click's run shows "measuring" first. A result that a re-check of the page's own (a
  // clock change seen while idle) shows between `from` and the click is not the click's.
  await page.waitForFunction((i) => (window.__skewcheckHistory ?? []).slice(i).some((h) => h.state === 'measuring'),
    from, { timeout: SETTLE_TIMEOUT_MS }).catch(() => {});
  const states = (await history(page)).slice(from).map((h) => h.state);
  const measuringAt = states.indexOf('measuring');
  assert.ok(measuringAt >= 0, `expected measuring after the click, saw states ${JSON.stringify(states)}`);
  return waitForSettled(page, from + measuringAt);
}

/** A finished measurement: right verdict, S3 contract, offset within its own uncertainty of the truth. */
export function assertMeasurement(result, { trueOffsetMs, verdict, maxUncertaintyMs }) {
  const ctx = JSON.stringify(result);
  assert.equal(result.state, 'done', `expected state done: ${ctx}`);
  assert.equal(result.verdict, verdict, `verdict: ${ctx}`);
  assert.equal(result.service, 's3', ctx);
  assert.equal(result.limitMs, String(S3_LIMIT_MS), ctx);
  assert.ok(Number.isInteger(result.offsetMs), `integer data-offset-ms: ${ctx}`);
  assert.ok(Number.isInteger(result.uncertaintyMs) && result.uncertaintyMs >= 0, `integer data-uncertainty-ms >= 0: ${ctx}`);
  assert.ok(result.uncertaintyMs < maxUncertaintyMs, `uncertainty below ${maxUncertaintyMs} ms: ${ctx}`);
  const miss = Math.abs(result.offsetMs - trueOffsetMs);
  assert.ok(miss <= result.uncertaintyMs + ROUNDING_MS,
    `offset ${result.offsetMs} is ${miss} ms from the true ${trueOffsetMs}, more than the uncertainty ${result.uncertaintyMs} (+${ROUNDING_MS}): ${ctx}`);
}

export async function assertS3ErrorShown(page) {
  const text = await page.locator('body').textContent();
  assert.ok(text.includes(S3_CODE), `page shows ${S3_CODE}`);
  assert.ok(text.includes(S3_SENTENCE), `page shows "${S3_SENTENCE}"`);
}

/**
 * No uncaught exceptions, dialogs or Rust panics, and (unless
 * `allowConsoleErrors`, for error paths where a failed fetch gets logged) no
 * console errors.
 */
export function assertNoErrors(page, { allowConsoleErrors = false } = {}) {
  const unexpected = page.__errors.filter((e) => e.type !== 'console' || /panicked/.test(e.text)
    || (!allowConsoleErrors && !isFaviconProbe(e.url) && !isSiteConfig(e.url)));
  assert.deepEqual(unexpected, [], 'unexpected page/console errors');
}

export async function saveArtifacts(page, name) {
  try {
    await mkdir(ARTIFACTS, { recursive: true });
    const base = new URL(name.replace(/[^\w.-]+/g, '_').slice(0, 120), ARTIFACTS);
    await page.screenshot({ path: `${base.pathname}.png`, fullPage: true });
    await writeFile(`${base.pathname}.html`, await page.content());
    console.error(`[e2e] saved ${base.pathname}.{png,html}`);
  } catch (err) {
    console.error(`[e2e] could not save artifacts: ${err.message}`);
  }
}

export const testOpts = { timeout: TEST_TIMEOUT_MS };

/** Wait until the verdict is final: done or error, and no longer refining. */
export async function waitForFinal(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="verdict"]');
    return el && (el.dataset.state === 'error' || (el.dataset.state === 'done' && el.dataset.refining === 'false'));
  }, null, { timeout: SETTLE_TIMEOUT_MS });
  return readVerdict(page);
}

export const setDeviceOffset = (page, ms) => page.evaluate((value) => { window.__skewcheckOffsetMs = value; }, ms);
