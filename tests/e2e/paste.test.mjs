// End-to-end tests of "Have an error message? Paste it" (issue 11): the page decodes a
// pasted error in the browser, as it is typed, and sends nothing while doing so.
//
// Run from the repo root: `node --test tests/e2e/paste.test.mjs` (SKEWCHECK_SKIP_BUILD=1
// to reuse an existing dist/).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureDist } from './build.mjs';
import { launchBrowser, newPageWithClockOffset, pageErrors } from './browser.mjs';
import { startServer } from './server.mjs';

const TEST_TIMEOUT_MS = 60_000;
const PASTE = '[data-testid="paste-error"]';
const DECODED = '[data-testid="decoded-error"]';

// The dump from the incident (issue 11): RequestTime − ServerTime = 15 min 35 s.
const INCIDENT_DUMPER = `'Code' => 'RequestTimeTooSkewed',
'ServerTime' => '2015-06-08T06:25:25Z',
'Message' => 'The difference between the request time and the current time is too large.',
'MaxAllowedSkewMilliseconds' => '900000',
'RequestTime' => 'Mon, 08 Jun 2015 06:41:00 GMT'`;

// S3 XML with an amz-date RequestTime: https://github.com/aws/aws-sdk-php/issues/612
// 23:25:59 against 22:26:16: 59 min 43 s fast.
const S3_XML = '<?xml version="1.0" encoding="UTF-8"?> <Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><RequestTime>20150604T232559Z</RequestTime><ServerTime>2015-06-04T22:26:16Z</ServerTime><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds><RequestId>9E09E2E8D09D863C</RequestId></Error>';

// STS-style SigV4: https://github.com/LilyBin/LilyBin/issues/72 — X − Z = 01:53:30 − 01:58:32.
const STS_EXPIRED = 'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20160117T015330Z is now earlier than 20160117T015332Z (20160117T015832Z - 5 min.)';

let browser;
let server;

before(async () => {
  const dist = await ensureDist();
  server = await startServer({ distDir: dist });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page with a right clock, its paste box on screen. */
async function openPage() {
  const page = await newPageWithClockOffset(browser, 0);
  await page.goto(server.url);
  await page.waitForSelector(PASTE, { timeout: 20_000 });
  return page;
}

async function decodedAttributes(page) {
  const decoded = page.locator(DECODED);
  await decoded.waitFor({ timeout: 5_000 });
  return decoded.evaluate((el) => ({ ...el.dataset, text: el.textContent }));
}

describe('paste an error', () => {
  test('the incident dump decodes to 15 min 35 s fast, rejected by S3', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage();
    try {
      await page.fill(PASTE, INCIDENT_DUMPER);
      const decoded = await decodedAttributes(page);
      assert.ok(Math.abs(Number(decoded.offsetMs) - 935_000) <= 2_000, `offset ${decoded.offsetMs}`);
      assert.equal(decoded.verdict, 'rejected');
      assert.equal(decoded.service, 's3');
      assert.ok(Number(decoded.uncertaintyMs) > 0 && Number(decoded.uncertaintyMs) <= 5_000, decoded.uncertaintyMs);
      assert.match(decoded.text, /15 min 35 s fast — beyond Amazon S3's 15 min/);
      assert.match(decoded.text, /Mon, 08 Jun 2015 06:41:00 GMT/);
      assert.match(decoded.text, /2015-06-08T06:25:25Z/);
      assert.match(decoded.text, /timedatectl set-ntp true/);
      // The decoded error goes into the report text once there is a report.
      await page.waitForSelector('[data-testid="verdict"][data-state="done"][data-refining="false"]', { timeout: 20_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid="report-text"]')?.textContent.includes('Pasted error'), null, { timeout: 5_000 });
      const errors = pageErrors(page);
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });

  test('an S3 XML error with an amz-date RequestTime and an STS "Signature expired" decode', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage();
    try {
      await page.fill(PASTE, S3_XML);
      let decoded = await decodedAttributes(page);
      assert.equal(Number(decoded.offsetMs), 59 * 60_000 + 43_000);
      assert.equal(decoded.service, 's3');
      assert.equal(decoded.verdict, 'rejected');

      await page.fill(PASTE, STS_EXPIRED);
      await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.service === 'aws', DECODED, { timeout: 5_000 });
      decoded = await decodedAttributes(page);
      assert.equal(Number(decoded.offsetMs), -(5 * 60_000 + 2_000));
      assert.notEqual(decoded.verdict, 'ok');
      assert.match(decoded.text, /5 min 2 s slow/);
    } finally {
      await page.context().close();
    }
  });

  test('a paste with no times gets a message listing what is looked for', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage();
    try {
      await page.fill(PASTE, 'Access Denied (Service: Amazon S3; Status Code: 403)');
      const message = page.locator('[data-testid="paste-message"]');
      await message.waitFor({ timeout: 5_000 });
      const text = await message.textContent();
      assert.match(text, /No usable times found/);
      assert.match(text, /RequestTime and ServerTime/);
      assert.match(text, /Signature expired/);
      assert.match(text, /JWT/);
      assert.equal(await page.locator(DECODED).count(), 0);
      assert.match(await page.locator('[data-testid="paste-privacy"]').textContent(), /nothing you paste is sent anywhere/);
    } finally {
      await page.context().close();
    }
  });

  test('decoding as you type makes no request', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await openPage();
    try {
      // Let the measurement finish first: its requests are not the paste's.
      await page.waitForSelector('[data-testid="verdict"][data-state="done"][data-refining="false"]', { timeout: 20_000 });
      await sleep(500);
      const requests = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.locator(PASTE).pressSequentially(STS_EXPIRED.slice(0, 120), { delay: 5 });
      await page.fill(PASTE, INCIDENT_DUMPER);
      await decodedAttributes(page);
      await sleep(500);
      assert.deepEqual(requests, []);
    } finally {
      await page.context().close();
    }
  });
});

describe('the pasted error against this device (which clock signed it?)', () => {
  const VERSUS = '[data-testid="paste-vs-device"]';

  /** A page whose device clock is `offsetMs` off, measured, with `text` pasted. */
  async function conclusionFor(offsetMs, text) {
    const page = await newPageWithClockOffset(browser, offsetMs);
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.dataset.state === 'done',
        null, { timeout: 20_000 });
      await page.fill(PASTE, text);
      await page.waitForFunction((sel) => {
        const conclusion = document.querySelector(sel)?.dataset.conclusion;
        return conclusion && conclusion !== 'undecided';
      }, VERSUS, { timeout: 5_000 });
      return await page.$eval(VERSUS, (el) => ({ conclusion: el.dataset.conclusion, text: el.textContent }));
    } finally {
      await page.context().close();
    }
  }

  test('the origin story\'s dump on a device measured right → another-clock', { timeout: TEST_TIMEOUT_MS }, async () => {
    const seen = await conclusionFor(0, INCIDENT_DUMPER);
    assert.equal(seen.conclusion, 'another-clock', seen.text);
    assert.match(seen.text, /Another clock signed it/);
    assert.match(seen.text, /as it is now; the pasted error may be older/);
  });

  test('the origin story\'s dump on a device 15 min 35 s fast → this-device', { timeout: TEST_TIMEOUT_MS }, async () => {
    const seen = await conclusionFor(935_000, INCIDENT_DUMPER);
    assert.equal(seen.conclusion, 'this-device', seen.text);
    assert.match(seen.text, /This clock caused the error/);
  });

  test('an STS "Signature expired" (signer behind) on a device measured right → waited-or-another-clock', { timeout: TEST_TIMEOUT_MS }, async () => {
    const seen = await conclusionFor(0, STS_EXPIRED);
    assert.equal(seen.conclusion, 'waited-or-another-clock', seen.text);
    assert.match(seen.text, /a retry with its old signature/);
  });
});
