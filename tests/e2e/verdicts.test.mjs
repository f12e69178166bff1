// End-to-end tests of the verdicts, in headless Chromium: the offset matrix against S3's limit
// (Date header and a millisecond endpoint), a deployment under a sub-path, every time
// endpoint format, and the verdicts people act on (a link's service, limit and name, the
// time-zone hint, a platform's steps, the server section).
//
// Run from the repo root: `node --test tests/e2e/` (SKEWCHECK_SKIP_BUILD=1 to reuse an existing
// dist/). The page, its servers and the assertions: measured-page.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { isFaviconProbe, isSiteConfig } from './browser.mjs';
import {
  assertMeasurement, assertNoErrors, assertS3ErrorShown, endpoint, MIN, MS_RESOLUTION_MAX_MS,
  rootServer, ROUNDING_MS, SECOND_RESOLUTION_MAX_MS, SUB_PATH, subServer, testOpts,
  useBrowserAndServers, waitForFinal, withMeasuredPage,
} from './measured-page.mjs';

useBrowserAndServers();

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

  test('the server section has copy-paste commands against the same reference', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 0 }, async ({ page }) => {
      for (const id of ['server-linux', 'server-macos', 'server-powershell']) {
        assert.ok((await page.locator(`[data-testid="${id}"]`).textContent()).includes(rootServer.url), id);
      }
      assert.match(await page.locator('[data-testid="ntp-linux"]').textContent(), /timedatectl set-ntp true/);
      assert.match(await page.locator('[data-testid="ntp-windows"]').textContent(), /w32tm/);
    }));
});
