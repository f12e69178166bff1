// End-to-end accessibility check: axe-core (the npm devDependency, run in headless Chromium)
// finds no violation on the settled page, ok and rejected, in light and dark colour schemes.
//
// The languages are a parameter: SKEWCHECK_E2E_LANG (default en,de,ar: the issue asks de and ar) opens the page with
// `?lang=<tag>` for each.
//
// How axe gets into a page whose Content-Security-Policy admits only its own hashed scripts:
// its source is evaluated through the DevTools protocol (`page.evaluate(source)`), which the
// page's CSP does not govern, as the inspector's console is not. A `bypassCSP` context would
// also do, but it would switch the policy off for the page under test too; this way the page
// runs under its real policy (and a violation of it would still show as a console error).
//
// Run from the repo root: `node --test tests/e2e/accessibility.test.mjs`
// (SKEWCHECK_SKIP_BUILD=1 to reuse an existing dist/).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import { newPageWithClockOffset } from './browser.mjs';
import {
  assertNoErrors, browser, E2E_LANGS, MIN, recordVerdictHistory, rootServer, saveArtifacts, testOpts,
  useBrowserAndServers, waitForFinal,
} from './measured-page.mjs';

useBrowserAndServers();

const LANGS = E2E_LANGS;
let axeSource;
before(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
});

/** axe's violations on `page`, each with the elements it names, and how many rules passed. */
async function runAxe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return {
      passed: results.passes.length,
      violations: results.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      })),
    };
  });
}

const results = [
  { label: 'ok (+3 s)', offsetMs: 3_000, verdict: 'ok' },
  { label: 'rejected (+16 min)', offsetMs: 16 * MIN, verdict: 'rejected' },
];

for (const lang of LANGS) {
  describe(`accessibility (${lang})`, () => {
    for (const colorScheme of ['light', 'dark']) {
      for (const r of results) {
        test(`${r.label}, ${colorScheme}: axe-core finds no violation on the settled page`, testOpts, async (t) => {
          const page = await newPageWithClockOffset(browser, r.offsetMs, { colorScheme });
          try {
            await page.addInitScript(recordVerdictHistory);
            await page.goto(`${rootServer.url}?lang=${encodeURIComponent(lang)}`);
            const result = await waitForFinal(page);
            assert.equal(result.verdict, r.verdict, JSON.stringify(result));
            // The lower sections are drawn with the first result; the page is complete now.
            await page.locator('.footer').waitFor();
            const { passed, violations } = await runAxe(page);
            assert.ok(passed >= 10, `axe ran its rules on the page (${passed} passed)`);
            assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
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
  });
}
