// Headless Chromium for the e2e tests, with a fake device clock.
//
// The page under test compares the device clock (Date) against a reference
// (the test server's real clock). To simulate a skewed device we shift Date
// inside the page only; performance.now() stays real, since it is a monotonic
// timer for measuring round trips and must not jump with the wall clock.

import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launch the system Chromium (override with env CHROMIUM_PATH). Never downloads a browser. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Fresh context + page whose Date runs `offsetMs` ahead of the real clock
 * (negative = behind). Change it later with
 * `page.evaluate((ms) => { window.__skewcheckOffsetMs = ms; }, newOffset)`.
 *
 * Console errors, uncaught page errors and dialogs (dismissed) are collected
 * in `page.__errors` as `{ type: 'console' | 'pageerror' | 'dialog', text, url? }`. Close with `page.context().close()`.
 */
export async function newPageWithClockOffset(browser, offsetMs, contextOptions = {}) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', ...contextOptions });
  await context.addInitScript(installFakeClock, offsetMs);
  const page = await context.newPage();
  page.__errors = [];
  page.on('console', (msg) => {
    // location().url names the resource for "Failed to load resource" errors.
    if (msg.type() === 'error') page.__errors.push({ type: 'console', text: msg.text(), url: msg.location().url });
  });
  page.on('pageerror', (err) => page.__errors.push({ type: 'pageerror', text: String(err) }));
  // The page has no reason to open alert/confirm/prompt; record and dismiss.
  page.on('dialog', (dialog) => {
    page.__errors.push({ type: 'dialog', text: `${dialog.type()}: ${dialog.message()}` });
    dialog.dismiss().catch(() => {});
  });
  return page;
}

// Runs inside the page before any of its scripts (serialized by Playwright;
// it must not reference anything outside itself).
function installFakeClock(initialOffsetMs) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  window.__skewcheckOffsetMs = initialOffsetMs;
  const fakeNow = () => realNow() + Number(window.__skewcheckOffsetMs || 0);

  // A function rather than `class extends Date`: `Date()` called without
  // `new` must still return a string, which a class constructor cannot do.
  function FakeDate(...args) {
    if (!new.target) return new RealDate(fakeNow()).toString();
    // Only the no-argument form reads the clock; everything else is untouched.
    return Reflect.construct(RealDate, args.length === 0 ? [fakeNow()] : args, new.target);
  }
  // Share the native prototype so instanceof, toLocale*, toISOString, etc.
  // behave exactly as before, also for dates made elsewhere.
  FakeDate.prototype = RealDate.prototype;
  Object.setPrototypeOf(FakeDate, RealDate); // inherits Date.UTC, Date.parse
  Object.defineProperty(FakeDate, 'name', { value: 'Date' });
  Object.defineProperty(FakeDate, 'length', { value: RealDate.length });
  Object.defineProperty(FakeDate, 'now', { value: fakeNow, writable: true, configurable: true });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: FakeDate, writable: true, configurable: true });
  globalThis.Date = FakeDate;
}
