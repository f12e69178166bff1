// End-to-end: how fast a Date-only source settles, and the early time request that
// early-probe.js sends while the WebAssembly downloads.
//
// Uses the accuracy bench's server (bench/server.mjs): its own clock is wrong by a known
// offset and the page and its HEADs answer after an injected delay, while the browser's
// clock stays real — the true device offset is the server's error.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ensureDist } from './build.mjs';
import { launchBrowser } from './browser.mjs';
import { startBenchServer } from '../../bench/server.mjs';

const TRUE_OFFSET_MS = 2_345;
const RTT_MS = 50;
// data-offset-ms and data-uncertainty-ms are rounded to integers.
const ROUNDING_MS = 2;
const TEST_TIMEOUT_MS = 60_000;
const VERDICT = '[data-testid="verdict"]';

let browser;
let server;

before(async () => {
  const dist = await ensureDist();
  server = await startBenchServer({ distDir: dist });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Init script: when (ms since navigation) the verdict first shows, first shows ≤ 60 ms of
// uncertainty, and settles; with the page's request count and the completed time requests
// at the first verdict.
function observeSettling() {
  // Every fetch() call so far: the loader's for the wasm, the early request's, the page's.
  const seen = { first: null, within60: null, settledAt: null, fetches: [] };
  window.__settle = seen;
  const realFetch = window.fetch;
  window.fetch = function fetch(input, init) {
    const url = String(input?.url ?? input);
    seen.fetches.push({ at: performance.now(), method: init?.method ?? input?.method ?? 'GET', wasm: url.includes('_bg.wasm'), time: url.includes('skewcheck=') });
    return realFetch.apply(this, arguments);
  };
  const check = () => {
    const el = document.querySelector('[data-testid="verdict"]');
    if (!el || el.dataset.state !== 'done') return;
    const now = performance.now();
    const reading = { at: now, offsetMs: Number(el.dataset.offsetMs), uncertaintyMs: Number(el.dataset.uncertaintyMs), requests: Number(el.dataset.requests) };
    if (!seen.first) seen.first = { ...reading, fetches: [...seen.fetches] };
    if (!seen.within60 && reading.uncertaintyMs <= 60) seen.within60 = reading;
    if (el.dataset.refining === 'false') seen.settledAt ??= now;
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ['data-state', 'data-refining', 'data-uncertainty-ms', 'data-requests'],
  });
}

/** Opens the page once against the bench server; returns what the page saw and the server's time requests. */
async function measureOnce(run, { initScripts = [] } = {}) {
  server.configure({ offsetMs: TRUE_OFFSET_MS, network: { rttMs: RTT_MS, jitterMs: 0, outboundShare: 0.5 }, seed: 7 });
  server.setRun(run);
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  try {
    await page.addInitScript(observeSettling);
    for (const script of initScripts) await page.addInitScript(script);
    await page.goto(`${server.baseUrl}/`);
    await page.waitForFunction(() => window.__settle?.settledAt != null, null, { timeout: 20_000, polling: 50 });
    const seen = await page.evaluate(() => window.__settle);
    const final = await page.$eval(VERDICT, (el) => ({ offsetMs: Number(el.dataset.offsetMs), uncertaintyMs: Number(el.dataset.uncertaintyMs), requests: Number(el.dataset.requests) }));
    const traffic = server.requests.filter((r) => r.run === run);
    return { seen, final, traffic, errors };
  } finally {
    await context.close();
    server.setRun(null);
  }
}

const contains = ({ offsetMs, uncertaintyMs }) => Math.abs(offsetMs - TRUE_OFFSET_MS) <= uncertaintyMs + ROUNDING_MS;
const timeHeads = (traffic) => traffic.filter((r) => r.method === 'HEAD' && r.url.includes('skewcheck='));

describe('settling from a Date header', () => {
  test('a Date-only source at 50 ms RTT settles to ≤ 60 ms uncertainty within 4 s of navigation', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { seen, final, errors } = await measureOnce('settle');
    t.diagnostic(`first verdict ${Math.round(seen.first.at)} ms, ≤ 60 ms at ${Math.round(seen.within60?.at)} ms, settled ${Math.round(seen.settledAt)} ms, final ± ${final.uncertaintyMs} after ${final.requests} requests`);
    assert.ok(seen.within60, 'the uncertainty reached 60 ms');
    assert.ok(seen.within60.at <= 4_000, `≤ 60 ms only ${Math.round(seen.within60.at)} ms after navigation`);
    assert.ok(contains(seen.within60), `interval at ≤ 60 ms misses the truth: ${JSON.stringify(seen.within60)}`);
    assert.ok(contains(final), `final interval misses the truth: ${JSON.stringify(final)}`);
    assert.ok(final.uncertaintyMs <= 60, `final ± ${final.uncertaintyMs}`);
    assert.deepEqual(errors, []);
  });
});

describe('the early time request', () => {
  test('the first verdict uses the HEAD sent before the WebAssembly was requested', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { seen, final, traffic, errors } = await measureOnce('early');
    const heads = timeHeads(traffic);
    const firstHead = traffic.indexOf(heads[0]);
    // The app's wasm (the first module, skewcheck-first-….wasm, is fetched beside the HEAD).
    const wasm = traffic.findIndex((r) => r.path.endsWith('_bg.wasm'));
    assert.ok(firstHead >= 0 && wasm >= 0 && firstHead < wasm, `a time HEAD arrived before the wasm was requested: ${traffic.map((r) => `${r.method} ${r.path}`).join(', ')}`);
    // The first verdict rests on one request, and the only time request sent by then left
    // before the WebAssembly was fetched.
    assert.equal(seen.first.requests, 1);
    const wasmAt = seen.first.fetches.find((f) => f.wasm)?.at;
    const timeRequests = seen.first.fetches.filter((f) => f.time);
    assert.ok(wasmAt !== undefined, JSON.stringify(seen.first));
    assert.equal(timeRequests.length, 1, JSON.stringify(seen.first));
    assert.ok(timeRequests[0].method === 'HEAD' && timeRequests[0].at < wasmAt, JSON.stringify(seen.first));
    // The early request counts among the page's requests: the server saw exactly those.
    assert.equal(final.requests, heads.length);
    assert.ok(contains(final), JSON.stringify(final));
    assert.deepEqual(errors, []);
  });

  test('a failed early request: the page measures as usual', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The first HEAD the page sends (the early one) fails as a network error would.
    const failFirstHead = () => {
      const realFetch = window.fetch;
      let failed = false;
      window.fetch = function fetch(input, init) {
        if (!failed && init?.method === 'HEAD') {
          failed = true;
          return Promise.reject(new TypeError('Failed to fetch'));
        }
        return realFetch.apply(this, arguments);
      };
    };
    const { final, traffic, errors } = await measureOnce('early-failed', { initScripts: [failFirstHead] });
    assert.equal(final.requests, timeHeads(traffic).length, 'every request the page counts reached the server');
    assert.ok(contains(final), JSON.stringify(final));
    assert.ok(final.uncertaintyMs <= 60, `final ± ${final.uncertaintyMs}`);
    assert.deepEqual(errors, []);
  });

  test('inconsistent early readings are refused and the page measures as usual', { timeout: TEST_TIMEOUT_MS }, async () => {
    // Readings off the page's timeline (received long after "now") and a wall clock a day off.
    const spoilReadings = () => {
      Object.defineProperty(window, '__skewcheckEarlyProbe', {
        configurable: true,
        get: () => Promise.resolve({ monotonicSentMs: 10, monotonicReceivedMs: 1e9, wallSentMs: Date.now() - 86_400_000, wallReceivedMs: 'soon', status: 200, headers: [['date', new Date(0).toUTCString()]] }),
        set: () => {},
      });
    };
    const { final, traffic, errors } = await measureOnce('early-refused', { initScripts: [spoilReadings] });
    // The early HEAD reached the server but is not one of the page's requests.
    assert.equal(final.requests, timeHeads(traffic).length - 1);
    assert.ok(contains(final), JSON.stringify(final));
    assert.deepEqual(errors, []);
  });
});
