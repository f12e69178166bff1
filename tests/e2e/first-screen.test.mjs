// End-to-end tests of the first screen, in headless Chromium with only DejaVu fonts: on an iPad
// in portrait (820 × 1180, iPad user agent) and a laptop (1280 × 800), for an ok, a rejected and
// a warning result, the verdict's headline, both live clocks and "Check again" are inside the first
// viewport, the verdict card is as tall as its content (no tall empty area), and the layout
// does not shift from navigation (the shell) to the final result.
//
// The languages are a parameter: SKEWCHECK_E2E_LANG (default en,de,ar: the longest) opens the page with
// `?lang=<tag>` for each. In English the tests also run with every text of the page made 60 % longer by
// a test-only page script (`lengthenTexts`), a stand-in for the longest languages (German,
// Arabic).
//
// Run from the repo root: `node --test tests/e2e/first-screen.test.mjs` (SKEWCHECK_SKIP_BUILD=1
// to reuse an existing dist/).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { newPageWithClockOffset } from './browser.mjs';
import {
  assertNoErrors, browser, E2E_LANGS, MIN, recordVerdictHistory, rootServer, saveArtifacts, testOpts,
  useBrowserAndServers, waitForFinal,
} from './measured-page.mjs';

useBrowserAndServers();

const LANGS = E2E_LANGS;
const IPAD_UA = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
// How far the card's bottom may lie below its lowest child: its padding and a line's margin.
const MAX_EMPTY_PX = 48;
const FIRST_SCREEN = [
  '[data-testid="verdict-headline"]',
  '[data-testid="device-time"]',
  '[data-testid="reference-time"]',
  '[data-testid="check-again"]',
];

// Cumulative Layout Shift as browsers score it (0.1 is Core Web Vitals' "good"), with the
// elements that moved, from the first paint of the shell on.
function recordLayoutShift() {
  window.__firstScreenShift = { total: 0, entries: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__firstScreenShift.total += entry.value;
      window.__firstScreenShift.entries.push({
        value: entry.value,
        at: Math.round(entry.startTime),
        moved: entry.sources.map((s) => `${s.node?.nodeName}.${s.node?.className ?? ''} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

// Test-only: every text the page shows grows by 60 % (its own words repeated) as it is
// inserted, before it is painted, so the layout meets texts as long as the longest languages'.
// The clocks (one line by design) and the gauge's SVG labels are left alone.
function lengthenTexts() {
  const grown = new WeakMap();
  const skip = (node) => node.parentElement?.closest('script, style, svg, .clock-time, code');
  const grow = (node) => {
    if (node.nodeType !== Node.TEXT_NODE || skip(node)) return;
    const text = node.data;
    if (grown.get(node) === text || text.trim().length < 3) return;
    const longer = `${text} ${text.slice(0, Math.ceil(text.length * 0.6))}`;
    grown.set(node, longer);
    node.data = longer;
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) return grow(root);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) grow(node);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') grow(record.target);
      else for (const node of record.addedNodes) walk(node);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Where the first screen's parts are, and how tall the card is against its content. */
function firstScreen(page) {
  return page.evaluate((selectors) => {
    const box = (el) => el.getBoundingClientRect();
    const card = document.querySelector('[data-testid="verdict"]');
    const lowest = [...card.querySelectorAll('*')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .reduce((bottom, el) => Math.max(bottom, box(el).bottom), box(card).top);
    return {
      viewport: { width: innerWidth, height: innerHeight },
      scrollWidth: document.documentElement.scrollWidth,
      card: { top: Math.round(box(card).top), bottom: Math.round(box(card).bottom), contentBottom: Math.round(lowest) },
      parts: Object.fromEntries(selectors.map((selector) => {
        const el = document.querySelector(selector);
        if (!el) return [selector, null];
        const { top, bottom, left, right } = box(el);
        return [selector, { top: Math.round(top), bottom: Math.round(bottom), left: Math.round(left), right: Math.round(right) }];
      })),
    };
  }, FIRST_SCREEN);
}

const viewports = [
  { name: 'iPad portrait', size: { width: 820, height: 1180 }, contextOptions: { userAgent: IPAD_UA, hasTouch: true } },
  { name: 'laptop', size: { width: 1280, height: 800 }, contextOptions: {} },
];
const results = [
  { label: 'ok (+3 s)', offsetMs: 3_000, verdict: 'ok' },
  { label: 'rejected (+16 min)', offsetMs: 16 * MIN, verdict: 'rejected' },
  // Near the limit the first verdict waits for precision: seconds of "Checking…" first.
  { label: 'warning (+14.5 min)', offsetMs: 14.5 * MIN, verdict: 'warning' },
];
const texts = (lang) => (lang === 'en'
  ? [{ label: 'en', long: false }, { label: 'en, texts 60 % longer', long: true }]
  : [{ label: lang, long: false }]);

for (const LANG of LANGS) describe(`the first screen (${LANG})`, () => {
  for (const viewport of viewports) {
    for (const r of results) {
      for (const variant of texts(LANG)) {
        test(`${viewport.name}, ${r.label}, ${variant.label}: verdict, clocks and Check again on the first screen; card as tall as its content; layout shift below 0.01`, testOpts, async (t) => {
          const page = await newPageWithClockOffset(browser, r.offsetMs, viewport.contextOptions);
          try {
            await page.setViewportSize(viewport.size);
            await page.addInitScript(recordVerdictHistory);
            await page.addInitScript(recordLayoutShift);
            if (variant.long) await page.addInitScript(lengthenTexts);
            await page.goto(`${rootServer.url}?lang=${encodeURIComponent(LANG)}`);
            // The final result: settled and no longer refined, so every change is counted.
            const result = await waitForFinal(page);
            assert.equal(result.verdict, r.verdict, JSON.stringify(result));
            await sleep(300); // let the observer deliver the last entries
            const screen = await firstScreen(page);
            const where = JSON.stringify(screen);
            for (const selector of FIRST_SCREEN) {
              const part = screen.parts[selector];
              assert.ok(part, `${selector} is on the page`);
              assert.ok(part.top >= 0 && part.bottom <= screen.viewport.height, `${selector} inside the first screen: ${where}`);
              assert.ok(part.left >= 0 && part.right <= screen.viewport.width, `${selector} inside the screen's width: ${where}`);
            }
            assert.ok(screen.card.bottom - screen.card.contentBottom <= MAX_EMPTY_PX,
              `the card ends within ${MAX_EMPTY_PX} px of its content: ${where}`);
            assert.ok(screen.scrollWidth <= screen.viewport.width, `no horizontal scroll: ${where}`);
            const shift = await page.evaluate(() => window.__firstScreenShift);
            assert.ok(shift.total < 0.01, `cumulative layout shift ${shift.total}: ${JSON.stringify(shift.entries)}`);
            assertNoErrors(page);
          } catch (err) {
            await saveArtifacts(page, t.name);
            throw err;
          } finally {
            await page.context().close();
          }
        });
      }
    }
  }
});
