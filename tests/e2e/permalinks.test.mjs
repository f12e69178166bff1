// End-to-end tests of the links people share, in headless Chromium: copy, share and the
// permalink (shown elsewhere without measuring; damaged, forged or from a clock at 1970), and the
// make-a-link form's support link.
//
// Run from the repo root: `node --test tests/e2e/` (SKEWCHECK_SKIP_BUILD=1 to reuse an existing
// dist/). The page, its servers and the assertions: measured-page.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { newPageWithClockOffset } from './browser.mjs';
import {
  assertNoErrors, browser, MIN, rootServer, testOpts, useBrowserAndServers, waitForFinal,
  withMeasuredPage,
} from './measured-page.mjs';

useBrowserAndServers();

describe('verdicts people act on', () => {
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
});
