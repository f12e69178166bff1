// Headless Chromium for the e2e tests, with a fake device clock (see
// fake-clock.mjs: Date is shifted inside the page, performance.now() is not).

import { chromium } from 'playwright-core';

import { installFakeClock } from './fake-clock.mjs';

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
export async function newPageWithClockOffset(browser, offsetMs, contextOptions = {}, { timerStepMs = 0 } = {}) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', ...contextOptions });
  await context.addInitScript(installFakeClock, { offsetMs, timerStepMs });
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
