// End-to-end tests of caches, in headless Chromium (issue 8): time samples are never cached by
// the browser, an answer a cache replays is never used as fresh, and behind a web host's cache
// that ignores the query string the page reads the range the cache's Age allows, or says what
// the cache did.
//
// Run from the repo root: `node --test tests/e2e/` (SKEWCHECK_SKIP_BUILD=1 to reuse an existing
// dist/). The page, its servers and the assertions: measured-page.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ensureDist } from './build.mjs';
import { isSiteConfig } from './browser.mjs';
import {
  assertMeasurement, assertNoErrors, checkAgain, endpoint, history, MIN, MS_RESOLUTION_MAX_MS,
  rootServer, ROUNDING_MS, SECOND_RESOLUTION_MAX_MS, testOpts, useBrowserAndServers, waitForFinal,
  withMeasuredPage,
} from './measured-page.mjs';
import { startServer } from './server.mjs';

useBrowserAndServers();

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
      const isSample = (r) => r.headers['sec-fetch-dest'] === 'empty' && !/\.(wasm|js|css)$/.test(r.path) && !isSiteConfig(r.path);
      // The page may already have sent its next sample (a live re-check): let answers in flight
      // finish, and judge the ones that did (an answer still open has no status yet).
      for (let i = 0; i < 30 && traffic().some((r) => isSample(r) && r.status === undefined); i += 1) {
        await page.waitForTimeout(100);
      }
      const samples = traffic().filter((r) => isSample(r) && r.status !== undefined);
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

describe('measurement you can trust', () => {
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
});

// ------------------------------------------------- issue 8: web host caches

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
