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

// Chromium itself probes /favicon.ico at the origin root; that is not the app.
export const isFaviconProbe = (pathOrUrl) => new URL(pathOrUrl || '/', 'http://x').pathname === '/favicon.ico';

// The page asks for its optional skewcheck.json beside index.html (a configuration, not a time
// sample); most tests deploy none, so it answers 404 (tests/e2e/deploy.test.mjs has one).
export const isSiteConfig = (pathOrUrl) => new URL(pathOrUrl || '/', 'http://x').pathname.endsWith('/skewcheck.json');

/** A console error the browser logs by itself: its favicon probe, or the absent skewcheck.json's 404. */
export const isBrowserNoise = (error) => error.type === 'console' && (isFaviconProbe(error.url) || isSiteConfig(error.url));

/** What `page` recorded (page.__errors) minus the browser's own noise: the page's errors. */
export const pageErrors = (page) => page.__errors.filter((error) => !isBrowserNoise(error));
