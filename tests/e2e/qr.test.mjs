// End-to-end tests of the result's QR code (issue 13): a real QR reader (`zbarimg`, from
// Debian's zbar-tools, installed by scripts/setup) reads the code from a screenshot at 1×
// pixel density — light and dark colour scheme — and gets exactly the permalink the page
// shows; the permalink stays within its length budget; "show large" fills the screen.
//
// Run from the repo root: `node --test tests/e2e/qr.test.mjs` (SKEWCHECK_SKIP_BUILD=1 to
// reuse an existing dist/).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { ensureDist } from './build.mjs';
import { launchBrowser, newPageWithClockOffset, pageErrors } from './browser.mjs';
import { startServer } from './server.mjs';

const MIN = 60_000;
const TEST_TIMEOUT_MS = 60_000;
const SETTLE_TIMEOUT_MS = 20_000;
const IPAD_PORTRAIT = { width: 820, height: 1180 };
/** The longest permalink a typical result may have (native twin: PERMALINK_BUDGET_CHARS). */
const PERMALINK_BUDGET_CHARS = 400;
/** The smallest module a phone camera reads across a table, in CSS px. */
const MIN_MODULE_PX = 4;

let browser;
let server;
let scratch;

before(async () => {
  const dist = await ensureDist();
  server = await startServer({ distDir: dist });
  browser = await launchBrowser();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'skewcheck-qr-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A device name of the most characters the name field takes (40), as a technician types one. */
const LONG_LABEL = 'Reception iPad, ground floor, desk 12 ab';

/** An iPad-sized page at 1× density whose clock is 16 min fast, opened with `?ref=T-1234` (and `extra`), measured. */
async function measuredIpad(colorScheme, extra = '') {
  const page = await newPageWithClockOffset(browser, 16 * MIN, {
    viewport: IPAD_PORTRAIT,
    deviceScaleFactor: 1,
    colorScheme,
  });
  await page.goto(`${server.url}?ref=T-1234${extra}`);
  await page.waitForSelector('[data-testid="verdict"][data-state="done"][data-refining="false"]', { timeout: SETTLE_TIMEOUT_MS });
  await page.locator('[data-testid="qr"]').waitFor({ timeout: 5_000 });
  return page;
}

/** What zbarimg reads in a PNG screenshot: the decoded texts, one per code found. */
async function zbarRead(png, name) {
  const file = path.join(scratch, `${name}.png`);
  await writeFile(file, png);
  try {
    const { stdout } = await promisify(execFile)('zbarimg', ['--quiet', '--raw', file]);
    return stdout.split('\n').filter((line) => line !== '');
  } catch (err) {
    // zbarimg exits 4 when it finds no code.
    if (err.code === 4) return [];
    throw err;
  }
}

async function assertQrReadsAsPermalink(t, colorScheme, extra = '') {
  const page = await measuredIpad(colorScheme, extra);
  try {
    const shown = await page.getAttribute('[data-testid="permalink"]', 'href');
    assert.ok(shown.length <= PERMALINK_BUDGET_CHARS, `permalink is ${shown.length} chars: ${shown}`);
    if (extra.includes('label=')) {
      assert.equal(decodeURIComponent(shown.slice(shown.lastIndexOf('/') + 1)), LONG_LABEL, 'the code carries the name');
    }
    const qr = page.locator('[data-testid="qr"]');
    const modules = Number(await qr.getAttribute('data-modules'));
    const box = await qr.boundingBox();
    assert.ok(modules > 0, 'data-modules');
    assert.ok(box.width / modules >= MIN_MODULE_PX, `${box.width} px for ${modules} modules`);
    t.diagnostic(`permalink ${shown.length} chars, QR ${modules} modules in ${box.width} CSS px: ${shown}`);
    await qr.scrollIntoViewIfNeeded();
    const read = await zbarRead(await qr.screenshot(), `qr-${colorScheme}`);
    assert.deepEqual(read, [shown], 'zbarimg reads exactly the permalink');
    const errors = pageErrors(page);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
}

describe('the QR code of a result', () => {
  test('a QR reader reads exactly the permalink from a 1× screenshot (light scheme)', { timeout: TEST_TIMEOUT_MS }, (t) =>
    assertQrReadsAsPermalink(t, 'light'));

  test('a QR reader reads exactly the permalink from a 1× screenshot (dark scheme)', { timeout: TEST_TIMEOUT_MS }, (t) =>
    assertQrReadsAsPermalink(t, 'dark'));

  test('with a 40-character device name the permalink stays within 400 characters and the code at 4 px a module', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    assert.equal(LONG_LABEL.length, 40);
    await assertQrReadsAsPermalink(t, 'light', `&label=${encodeURIComponent(LONG_LABEL)}`);
  });

  test('the permalink the code holds reopens the same result, and says what it holds', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await measuredIpad('light');
    try {
      const offsetMs = Number(await page.getAttribute('[data-testid="verdict"]', 'data-offset-ms'));
      const link = await page.$eval('[data-testid="permalink"]', (el) => el.href);
      assert.match(await page.locator('.qr-figure').textContent(), /a link to this result; scanning it does not measure the scanning phone/i);
      const before = server.requests.length;
      const other = await newPageWithClockOffset(browser, 0);
      try {
        await other.goto(link);
        const past = other.locator('[data-testid="past-report"]');
        await past.waitFor({ timeout: 10_000 });
        assert.equal(await past.getAttribute('data-verdict'), 'rejected');
        assert.equal(Number(await past.getAttribute('data-offset-ms')), offsetMs);
        assert.equal(await past.getAttribute('data-reference'), 'T-1234');
        assert.match(await other.locator('[data-testid="past-report-text"]').textContent(), /Amazon S3: REJECTED/);
        await other.waitForTimeout(1_000);
        const measuring = server.requests.slice(before).filter((r) => r.url.includes('skewcheck='));
        assert.deepEqual(measuring.map((r) => r.url), [], 'a permalink measures nothing');
      } finally {
        await other.context().close();
      }
    } finally {
      await page.context().close();
    }
  });

  test('"show large" fills the screen; Escape and a tap close it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await measuredIpad('dark');
    try {
      const large = page.locator('[data-testid="qr-large"]');
      assert.equal(await large.count(), 0);
      await page.click('[data-testid="qr-show-large"]');
      await large.waitFor({ timeout: 2_000 });
      const box = await large.boundingBox();
      assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, IPAD_PORTRAIT.width, IPAD_PORTRAIT.height]);
      const code = await large.locator('svg').boundingBox();
      assert.ok(code.width >= 0.9 * IPAD_PORTRAIT.width, `large code is ${code.width} px wide`);
      const read = await zbarRead(await page.screenshot(), 'qr-large');
      assert.deepEqual(read, [await page.getAttribute('[data-testid="permalink"]', 'href')]);
      await page.keyboard.press('Escape');
      await large.waitFor({ state: 'detached', timeout: 2_000 });
      await page.click('[data-testid="qr-show-large"]');
      await large.waitFor({ timeout: 2_000 });
      await large.click();
      await large.waitFor({ state: 'detached', timeout: 2_000 });
    } finally {
      await page.context().close();
    }
  });
});
