// End-to-end tests of the other clocks (issue 19, parts A and D), in headless Chromium: every
// live result says it is this device's clock; the "other clocks" section names the clocks that
// fit the platform in hand (WSL and Docker first on Windows, the app's server on an iPad) with
// the command that checks any machine from this page's own directory; the other clocks' fix
// steps are tabs like the platforms'; a Windows PC a whole hour off names dual boot.
//
// Run from the repo root: `node --test tests/e2e/other-clocks.test.mjs` (SKEWCHECK_SKIP_BUILD=1
// to reuse an existing dist/). The page, its servers and the assertions: measured-page.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ensureDist } from './build.mjs';
import { newPageWithClockOffset } from './browser.mjs';
import {
  assertNoErrors, browser, MIN, rootServer, subServer, testOpts, useBrowserAndServers, waitForFinal, withMeasuredPage,
} from './measured-page.mjs';
import { startServer } from './server.mjs';

useBrowserAndServers();

const WINDOWS_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const IPAD_UA = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const MAC_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const OTHER_CLOCKS = '[data-testid="other-clocks"]';

const hintKinds = (page) => page.$$eval('[data-testid="other-clock-hint"]', (els) => els.map((el) => el.dataset.kind));

async function otherClocks(page) {
  await page.waitForSelector(OTHER_CLOCKS, { state: 'attached' });
  return page.locator(OTHER_CLOCKS);
}

describe('which clock was checked, and where the others are', () => {
  test('Windows, correct clock: this device\'s clock; WSL and Docker first; the check command names this page\'s directory', testOpts, (t) =>
    withMeasuredPage(t, { server: subServer, offsetMs: 0, search: '?ref=T-1#x', contextOptions: { userAgent: WINDOWS_UA } }, async ({ page, result }) => {
      assert.equal(result.verdict, 'ok', JSON.stringify(result));
      assert.match(await page.locator('[data-testid="clock-checked"]').textContent(), /this device's clock/);
      const section = await otherClocks(page);
      assert.equal(await section.getAttribute('data-platform'), 'windows');
      assert.equal(await section.evaluate((el) => el.open), false, 'closed until asked: never alarming');
      assert.equal(await section.isVisible(), true);
      assert.deepEqual((await hintKinds(page)).slice(0, 2), ['wsl', 'docker']);
      const base = subServer.url; // the directory of the page, without ?ref and the fragment
      assert.ok(base.endsWith('/tools/clock/'), base);
      assert.equal(await page.locator('[data-testid="check-command"]').textContent(),
        `curl -fsS ${base}check.sh | sh -s -- ${base}`);
      assert.match(await page.locator('[data-testid="check-command-download"]').textContent(),
        new RegExp(`^curl -fsS -o check\\.sh ${base.replace(/[.]/g, '\\.')}check\\.sh\\nless check\\.sh\\nsh check\\.sh `));
      // Nothing in the section vouches for this device beyond the verdict above it.
      assert.doesNotMatch(await section.textContent(), /clock is (fine|right|OK)/i);
      assertNoErrors(page);
    }));

  // The section is written as markup: a directory whose name a shell or markup would read
  // (`'`, `&`) comes out percent-encoded and exactly as the core wrote it, never as markup.
  test('a page in a directory named with shell and markup characters: the command is its text, encoded', testOpts, async (t) => {
    const odd = await startServer({ distDir: await ensureDist(), mountPath: "/it's&co/" });
    try {
      await withMeasuredPage(t, { server: odd, offsetMs: 0, contextOptions: { userAgent: WINDOWS_UA } }, async ({ page }) => {
        await otherClocks(page);
        const base = odd.url.replace("it's&co", 'it%27s%26co');
        assert.equal(await page.locator('[data-testid="check-command"]').textContent(),
          `curl -fsS ${base}check.sh | sh -s -- ${base}`);
        assert.equal(await page.locator('[data-testid="other-clocks"] code').count(), 2, 'no element but the two commands');
        assert.deepEqual((await hintKinds(page)).slice(0, 2), ['wsl', 'docker']);
        assertNoErrors(page);
      });
    } finally {
      await odd.close();
    }
  });

  test('an iPad names the app\'s own server first, then other devices', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 0, contextOptions: { userAgent: IPAD_UA } }, async ({ page }) => {
      const section = await otherClocks(page);
      assert.equal(await section.getAttribute('data-platform'), 'ipados');
      assert.deepEqual(await hintKinds(page), ['server', 'other-device']);
    }));

  test('a hint opens its clock\'s fix steps', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 0, contextOptions: { userAgent: WINDOWS_UA } }, async ({ page }) => {
      await otherClocks(page);
      await page.click(`${OTHER_CLOCKS} > summary`);
      await page.click('[data-testid="other-clock-steps"][data-kind="docker"]');
      const fix = page.locator('[data-testid="fix-steps"]');
      assert.equal(await fix.getAttribute('data-platform'), 'docker');
      assert.equal(await fix.getAttribute('data-detected'), 'windows');
      assert.match(await fix.textContent(), /Restart Docker Desktop/);
    }));
});

describe('a permalink shows another device\'s past result', () => {
  test('without the other clocks: they are about the viewer\'s surroundings, not the result', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 16 * MIN, contextOptions: { userAgent: WINDOWS_UA } }, async ({ page }) => {
      await waitForFinal(page);
      const link = await page.$eval('[data-testid="permalink"]', (el) => el.href);
      const support = await newPageWithClockOffset(browser, 0, { userAgent: WINDOWS_UA });
      try {
        await support.goto(link);
        await support.locator('[data-testid="past-report"]').waitFor({ timeout: 10_000 });
        await support.waitForTimeout(1_500);
        assert.equal(await support.locator(OTHER_CLOCKS).count(), 0);
      } finally {
        await support.context().close();
      }
    }));
});

describe('fix steps for the other clocks', () => {
  const tabs = [
    { id: 'wsl', says: /wsl --shutdown/ },
    { id: 'docker', says: /docker run --rm alpine date -u/ },
    { id: 'server', says: /timedatectl set-ntp true.*chronyc makestep/s },
    { id: 'vm', says: /VMware Tools.*Time Synchronization.*Guest Additions/s },
    { id: 'board', says: /systemd-time-wait-sync\.service.*fake-hwclock/s },
    { id: 'dual-boot', says: /RealTimeIsUniversal.*timedatectl set-local-rtc 0/s },
  ];
  test('each other clock is a tab with its steps; the device tabs keep their ids', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 0, contextOptions: { userAgent: MAC_UA } }, async ({ page }) => {
      const fix = page.locator('[data-testid="fix-steps"]');
      await fix.waitFor();
      assert.equal(await fix.getAttribute('data-platform'), 'macos');
      for (const tab of tabs) {
        await page.click(`[data-testid="platform-${tab.id}"]`);
        assert.equal(await fix.getAttribute('data-platform'), tab.id);
        assert.equal(await page.getAttribute(`[data-testid="platform-${tab.id}"]`, 'aria-selected'), 'true');
        assert.match(await page.locator('[data-testid="automatic-time-steps"]').textContent(), tab.says, tab.id);
      }
      for (const id of ['ipados', 'ios', 'android', 'windows', 'macos', 'chromeos', 'linux']) {
        assert.equal(await page.locator(`[data-testid="platform-${id}"]`).count(), 1, id);
      }
    }));
});

describe('a whole-hour offset on a PC names dual boot', () => {
  test('Windows 1 h fast: the time-zone hint and dual boot, whose steps are a tab', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 60 * MIN, contextOptions: { userAgent: WINDOWS_UA } }, async ({ page }) => {
      await waitForFinal(page);
      assert.equal(await page.locator('[data-testid="timezone-hint"]').count(), 1);
      assert.match(await page.locator('[data-testid="dual-boot-hint"]').textContent(), /dual boot/);
      await page.waitForSelector('[data-testid="fix-steps"]');
      await page.click('[data-testid="platform-dual-boot"]');
      const fix = page.locator('[data-testid="fix-steps"]');
      assert.equal(await fix.getAttribute('data-platform'), 'dual-boot');
      assert.match(await fix.textContent(), /RealTimeIsUniversal/);
    }));

  test('a Mac 1 h fast gets the time-zone hint but no dual boot', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 60 * MIN, contextOptions: { userAgent: MAC_UA } }, async ({ page }) => {
      await waitForFinal(page);
      assert.equal(await page.locator('[data-testid="timezone-hint"]').count(), 1);
      assert.equal(await page.locator('[data-testid="dual-boot-hint"]').count(), 0);
    }));
});
