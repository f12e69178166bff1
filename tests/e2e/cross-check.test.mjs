// End-to-end tests of cross-checks, in headless Chromium: a second source (or a body's own Date
// header) that disagrees is flagged and never trusted silently, and a link must not make a
// stranger's clock the judge: the page's own origin witnesses it.
//
// Run from the repo root: `node --test tests/e2e/` (SKEWCHECK_SKIP_BUILD=1 to reuse an existing
// dist/). The page, its servers and the assertions: measured-page.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ensureDist } from './build.mjs';
import {
  assertMeasurement, assertNoErrors, endpoint, history, MIN, MS_RESOLUTION_MAX_MS, rootServer,
  testOpts, useBrowserAndServers, VERDICT, waitForFinal, withMeasuredPage,
} from './measured-page.mjs';
import { startServer } from './server.mjs';

useBrowserAndServers();

describe('measurement you can trust', () => {
  test('a second source that disagrees is flagged, and neither is trusted silently', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: `${endpoint('/time/ms')}&endpoint2=${encodeURIComponent('/time/ms?skew=3600000')}` }, async ({ page, result }) => {
      const final = result.state === 'done' ? await waitForFinal(page) : result;
      const crossCheck = await page.$eval(VERDICT, (el) => el.dataset.crossCheck);
      assert.equal(crossCheck, 'disagree', JSON.stringify(final));
      assert.match(await page.locator('[data-testid="cross-check"]').textContent(), /disagrees by at least/);
      assert.notEqual(final.verdict, 'ok', 'a contradicted measurement is not "ok"');
      assert.ok(final.uncertaintyMs > 1_000_000, 'the reported range covers both sources');
      assert.ok(!(await history(page)).some((h) => h.verdict === 'ok'), 'never showed ok');
      // Nothing suggests changing a clock, this one's or another's, while the judges disagree.
      assert.equal(await page.locator('[data-testid="fix-steps"]').count(), 0);
      assert.equal(await page.locator('[data-testid="other-clocks"]').isVisible(), false);
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
