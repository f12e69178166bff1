// End-to-end tests of the open page, in headless Chromium: clocks tick, Check again re-measures,
// the early verdict is refined, a clock jump (during a measurement or while idle) is noticed and
// re-measured, and the result arrives without a layout shift.
//
// Run from the repo root: `node --test tests/e2e/` (SKEWCHECK_SKIP_BUILD=1 to reuse an existing
// dist/). The page, its servers and the assertions: measured-page.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { newPageWithClockOffset } from './browser.mjs';
import {
  assertMeasurement, assertNoErrors, assertS3ErrorShown, browser, checkAgain, endpoint, MIN,
  MS_RESOLUTION_MAX_MS, recordVerdictHistory, rootServer, saveArtifacts, SECOND_RESOLUTION_MAX_MS,
  setDeviceOffset, testOpts, useBrowserAndServers, VERDICT, waitForFinal, waitForSettled,
  withMeasuredPage,
} from './measured-page.mjs';

useBrowserAndServers();

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
      // The page sees the jump by itself within a tick or two and measures again; let that run
      // finish first, so the click's run is not raced by it on a loaded machine.
      await sleep(2_500);
      await page.waitForSelector('[data-testid="verdict"][data-state="done"][data-refining="false"]', { timeout: 30_000 });
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
});
