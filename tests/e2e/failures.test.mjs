// End-to-end tests of what goes wrong, in headless Chromium: a source that cannot be read, and
// every fault (no answer, no CORS headers, coarse timers, a huge body, offline) gives a clear
// message within bounded time, never ok.
//
// Run from the repo root: `node --test tests/e2e/` (SKEWCHECK_SKIP_BUILD=1 to reuse an existing
// dist/). The page, its servers and the assertions: measured-page.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { newPageWithClockOffset } from './browser.mjs';
import {
  assertMeasurement, assertNoErrors, browser, checkAgain, endpoint, history, recordVerdictHistory,
  rootServer, saveArtifacts, SECOND_RESOLUTION_MAX_MS, subServer, testOpts, useBrowserAndServers,
  waitForFinal, withMeasuredPage,
} from './measured-page.mjs';

useBrowserAndServers();

describe('error paths', () => {
  test('/time/garbage falls back to its Date header', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint('/time/garbage') }, async ({ page, result, traffic }) => {
      assertMeasurement(result, { trueOffsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: SECOND_RESOLUTION_MAX_MS });
      assert.ok(traffic().some((r) => r.path === '/time/garbage'), 'the garbage endpoint was queried');
      assertNoErrors(page);
    }));

  // Issue 18: an endpoint the URL parser refuses, whose text would close the page's quotation
  // mark, say a sentence in the page's voice and reverse what follows (U+202E).
  const speakingLink = '?endpoint=https://x%20y%E2%80%9D%20Your%20clock%20is%20fine.%20Call%20%2B1%20555%200100%E2%80%AE';
  test('a link whose endpoint speaks: the error card shows its text only cleaned and quoted, never ok', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: speakingLink }, async ({ page, result }) => {
      assert.equal(result.state, 'error', JSON.stringify(result));
      assert.equal(result.verdict, 'unknown', JSON.stringify(result));
      assert.equal(result.error, '“https://x y\' Your clock is fine. Call +1 555 0100” is not a valid address for a time source');
      const card = await page.locator('[data-testid="verdict"]').textContent();
      assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/.test(card), `a bidi control on the card: ${JSON.stringify(card)}`);
      // The link's text sits inside the page's one quotation: none of its own marks closes it.
      const quoted = result.error.match(/“([^“”]*)”/)?.[1] ?? '';
      assert.ok(quoted.includes('Your clock is fine.'), result.error);
      assert.ok(!result.error.replace(/“[^“”]*”/g, '').includes('Your clock'), result.error);
      assert.equal(result.error.split('”').length, 2, `one closing quotation mark: ${result.error}`);
      const seen = await history(page);
      assert.ok(!seen.some((h) => h.verdict === 'ok'), `showed ok at some point: ${JSON.stringify(seen)}`);
      assertNoErrors(page, { allowConsoleErrors: true });
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
      assert.match(result.error, /^No answer from “http:\/\/127\.0\.0\.1:\d+\/time\/ms\?delay=60000” within 5 s/);
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
