// End-to-end tests for the built skewcheck page, in headless Chromium.
//
// Truth: the test server's clock is the reference and the browser's Date is
// shifted by a known offset, so the true device offset is exactly that shift.
// Run from the repo root: `node --test tests/e2e/` (SKEWCHECK_SKIP_BUILD=1 to
// reuse an existing dist/). On failure a screenshot and the DOM are saved in
// tests/e2e/.artifacts/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureDist } from './build.mjs';
import { isFaviconProbe, isSiteConfig, launchBrowser, newPageWithClockOffset } from './browser.mjs';
import { startServer } from './server.mjs';

const MIN = 60_000;
const S3_LIMIT_MS = 900_000;
const SETTLE_TIMEOUT_MS = 20_000;
const TEST_TIMEOUT_MS = 60_000;
// data-offset-ms and data-uncertainty-ms are rounded to integers.
const ROUNDING_MS = 2;
// Upper bounds for a sane uncertainty on loopback: the Date header has 1 s
// resolution, millisecond endpoints only suffer the (tiny) round trip.
const SECOND_RESOLUTION_MAX_MS = 1500;
const MS_RESOLUTION_MAX_MS = 250;

const SUB_PATH = '/tools/clock/';
const VERDICT = '[data-testid="verdict"]';
const S3_CODE = 'RequestTimeTooSkewed';
const S3_SENTENCE = 'The difference between the request time and the current time is too large.';
const ARTIFACTS = new URL('./.artifacts/', import.meta.url);

let browser;
let rootServer; // dist at '/'
let subServer; // the same dist at SUB_PATH (and a second origin for CORS)

before(async () => {
  const dist = await ensureDist();
  rootServer = await startServer({ distDir: dist });
  subServer = await startServer({ distDir: dist, mountPath: SUB_PATH });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await rootServer?.close();
  await subServer?.close();
});

// ---------------------------------------------------------------- helpers

/** `?endpoint=<value>`, URL-encoded so values carrying their own query survive. */
const endpoint = (value) => `?endpoint=${encodeURIComponent(value)}`;

// Init script: remember every distinct (state, verdict) the verdict element
// shows, so tests can see transient states and assert what never appeared.
function recordVerdictHistory() {
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

const history = (page) => page.evaluate(() => window.__skewcheckHistory);

/**
 * Open the page on `server` with the device clock shifted by `offsetMs`, wait
 * for the first measurement to settle, then run `check`. The page is closed
 * afterwards; on failure a screenshot and the DOM go to tests/e2e/.artifacts/.
 */
async function withMeasuredPage(t, { server, offsetMs, search = '', contextOptions = {} }, check) {
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
async function waitForSettled(page, from = 0) {
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

async function readVerdict(page) {
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
async function checkAgain(page) {
  // The button stays disabled while a verdict is still being refined.
  await page.waitForSelector('[data-testid="check-again"]:not([disabled])', { timeout: SETTLE_TIMEOUT_MS });
  const from = (await history(page)).length;
  await page.click('[data-testid="check-again"]');
  const result = await waitForSettled(page, from);
  const states = (await history(page)).slice(from).map((h) => h.state);
  const settledAt = states.findIndex((s) => s === 'done' || s === 'error');
  assert.ok(states.slice(0, settledAt).includes('measuring'),
    `expected measuring before the new result, saw states ${JSON.stringify(states)}`);
  return result;
}

/** A finished measurement: right verdict, S3 contract, offset within its own uncertainty of the truth. */
function assertMeasurement(result, { trueOffsetMs, verdict, maxUncertaintyMs }) {
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

async function assertS3ErrorShown(page) {
  const text = await page.locator('body').textContent();
  assert.ok(text.includes(S3_CODE), `page shows ${S3_CODE}`);
  assert.ok(text.includes(S3_SENTENCE), `page shows "${S3_SENTENCE}"`);
}

/**
 * No uncaught exceptions, dialogs or Rust panics, and (unless
 * `allowConsoleErrors`, for error paths where a failed fetch gets logged) no
 * console errors.
 */
function assertNoErrors(page, { allowConsoleErrors = false } = {}) {
  const unexpected = page.__errors.filter((e) => e.type !== 'console' || /panicked/.test(e.text)
    || (!allowConsoleErrors && !isFaviconProbe(e.url) && !isSiteConfig(e.url)));
  assert.deepEqual(unexpected, [], 'unexpected page/console errors');
}

async function saveArtifacts(page, name) {
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

const testOpts = { timeout: TEST_TIMEOUT_MS };

// ------------------------------------------------------------------ tests

describe('verdict matrix', () => {
  const sources = [
    { name: 'Date header of the page origin', search: '', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS },
    { name: '?endpoint=/time/ms', search: '?endpoint=/time/ms', maxUncertaintyMs: MS_RESOLUTION_MAX_MS },
  ];
  const cases = [
    { label: '+16 min', offsetMs: 16 * MIN, verdict: 'rejected' },
    { label: '-16 min', offsetMs: -16 * MIN, verdict: 'rejected' },
    { label: '+14 min', offsetMs: 14 * MIN, verdict: 'warning' },
    { label: '+3 s', offsetMs: 3_000, verdict: 'ok' },
  ];
  for (const source of sources) {
    for (const c of cases) {
      test(`${source.name}: device ${c.label} → ${c.verdict}`, testOpts, (t) =>
        withMeasuredPage(t, { server: rootServer, offsetMs: c.offsetMs, search: source.search }, async ({ page, result }) => {
          assertMeasurement(result, { trueOffsetMs: c.offsetMs, verdict: c.verdict, maxUncertaintyMs: source.maxUncertaintyMs });
          if (c.verdict === 'rejected') await assertS3ErrorShown(page);
          assertNoErrors(page);
        }));
    }
  }
});

describe(`deployed under a sub-path (${SUB_PATH})`, () => {
  const cases = [
    { name: 'default source', search: '', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS },
    { name: 'relative ?endpoint=time/ms', search: '?endpoint=time/ms', maxUncertaintyMs: MS_RESOLUTION_MAX_MS, expectPath: `${SUB_PATH}time/ms` },
  ];
  for (const c of cases) {
    test(`${c.name}: +16 min → rejected, every request stays under ${SUB_PATH}`, testOpts, (t) =>
      withMeasuredPage(t, { server: subServer, offsetMs: 16 * MIN, search: c.search }, async ({ page, result, traffic }) => {
        assertMeasurement(result, { trueOffsetMs: 16 * MIN, verdict: 'rejected', maxUncertaintyMs: c.maxUncertaintyMs });
        await assertS3ErrorShown(page);
        assertNoErrors(page);

        const requests = traffic().filter((r) => !isFaviconProbe(r.path));
        const outside = requests.filter((r) => !r.path.startsWith(SUB_PATH) || (r.status === 404 && !isSiteConfig(r.path)));
        assert.deepEqual(outside.map((r) => `${r.method} ${r.url} → ${r.status}`), [], 'requests outside the mount path or 404');
        assert.ok(requests.some((r) => r.path.endsWith('.wasm') && r.status === 200), 'wasm loaded from under the mount path');
        if (c.expectPath) assert.ok(requests.some((r) => r.path === c.expectPath), `relative endpoint resolved to ${c.expectPath}`);
      }));
  }
});

describe('no HTTP caching of time samples', () => {
  test('Date-header samples are cache-busted, unconditional and fetched with no-store', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000 }, async ({ page, result, traffic }) => {
      assertMeasurement(result, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS });
      // Measure again in the same page: with caching, repeated samples would
      // be answered from the browser cache or revalidated (304).
      assertMeasurement(await checkAgain(page), { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS });
      assertNoErrors(page);

      // Samples: fetch()es (not navigations or subresources) of something
      // other than the page's own code.
      const samples = traffic().filter((r) => r.headers['sec-fetch-dest'] === 'empty' && !/\.(wasm|js|css)$/.test(r.path) && !isSiteConfig(r.path));
      const show = samples.map((r) => ({ url: r.url, status: r.status, headers: r.headers }));
      assert.ok(samples.length >= 2, `expected samples from both measurements: ${JSON.stringify(show)}`);
      for (const r of samples) {
        assert.ok(r.url.includes('?'), `sample without a cache-busting query: ${r.url}`);
        assert.equal(r.headers['if-none-match'], undefined, `conditional sample: ${r.url}`);
        assert.equal(r.headers['if-modified-since'], undefined, `conditional sample: ${r.url}`);
        assert.equal(r.status, 200, `sample answered ${r.status}: ${r.url}`);
        // The Fetch standard adds these for cache mode "no-store" (and "reload").
        assert.equal(r.headers.pragma, 'no-cache', `sample not fetched with cache: "no-store": ${r.url}`);
      }
      assert.equal(new Set(samples.map((r) => r.url)).size, samples.length, 'each sample URL is unique');
    }));
});

describe('time endpoint formats', () => {
  const cases = [
    { name: '/time/msec', value: '/time/msec', maxUncertaintyMs: MS_RESOLUTION_MAX_MS },
    { name: '/time/rfc3339', value: '/time/rfc3339', maxUncertaintyMs: MS_RESOLUTION_MAX_MS },
    { name: '/time/json', value: '/time/json', maxUncertaintyMs: MS_RESOLUTION_MAX_MS },
    { name: '/time/json?key=unixtime', value: '/time/json?key=unixtime', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS },
    { name: '/time/seconds', value: '/time/seconds', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS },
    // Absolute URL on another origin (other port): needs the CORS headers.
    { name: 'cross-origin absolute URL', value: () => `${subServer.baseUrl}/time/ms`, maxUncertaintyMs: MS_RESOLUTION_MAX_MS },
  ];
  for (const c of cases) {
    test(`${c.name}: +3 s → ok`, testOpts, (t) => {
      const value = typeof c.value === 'function' ? c.value() : c.value;
      return withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint(value) }, async ({ page, result }) => {
        assertMeasurement(result, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: c.maxUncertaintyMs });
        assertNoErrors(page);
      });
    });
  }
});

describe('error paths', () => {
  test('/time/garbage falls back to its Date header', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint('/time/garbage') }, async ({ page, result, traffic }) => {
      assertMeasurement(result, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS });
      assert.ok(traffic().some((r) => r.path === '/time/garbage'), 'the garbage endpoint was queried');
      assertNoErrors(page);
    }));

  const failures = [
    { name: 'a 404 endpoint', value: '/nope' },
    { name: 'a javascript: URL', value: 'javascript:alert(1)' },
  ];
  for (const c of failures) {
    test(`${c.name} gives an error, never a verdict`, testOpts, (t) =>
      withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint(c.value) }, async ({ page, result }) => {
        assert.equal(result.state, 'error', JSON.stringify(result));
        assert.equal(result.verdict, 'unknown', JSON.stringify(result));
        assert.ok(result.error?.trim(), 'error message shown');
        const seen = await history(page);
        assert.ok(!seen.some((h) => h.verdict === 'ok'), `showed ok at some point: ${JSON.stringify(seen)}`);
        assertNoErrors(page, { allowConsoleErrors: true });
      }));
  }
});

describe('live page', () => {
  test('clocks tick; Check again re-measures and sees a clock jump', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: '?endpoint=/time/ms' }, async ({ page, result }) => {
      assertMeasurement(result, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: MS_RESOLUTION_MAX_MS });

      const clocks = () => Promise.all(['device-time', 'reference-time']
        .map((id) => page.locator(`[data-testid="${id}"]`).textContent()));
      const before = await clocks();
      await sleep(1_500);
      const later = await clocks();
      assert.notEqual(later[0], before[0], 'device clock ticks');
      assert.notEqual(later[1], before[1], 'reference clock ticks');

      assertMeasurement(await checkAgain(page), { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: MS_RESOLUTION_MAX_MS });

      // The device clock jumps 16 min back while the page is open.
      await page.evaluate((ms) => { window.__skewcheckOffsetMs = ms; }, -16 * MIN);
      assertMeasurement(await checkAgain(page), { trueOffsetMs: -16 * MIN, verdict: 'rejected', maxUncertaintyMs: MS_RESOLUTION_MAX_MS });
      await assertS3ErrorShown(page);
      assertNoErrors(page);
    }));
});

describe('no layout shift when the result arrives', () => {
  // Cumulative Layout Shift as browsers score it; 0.1 is the "good" threshold of Core Web Vitals.
  function recordLayoutShift() {
    window.__skewcheckLayoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__skewcheckLayoutShift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  }
  const viewports = [
    { name: 'iPad portrait', size: { width: 820, height: 1180 } },
    { name: 'iPad landscape', size: { width: 1180, height: 820 } },
    { name: 'phone', size: { width: 390, height: 844 } },
  ];
  const results = [
    { label: 'rejected (+16 min)', offsetMs: 16 * MIN, verdict: 'rejected' },
    { label: 'warning (+14.5 min)', offsetMs: 14.5 * MIN, verdict: 'warning' },
    { label: 'time-zone hint (+1 h)', offsetMs: 60 * MIN, verdict: 'rejected' },
  ];
  for (const viewport of viewports) {
    for (const r of results) {
      test(`${viewport.name}, ${r.label}: layout shift stays below 0.01`, testOpts, async (t) => {
        const page = await newPageWithClockOffset(browser, r.offsetMs);
        try {
          await page.setViewportSize(viewport.size);
          await page.addInitScript(recordVerdictHistory);
          await page.addInitScript(recordLayoutShift);
          await page.goto(rootServer.url);
          const result = await waitForSettled(page);
          assert.equal(result.verdict, r.verdict, JSON.stringify(result));
          await sleep(300); // let the observer deliver the last entries
          const shift = await page.evaluate(() => window.__skewcheckLayoutShift);
          assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
        } catch (err) {
          await saveArtifacts(page, t.name);
          throw err;
        } finally {
          await page.context().close();
        }
      });
    }
  }
});

// ------------------------------------------------- measurement you can trust

/** Wait until the verdict is final: done or error, and no longer refining. */
async function waitForFinal(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="verdict"]');
    return el && (el.dataset.state === 'error' || (el.dataset.state === 'done' && el.dataset.refining === 'false'));
  }, null, { timeout: SETTLE_TIMEOUT_MS });
  return readVerdict(page);
}

const setDeviceOffset = (page, ms) => page.evaluate((value) => { window.__skewcheckOffsetMs = value; }, ms);

describe('measurement you can trust', () => {
  test('Date header: early verdict, then refined far below one second', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000 }, async ({ page, result, traffic }) => {
      assert.equal(result.verdict, 'ok', JSON.stringify(result));
      const early = await page.$eval(VERDICT, (el) => ({ refining: el.dataset.refining, first: Number(el.dataset.firstVerdictMs) }));
      assert.equal(early.refining, 'true', 'the first verdict comes before refinement ends');
      assert.ok(early.first >= 0 && early.first < 1_000, `first verdict after ${early.first} ms`);
      const final = await waitForFinal(page);
      assertMeasurement(final, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: 60 });
      const requests = Number(await page.$eval(VERDICT, (el) => el.dataset.requests));
      assert.ok(requests >= 2 && requests <= 12, `requests used: ${requests}`);
      const samples = traffic().filter((r) => r.method === 'HEAD');
      assert.equal(samples.length, requests, 'data-requests counts the requests the server saw');
      assertNoErrors(page);
    }));

  test('a clock jump during a measurement triggers a re-measure of the new clock', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000 }, async ({ page, result }) => {
      assert.equal(result.state, 'done');
      assert.equal(await page.$eval(VERDICT, (el) => el.dataset.refining), 'true', 'still measuring when the clock jumps');
      await setDeviceOffset(page, 16 * MIN);
      const notice = page.locator('[data-testid="notice"]');
      await notice.waitFor({ timeout: 5_000 });
      assert.match(await notice.textContent(), /clock just changed by 15 min 57 s/); // +3 s → +16 min
      const final = await waitForFinal(page);
      assertMeasurement(final, { trueOffsetMs: 16 * MIN, verdict: 'rejected', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS });
      assertNoErrors(page);
    }));

  test('a clock changed while the page sits idle is noticed and re-measured', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: '?endpoint=/time/ms' }, async ({ page }) => {
      assertMeasurement(await waitForFinal(page), { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: MS_RESOLUTION_MAX_MS });
      await setDeviceOffset(page, -16 * MIN);
      await page.locator('[data-testid="notice"]', { hasText: 'changed by 16 min' }).waitFor({ timeout: 5_000 });
      const final = await waitForFinal(page);
      assertMeasurement(final, { trueOffsetMs: -16 * MIN, verdict: 'rejected', maxUncertaintyMs: MS_RESOLUTION_MAX_MS });
      assertNoErrors(page);
    }));

  test('answers replayed by a cache are never used', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint('/time/ms?cache=alternate') }, async ({ page, traffic }) => {
      const final = await waitForFinal(page);
      // Using a 5-minute-old answer would put the offset near +303 s, or widen it to cover both.
      assertMeasurement(final, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: MS_RESOLUTION_MAX_MS });
      assert.ok(traffic().filter((r) => r.path === '/time/ms').length >= 2, 'the cached answers were fetched');
      assertNoErrors(page);
    }));

  // Issue 8: a cached answer is evidence — served within [time shown, time shown + Age + 1 s].
  // With Age 300 every answer allows 3 s to 304 s fast: inside S3's 15 min with room, so ok,
  // with the cache named in the details.
  test('a source that only answers from a cache is used as the range its Age allows, and named', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint('/time/ms?cache=all') }, async ({ page }) => {
      const final = await waitForFinal(page);
      assertMeasurement(final, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: 160_000 });
      assert.ok(final.uncertaintyMs >= 150_000, `the 300 s age is carried: ${JSON.stringify(final)}`);
      assert.ok(!(await history(page)).some((h) => h.verdict === 'rejected' || h.verdict === 'warning'));
      assert.match(await page.locator('[data-testid="detail-cache"]').textContent(), /Age: 300/);
    }));

  test('a second source that disagrees is flagged, and neither is trusted silently', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: `${endpoint('/time/ms')}&endpoint2=${encodeURIComponent('/time/ms?skew=3600000')}` }, async ({ page, result }) => {
      const final = result.state === 'done' ? await waitForFinal(page) : result;
      const crossCheck = await page.$eval(VERDICT, (el) => el.dataset.crossCheck);
      assert.equal(crossCheck, 'disagree', JSON.stringify(final));
      assert.match(await page.locator('[data-testid="cross-check"]').textContent(), /disagrees by at least/);
      assert.notEqual(final.verdict, 'ok', 'a contradicted measurement is not "ok"');
      assert.ok(final.uncertaintyMs > 1_000_000, 'the reported range covers both sources');
      assert.ok(!(await history(page)).some((h) => h.verdict === 'ok'), 'never showed ok');
      assertNoErrors(page);
    }));

  test('a second source that agrees is confirmed', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: `${endpoint('/time/ms')}&endpoint2=${encodeURIComponent('/time/rfc3339')}` }, async ({ page }) => {
      const final = await waitForFinal(page);
      assertMeasurement(final, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: MS_RESOLUTION_MAX_MS });
      assert.equal(await page.$eval(VERDICT, (el) => el.dataset.crossCheck), 'agree');
      assertNoErrors(page);
    }));

  test("an endpoint whose body disagrees with its own Date header is flagged", testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint('/time/ms?skew=3600000') }, async ({ page }) => {
      const final = await waitForFinal(page);
      assert.equal(await page.$eval(VERDICT, (el) => el.dataset.crossCheck), 'disagree', JSON.stringify(final));
      assert.match(await page.locator('[data-testid="cross-check"]').textContent(), /Date header disagrees/);
      assert.notEqual(final.verdict, 'ok');
      assertNoErrors(page);
    }));
});

// ------------------------------------------------------ verdicts people act on

const IPAD_DESKTOP_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

describe('verdicts people act on', () => {
  test('a support link with ref and service=kerberos: 6 min fast is rejected for Kerberos, ref shown', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 6 * MIN, search: '?ref=T-1234&service=kerberos' }, async ({ page }) => {
      const final = await waitForFinal(page);
      assert.equal(final.verdict, 'rejected', JSON.stringify(final));
      assert.equal(final.service, 'kerberos');
      assert.equal(final.limitMs, '300000');
      assert.ok(Math.abs(final.offsetMs - 6 * MIN) <= final.uncertaintyMs + ROUNDING_MS);
      assert.match(await page.locator('[data-testid="ref"]').textContent(), /T-1234/);
      const text = await page.locator('[data-testid="verdict"]').textContent();
      assert.match(text, /KRB_AP_ERR_SKEW/);
      assert.match(text, /Clock skew too great/);
      // S3 allows 15 min: the same clock is fine there, and the list says so.
      assert.equal(await page.$eval('[data-testid="service-list"] [data-service="s3"]', (el) => el.dataset.verdict), 'ok');
      const gauge = await page.$eval('[data-testid="gauge"] svg', (el) => el.getAttribute('aria-label'));
      assert.match(gauge, /6 min fast/);
      assert.match(gauge, /outside the accepted range/);
      assertNoErrors(page);
    }));

  test('a link\'s limit and service name are shown as the link\'s, and S3 keeps its own verdict', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 12 * MIN, search: '?service=s3&limit=600&service_name=Backup' }, async ({ page }) => {
      const final = await waitForFinal(page);
      assert.equal(final.verdict, 'rejected', JSON.stringify(final));
      assert.equal(final.service, 's3');
      assert.equal(final.limitMs, '600000');
      const text = await page.locator('[data-testid="verdict"]').textContent();
      assert.match(text, /limit set by this link \(Amazon S3 itself accepts 15 min/i);
      assert.doesNotMatch(text, /Backup/, 'service_name cannot rename a catalogue service');
      assert.equal(await page.$eval('[data-testid="service-list"] [data-service="s3"]', (el) => el.dataset.verdict), 'ok');
      assertNoErrors(page);
    }));

  test('a service name from the link is quoted as the link\'s words', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: `?limit=120&service_name=${encodeURIComponent('Amazon S3.\u200B Call +1 555 0100\u202E')}` }, async ({ page }) => {
      const final = await waitForFinal(page);
      assert.equal(final.verdict, 'ok', JSON.stringify(final));
      assert.equal(final.service, 'custom');
      const headline = await page.locator('[data-testid="verdict-headline"]').textContent();
      assert.equal(headline, 'Clock OK for “Amazon S3. Call +1 555 0100” (named by the link)');
      assertNoErrors(page);
    }));

  test('a clock exactly 1 h fast gets the time-zone hint and time-zone steps', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 60 * MIN }, async ({ page }) => {
      const final = await waitForFinal(page);
      assert.equal(final.verdict, 'rejected');
      assert.match(await page.locator('[data-testid="timezone-hint"]').textContent(), /almost exactly 1 h ahead.*time zone/);
      assert.ok(await page.locator('[data-testid="time-zone-steps"] li').count() > 0, 'time-zone steps shown');
      assertNoErrors(page);
    }));

  test('3 s fast gets no time-zone hint', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000 }, async ({ page }) => {
      await waitForFinal(page);
      assert.equal(await page.locator('[data-testid="timezone-hint"]').count(), 0);
      assert.equal(await page.locator('[data-testid="time-zone-steps"]').count(), 0);
    }));

  test('an iPad presenting itself as a Mac gets the iPad steps', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 16 * MIN, contextOptions: { userAgent: IPAD_DESKTOP_UA, hasTouch: true } }, async ({ page }) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
      await page.reload();
      await waitForFinal(page);
      const fix = page.locator('[data-testid="fix-steps"]');
      assert.equal(await fix.getAttribute('data-detected'), 'ipados');
      assert.match(await fix.textContent(), /Tap General, then Date & Time.Turn on Set Automatically/);
      // The other platforms are one tap away.
      await page.click('[data-testid="platform-windows"]');
      assert.equal(await fix.getAttribute('data-platform'), 'windows');
      assert.match(await fix.textContent(), /Time & language/);
    }));

  test('copy and share produce the report text; the permalink shows the past report elsewhere without measuring', testOpts, (t) =>
    withMeasuredPage(t, {
      server: rootServer,
      offsetMs: 6 * MIN,
      search: '?ref=T-1234&service=kerberos',
      contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] },
    }, async ({ page }) => {
      await page.addInitScript(() => {
        navigator.share = async (data) => { window.__shared = data; };
      });
      await page.reload();
      const final = await waitForFinal(page);
      await page.click('[data-testid="copy-report"]');
      await page.locator('[data-testid="copy-status"]', { hasText: 'Copied' }).waitFor({ timeout: 5_000 });
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const link = await page.$eval('[data-testid="permalink"]', (el) => el.href);
      for (const part of ['skewcheck result — ref T-1234', 'Kerberos', 'REJECTED', 'KRB_AP_ERR_SKEW', '6 min', 'Amazon S3: OK', link]) {
        assert.ok(copied.includes(part), `copied text lacks ${JSON.stringify(part)}:\n${copied}`);
      }
      await page.click('[data-testid="share-report"]');
      const shared = await page.waitForFunction(() => window.__shared).then((handle) => handle.jsonValue());
      assert.match(shared.text, /skewcheck result — ref T-1234/);
      assert.equal(shared.url, link);
      assert.ok(await page.locator('[data-testid="qr"] svg').count() === 1, 'QR code of the permalink');

      // A support person opens the link in a fresh browser with a correct clock.
      const before = rootServer.requests.length;
      const support = await newPageWithClockOffset(browser, 0);
      try {
        await support.goto(link);
        const past = support.locator('[data-testid="past-report"]');
        await past.waitFor({ timeout: 10_000 });
        assert.equal(await past.getAttribute('data-verdict'), 'rejected');
        assert.equal(Number(await past.getAttribute('data-offset-ms')), final.offsetMs);
        assert.equal(await past.getAttribute('data-reference'), 'T-1234');
        assert.match(await support.locator('[data-testid="past-report-text"]').textContent(), /KRB_AP_ERR_SKEW/);
        await sleep(1_500);
        assert.equal(await support.locator('[data-testid="verdict"]').count(), 0, 'no live verdict');
        const measuring = rootServer.requests.slice(before).filter((r) => r.url.includes('skewcheck='));
        assert.deepEqual(measuring.map((r) => r.url), [], 'the permalink must not measure');
      } finally {
        await support.context().close();
      }
    }));

  test('a damaged permalink says so and measures nothing', testOpts, async () => {
    const page = await newPageWithClockOffset(browser, 0);
    const before = rootServer.requests.length;
    try {
      await page.goto(`${rootServer.url}#report=eyJ2Ijo5OTl9`);
      await page.locator('[data-testid="report-error"]').waitFor({ timeout: 10_000 });
      await sleep(500);
      assert.deepEqual(rootServer.requests.slice(before).filter((r) => r.url.includes('skewcheck=')), []);
      assertNoErrors(page);
    } finally {
      await page.context().close();
    }
  });

  test('a forged permalink (offset edited to +20 min while stored verdict words say ok) never shows ok', testOpts, async () => {
    const measuredAt = Date.now() - 5 * MIN;
    const genuine = {
      v: 1, t: measuredAt, d: measuredAt + 3_000, o: 3_000, u: 300,
      s: 'the HTTP Date header of https://example.com/', dv: 'iPad', p: 'ipados', r: 'T-1234',
      vs: [{ n: 'Amazon S3', id: 's3', v: 'ok', x: '' }, { n: 'Backup NAS', id: 'custom', v: 'ok', x: '' }],
    };
    const linkTo = (payload) => `${rootServer.url}#report=${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    const before = rootServer.requests.length;
    // Only the offset edited: it no longer agrees with the two times beside it, so it is refused.
    const edited = await newPageWithClockOffset(browser, 0);
    try {
      await edited.goto(linkTo({ ...genuine, o: 20 * MIN }));
      const error = edited.locator('[data-testid="report-error"]');
      await error.waitFor({ timeout: 10_000 });
      assert.match(await error.textContent(), /do not agree/);
      assert.equal(await edited.locator('[data-testid="past-report"]').count(), 0);
      assert.doesNotMatch(await edited.locator('main').textContent(), /OK/);
      assertNoErrors(edited);
    } finally {
      await edited.context().close();
    }
    // Offset and device time edited together: the verdicts are worked out from the numbers.
    const forged = await newPageWithClockOffset(browser, 0);
    try {
      await forged.goto(linkTo({ ...genuine, d: measuredAt + 20 * MIN, o: 20 * MIN }));
      const past = forged.locator('[data-testid="past-report"]');
      await past.waitFor({ timeout: 10_000 });
      assert.equal(await past.getAttribute('data-verdict'), 'rejected');
      assert.equal(await past.getAttribute('data-offset-ms'), String(20 * MIN));
      assert.equal(await past.getAttribute('data-reference'), 'T-1234');
      const banner = await past.textContent();
      assert.match(banner, /if the link is genuine/);
      assert.match(banner, /anyone can make such a link/);
      assert.match(banner, /Ticket \(from the link\): “T-1234”/);
      assert.doesNotMatch(banner, /OK/);
      const text = await forged.locator('[data-testid="past-report-text"]').textContent();
      assert.match(text, /Amazon S3: REJECTED/);
      assert.match(text, /RequestTimeTooSkewed/);
      assert.match(text, /“Backup NAS” \(named by the link\): NOT CHECKED \(the link says OK\)/);
      assert.doesNotMatch(text, /: OK/);
      assertNoErrors(forged);
    } finally {
      await forged.context().close();
    }
    await sleep(500);
    assert.deepEqual(rootServer.requests.slice(before).filter((r) => r.url.includes('skewcheck=')), [], 'a permalink must not measure');
  });

  test('a permalink from a device whose clock reset to 1970 opens', testOpts, async () => {
    const measuredAt = Date.now() - 5 * MIN;
    const payload = {
      v: 1, t: measuredAt, d: 0, o: -measuredAt, u: 500,
      s: 'the HTTP Date header of https://example.com/', dv: 'iPad', p: 'ipados',
      vs: [{ n: 'Amazon S3', id: 's3', v: 'rejected', x: '' }],
    };
    const page = await newPageWithClockOffset(browser, 0);
    try {
      await page.goto(`${rootServer.url}#report=${Buffer.from(JSON.stringify(payload)).toString('base64url')}`);
      const past = page.locator('[data-testid="past-report"]');
      await past.waitFor({ timeout: 10_000 });
      assert.equal(await past.getAttribute('data-verdict'), 'rejected');
      assert.match(await page.locator('[data-testid="past-report-text"]').textContent(), /device showed 1970-01-01 00:00:00 UTC/);
      assertNoErrors(page);
    } finally {
      await page.context().close();
    }
  });

  test('the make-a-link form builds a working support link', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 0 }, async ({ page }) => {
      await page.click('[data-testid="link-maker"] summary');
      await page.fill('[data-testid="link-ref"]', 'T-9 / Müller');
      await page.selectOption('[data-testid="link-service"]', 'kerberos');
      const link = await page.locator('[data-testid="link-output"]').textContent();
      assert.equal(link, `${rootServer.url}?ref=T-9+%2F+M%C3%BCller&service=kerberos`);
      await page.goto(link);
      const final = await waitForFinal(page);
      assert.equal(final.service, 'kerberos');
      assert.match(await page.locator('[data-testid="ref"]').textContent(), /T-9 \/ Müller/);
    }));

  test('the server section has copy-paste commands against the same reference', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 0 }, async ({ page }) => {
      for (const id of ['server-linux', 'server-macos', 'server-powershell']) {
        assert.ok((await page.locator(`[data-testid="${id}"]`).textContent()).includes(rootServer.url), id);
      }
      assert.match(await page.locator('[data-testid="ntp-linux"]').textContent(), /timedatectl set-ntp true/);
      assert.match(await page.locator('[data-testid="ntp-windows"]').textContent(), /w32tm/);
    }));
});

// ------------------------------------------- issue 8: caches and faults

describe('behind a web host cache that ignores the query string', () => {
  const servers = {};
  before(async () => {
    const dist = await ensureDist();
    servers.cloudfront = await startServer({ distDir: dist, cache: { mode: 'cloudfront', ageS: 30 } });
    servers.rewrite = await startServer({ distDir: dist, cache: { mode: 'rewrite', ageS: 30 } });
    servers.stale = await startServer({ distDir: dist, cache: { mode: 'stale', ageS: 7_200 } });
    servers.frozen = await startServer({ distDir: dist, cache: { mode: 'frozen' } });
  });
  after(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });

  // [Date, Date + Age + 1 s] with Age 30: about half a minute of doubt.
  const AGE_30_MAX_UNCERTAINTY_MS = 17_000;

  async function assertCacheNamed(page, age) {
    const detail = await page.locator('[data-testid="detail-cache"]').textContent({ timeout: 2_000 });
    assert.match(detail, new RegExp(`Age: ${age}`));
    assert.match(detail, /cache key/);
  }

  for (const c of [
    { name: 'CloudFront-like (stored Date, Age 30)', server: 'cloudfront', offsetMs: 20 * MIN, verdict: 'rejected' },
    { name: 'CloudFront-like (stored Date, Age 30)', server: 'cloudfront', offsetMs: 3_000, verdict: 'ok' },
    { name: 'Date-rewriting (Age 30)', server: 'rewrite', offsetMs: -20 * MIN, verdict: 'rejected' },
    { name: 'Date-rewriting (Age 30)', server: 'rewrite', offsetMs: 3_000, verdict: 'ok' },
  ]) {
    test(`${c.name}: device ${c.offsetMs / 1000} s → ${c.verdict}`, testOpts, (t) =>
      withMeasuredPage(t, { server: servers[c.server], offsetMs: c.offsetMs }, async ({ page, traffic }) => {
        const final = await waitForFinal(page);
        assertMeasurement(final, { trueOffsetMs: c.offsetMs, verdict: c.verdict, maxUncertaintyMs: AGE_30_MAX_UNCERTAINTY_MS });
        const verdicts = (await history(page)).map((h) => h.verdict).filter((v) => v !== 'unknown');
        assert.ok(verdicts.every((v) => v === c.verdict), `only ${c.verdict} was ever shown: ${JSON.stringify(verdicts)}`);
        assert.ok(traffic().filter((r) => r.method === 'HEAD').length >= 1, 'the page sampled its own origin');
        await assertCacheNamed(page, 30);
        assertNoErrors(page);
      }));
  }

  for (const offsetMs of [3_000, 0]) {
    test(`a copy 2 h old (Age 7200): device ${offsetMs / 1000} s → never ok or rejected`, testOpts, (t) =>
      withMeasuredPage(t, { server: servers.stale, offsetMs }, async ({ page }) => {
        const final = await waitForFinal(page);
        const seen = await history(page);
        assert.ok(!seen.some((h) => h.verdict === 'ok' || h.verdict === 'rejected'), `verdicts seen: ${JSON.stringify(seen)}`);
        assert.equal(final.state, 'done', JSON.stringify(final));
        assert.equal(final.verdict, 'warning', JSON.stringify(final));
        assert.ok(Math.abs(final.offsetMs - offsetMs) <= final.uncertaintyMs + ROUNDING_MS, JSON.stringify(final));
        assert.equal(await page.locator('[data-testid="timezone-hint"]').count(), 0, 'no time-zone hint from two hours of doubt');
        await assertCacheNamed(page, 7200);
        assertNoErrors(page);
      }));
  }

  test('a cache replaying a frozen Date without Age: an error naming the cache, never rejected', testOpts, (t) =>
    withMeasuredPage(t, { server: servers.frozen, offsetMs: 3_000 }, async ({ page }) => {
      const final = await waitForFinal(page);
      assert.equal(final.state, 'error', JSON.stringify(final));
      assert.match(final.error, /web host's cache/);
      const seen = await history(page);
      assert.ok(!seen.some((h) => h.verdict === 'rejected'), `verdicts seen: ${JSON.stringify(seen)}`);
      assert.match(await page.locator('body').textContent(), /cache key/);
    }));
});

describe('every fault: a clear message within bounded time, never ok', () => {
  /** Opens the page (timers rounded to `timerStepMs` if set), runs `check`, closes it. */
  async function onPage(t, { offsetMs, search = '', timerStepMs = 0 }, check) {
    const page = await newPageWithClockOffset(browser, offsetMs, {}, { timerStepMs });
    await page.addInitScript(recordVerdictHistory);
    try {
      await check(page, () => page.goto(rootServer.url + search));
    } catch (err) {
      await saveArtifacts(page, t.name);
      throw err;
    } finally {
      await page.context().close();
    }
  }

  test('an endpoint that never answers: an error within 15 s, the attempt shown meanwhile', testOpts, (t) =>
    onPage(t, { offsetMs: 3_000, search: endpoint('/time/ms?delay=60000') }, async (page, open) => {
      const started = Date.now();
      await open();
      await page.locator('[data-testid="notice"]', { hasText: 'Attempt 1 failed' }).waitFor({ timeout: 9_000 });
      const result = await waitForFinal(page);
      const elapsed = Date.now() - started;
      assert.equal(result.state, 'error', JSON.stringify(result));
      assert.ok(elapsed < 15_000, `error after ${elapsed} ms`);
      assert.match(result.error, /^No answer from http:\/\/127\.0\.0\.1:\d+\/time\/ms\?delay=60000 within 5 s/);
      assert.ok(!(await history(page)).some((h) => h.verdict === 'ok'));
    }));

  test('a cross-origin endpoint without CORS headers: says which header to add', testOpts, (t) =>
    onPage(t, { offsetMs: 3_000, search: endpoint(`${subServer.baseUrl}/time/ms?cors=none`) }, async (page, open) => {
      await open();
      const result = await waitForFinal(page);
      assert.equal(result.state, 'error', JSON.stringify(result));
      assert.match(result.error, /CORS/);
      assert.match(await page.locator('body').textContent(), /Access-Control-Allow-Origin/);
    }));

  for (const c of [
    { name: '?endpoint=/time/ms', search: endpoint('/time/ms'), maxUncertaintyMs: 600 },
    { name: 'Date header of the page origin', search: '', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS },
  ]) {
    test(`timers rounded to 100 ms (Tor Browser), ${c.name}: +3 s → ok with the truth inside`, testOpts, (t) =>
      onPage(t, { offsetMs: 3_000, search: c.search, timerStepMs: 100 }, async (page, open) => {
        await open();
        assert.equal(await page.evaluate(() => performance.now() % 100), 0, 'the timers are coarse');
        const final = await waitForFinal(page);
        assertMeasurement(final, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: c.maxUncertaintyMs });
        const seen = await history(page);
        assert.ok(seen.every((h) => h.verdict === 'unknown' || h.verdict === 'ok'), JSON.stringify(seen));
        assertNoErrors(page);
      }));
  }
});

describe('every fault: bodies and connectivity', () => {
  test('a body over 64 KiB is refused with its own message', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint('/time/huge') }, async ({ page, result }) => {
      assert.equal(result.state, 'error', JSON.stringify(result));
      assert.match(result.error, /larger than 64 KiB/);
      assert.ok(!(await history(page)).some((h) => h.verdict === 'ok'));
    }));

  test('offline: says so instead of a network error', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint('/time/ms') }, async ({ page }) => {
      await waitForFinal(page);
      await page.context().setOffline(true);
      const result = await checkAgain(page);
      assert.equal(result.state, 'error', JSON.stringify(result));
      assert.match(result.error, /offline/);
    }));
});

// ------------------------------------- a link must not make a stranger's clock the judge

describe("a stranger's time endpoint is witnessed by the page's own origin", () => {
  // Another site (another host name: `localhost`, while the page is served from
  // `127.0.0.1`), reachable cross-origin with CORS, like a time endpoint from a link.
  let stranger;
  before(async () => {
    stranger = await startServer({ distDir: await ensureDist() });
  });
  after(() => stranger?.close());

  const strangerEndpoint = (path) => `http://localhost:${stranger.port}${path}`;

  test('a stranger 3 h behind while the page host is right → disagree and a warning, never rejected', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 0, search: endpoint(strangerEndpoint(`/time/ms?skew=${-3 * 60 * MIN}`)) }, async ({ page, traffic }) => {
      const final = await waitForFinal(page);
      assert.equal(final.state, 'done', JSON.stringify(final));
      assert.equal(await page.$eval(VERDICT, (el) => el.dataset.crossCheck), 'disagree', JSON.stringify(final));
      assert.equal(final.verdict, 'warning', JSON.stringify(final));
      const seen = await history(page);
      assert.ok(!seen.some((h) => h.verdict === 'rejected' || h.verdict === 'ok'), JSON.stringify(seen));
      const crossCheck = await page.locator('[data-testid="cross-check"]').textContent();
      assert.match(crossCheck, /disagrees by at least 3 h/);
      assert.ok(crossCheck.includes(`localhost:${stranger.port}`), crossCheck);
      assert.ok(crossCheck.includes(`this page's own server (127.0.0.1:${rootServer.port})`), crossCheck);
      assert.equal(await page.locator('[data-testid="compared-with"]').textContent(), `Compared with localhost:${stranger.port}`);
      assert.equal(await page.locator('[data-testid="timezone-hint"]').count(), 0, 'no time-zone hint');
      assert.equal(await page.locator('[data-testid="fix-steps"]').count(), 0, 'no steps to change the clock');
      assert.match(await page.locator('[data-testid="fix"]').textContent(), /Do not change this device's clock or time zone/);
      assert.ok(traffic().some((r) => r.method === 'HEAD'), 'the page asked its own origin');
      assertNoErrors(page);
    }));

  test('a right-clock endpoint on another site → agree and the normal verdict', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint(strangerEndpoint('/time/ms')) }, async ({ page, traffic }) => {
      const final = await waitForFinal(page);
      assertMeasurement(final, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: MS_RESOLUTION_MAX_MS });
      assert.equal(await page.$eval(VERDICT, (el) => el.dataset.crossCheck), 'agree');
      assert.equal(await page.locator('[data-testid="compared-with"]').textContent(), `Compared with localhost:${stranger.port}`);
      assert.ok(traffic().some((r) => r.method === 'HEAD'), 'the page asked its own origin');
      assert.equal(await page.locator('[data-testid="fix-steps"]').count(), 1);
      assertNoErrors(page);
    }));

  test('the page itself names its own host when it is the time source', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000 }, async ({ page }) => {
      await waitForFinal(page);
      assert.equal(await page.locator('[data-testid="compared-with"]').textContent(), `Compared with 127.0.0.1:${rootServer.port}`);
      assert.equal(await page.$eval(VERDICT, (el) => el.dataset.crossCheck), undefined);
    }));
});
