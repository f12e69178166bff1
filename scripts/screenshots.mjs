// Takes the README screenshots from the built dist/ (run the tests or `trunk build` first):
// iPad-sized (portrait) and phone-sized viewports, light and dark, with a faked device clock.
//
//   node scripts/screenshots.mjs [outDir]     (default docs/screenshots)

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { distDir } from '../tests/e2e/build.mjs';
import { launchBrowser, newPageWithClockOffset } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const MIN = 60_000;
// The screenshots show what a client sees: an iPad (desktop-class Safari UA plus touch) and an iPhone.
const IPAD = { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', hasTouch: true };
const IPHONE = { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', hasTouch: true };
const SHOTS = [
  { name: 'ipad-rejected-light', viewport: { width: 820, height: 1180 }, device: IPAD, scheme: 'light', offsetMs: 16 * MIN + 12_000 },
  { name: 'ipad-rejected-dark', viewport: { width: 820, height: 1180 }, device: IPAD, scheme: 'dark', offsetMs: 16 * MIN + 12_000 },
  { name: 'phone-ok-light', viewport: { width: 390, height: 844 }, device: IPHONE, scheme: 'light', offsetMs: 3_000 },
  { name: 'phone-warning-dark', viewport: { width: 390, height: 844 }, device: IPHONE, scheme: 'dark', offsetMs: 14 * MIN + 30_000 },
  // Issue 20: the page in the client's language (German on an iPad; Arabic, right to left, on a phone).
  { name: 'ipad-rejected-de', viewport: { width: 820, height: 1180 }, device: IPAD, scheme: 'light', offsetMs: 16 * MIN + 12_000, lang: 'de' },
  { name: 'phone-rejected-ar', viewport: { width: 390, height: 844 }, device: IPHONE, scheme: 'light', offsetMs: 16 * MIN + 12_000, lang: 'ar' },
];
// The S3 error dump from the incident this project exists for (issue 11).
const PASTED_DUMP = `'Code' => 'RequestTimeTooSkewed',
'ServerTime' => '2015-06-08T06:25:25Z',
'Message' => 'The difference between the request time and the current time is too large.',
'MaxAllowedSkewMilliseconds' => '900000',
'RequestTime' => 'Mon, 08 Jun 2015 06:41:00 GMT'`;

const outDir = path.resolve(process.argv[2] ?? 'docs/screenshots');
await mkdir(outDir, { recursive: true });
const server = await startServer({ distDir });
const browser = await launchBrowser();
try {
  for (const shot of SHOTS) {
    const page = await newPageWithClockOffset(browser, shot.offsetMs, shot.device);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await page.setViewportSize(shot.viewport);
    await page.emulateMedia({ colorScheme: shot.scheme });
    await page.goto(shot.lang ? `${server.url}?lang=${shot.lang}` : server.url);
    await page.waitForSelector('[data-testid="verdict"][data-state="done"][data-refining="false"]', { timeout: 20_000 });
    const file = path.join(outDir, `${shot.name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.context().close();
  }
  // The paste section (issue 11), with the incident's dump decoded.
  const page = await newPageWithClockOffset(browser, 0, IPAD);
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url);
  await page.fill('[data-testid="paste-error"]', PASTED_DUMP);
  await page.waitForSelector('[data-testid="decoded-error"]', { timeout: 20_000 });
  const file = path.join(outDir, 'paste-decoded-light.png');
  await page.locator('[data-testid="paste-section"]').screenshot({ path: file });
  console.log(`wrote ${file}`);
  await page.context().close();
  await fieldSheet();
} finally {
  await browser.close();
  await server.close();
}

/** A compact permalink fragment (`R1/…`, crates/skewcheck-core/src/report/compact.rs) of a
 * result measured `agoMs` ago, `offsetMs` off, named `label`. */
function fragment({ offsetMs, uncertaintyMs, platform, label, agoMs }) {
  const b36 = (n) => (n < 0 ? '-' : '') + Math.abs(Math.round(n)).toString(36).toUpperCase();
  const measuredAt = Date.now() - agoMs;
  const escaped = [...new TextEncoder().encode(label)].map((byte) => {
    const c = String.fromCharCode(byte);
    return /[0-9A-Z.-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  const host = new URL(server.url).host.toUpperCase();
  return ['R1', b36(measuredAt), b36(measuredAt + offsetMs), b36(offsetMs), b36(uncertaintyMs), platform, 'S3', 'D', host, 'T-4471', '', escaped].join('/');
}

/** Issue 21: a technician's field sheet on a phone, six devices of one site collected. */
async function fieldSheet() {
  const devices = [
    { label: 'Reception iPad', offsetMs: 16 * MIN + 12_000, uncertaintyMs: 380, platform: 'IPADOS', agoMs: 42 * MIN },
    { label: 'Van 3', offsetMs: 3_200, uncertaintyMs: 410, platform: 'ANDROID', agoMs: 35 * MIN },
    { label: 'Warehouse scanner', offsetMs: -20 * MIN - 4_000, uncertaintyMs: 450, platform: 'ANDROID', agoMs: 30 * MIN },
    { label: 'Field tablet 1', offsetMs: 14 * MIN + 31_000, uncertaintyMs: 390, platform: 'IPADOS', agoMs: 21 * MIN },
    { label: 'Field tablet 2', offsetMs: -900, uncertaintyMs: 400, platform: 'IPADOS', agoMs: 14 * MIN },
    { label: 'Office PC', offsetMs: 1_100, uncertaintyMs: 420, platform: 'WINDOWS', agoMs: 6 * MIN },
  ];
  const stored = JSON.stringify({ v: 1, rows: devices.map((device) => ({ r: fragment(device), a: Date.now() - device.agoMs + 60_000 })) });
  const page = await newPageWithClockOffset(browser, 0, IPHONE);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${server.url}#sheet`);
  await page.evaluate((value) => localStorage.setItem('skewcheck.sheet.v1', value), stored);
  await page.reload();
  await page.waitForSelector('[data-testid="sheet-row"]', { timeout: 20_000 });
  const count = await page.locator('[data-testid="sheet-row"]').count();
  if (count !== devices.length) throw new Error(`the sheet shows ${count} rows of ${devices.length}`);
  const file = path.join(outDir, 'phone-field-sheet-light.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log(`wrote ${file}`);
  await page.context().close();
}
