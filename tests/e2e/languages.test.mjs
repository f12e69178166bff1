// End-to-end tests of the page's languages (issue 20), in headless Chromium: the link's `lang`
// on an iPad with a clock 16 min fast (the verdict unchanged, <html lang> the language's),
// Arabic right to left with no horizontal scroll on a phone, the browser's language when the
// link names none, an unknown `lang` in English without an error, the switcher (the same
// measurement in another language, no new request), a permalink made in Japanese opening in
// the opener's language, and no English sentence of the English catalogue on the page in any
// other language over ok, warning, rejected, an error and a permalink.
//
// Needs the translations merged and lang/<tag>.json generated (SKEWCHECK_BLESS=1 cargo test -p
// skewcheck-core --test languages) before the build.
//
// Run from the repo root: `node --test tests/e2e/languages.test.mjs` (SKEWCHECK_SKIP_BUILD=1 to
// reuse an existing dist/). The page, its servers and the assertions: measured-page.mjs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

import { newPageWithClockOffset } from './browser.mjs';
import {
  assertNoErrors, browser, endpoint, MIN, readVerdict, recordVerdictHistory, rootServer,
  saveArtifacts, testOpts, useBrowserAndServers, waitForFinal, waitForSettled, withMeasuredPage,
} from './measured-page.mjs';

useBrowserAndServers();

const IPAD_UA = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const PHONE = { width: 390, height: 844 };
const OTHER_LANGUAGES = ['es', 'fr', 'de', 'pt-BR', 'ja', 'zh-CN', 'ar'];

const htmlLanguage = (page) => page.evaluate(() => ({
  lang: document.documentElement.getAttribute('lang'),
  dir: document.documentElement.getAttribute('dir'),
}));
const timeRequests = (requests) => requests.filter((r) => r.url.includes('skewcheck='));
const languageRequests = (requests, tag) => requests.filter((r) => r.path.endsWith(`/lang/${tag}.json`));

describe('the link chooses the language; the verdict does not change', () => {
  for (const tag of ['de', 'fr', 'es', 'ja', 'zh-CN']) {
    test(`?lang=${tag} on an iPad 16 min fast: <html lang="${tag}">, rejected, the file fetched once, early`, testOpts, (t) =>
      withMeasuredPage(t, { server: rootServer, offsetMs: 16 * MIN, search: `?lang=${tag}`, contextOptions: { userAgent: IPAD_UA } }, async ({ page, result, traffic }) => {
        assert.equal(result.state, 'done', JSON.stringify(result));
        assert.equal(result.verdict, 'rejected', JSON.stringify(result));
        assert.deepEqual(await htmlLanguage(page), { lang: tag, dir: 'ltr' });
        assert.equal(await page.$eval('[data-testid="language"]', (el) => el.value), tag);
        // The early script's request, which the wasm took: no second one.
        assert.equal(languageRequests(traffic(), tag).length, 1, JSON.stringify(traffic().map((r) => r.path)));
        assertNoErrors(page);
      }));
  }

  test('?lang=ar: right to left, the gauge still left to right, no horizontal scroll on a phone', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 16 * MIN, search: '?lang=ar', contextOptions: { viewport: PHONE } }, async ({ page, result }) => {
      assert.equal(result.verdict, 'rejected', JSON.stringify(result));
      assert.deepEqual(await htmlLanguage(page), { lang: 'ar', dir: 'rtl' });
      await waitForFinal(page);
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(widths.scroll <= widths.client, `horizontal scroll: ${JSON.stringify(widths)}`);
      assert.equal(await page.$eval('.gauge-svg', (el) => getComputedStyle(el).direction), 'ltr');
      assert.equal(await page.locator('[data-testid="gauge-direction"]').count(), 1, 'the gauge says which way it reads');
      assertNoErrors(page);
    }));

  test('a browser set to pt-BR and no lang: Brazilian Portuguese', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 16 * MIN, contextOptions: { locale: 'pt-BR' } }, async ({ page, result }) => {
      assert.equal(result.verdict, 'rejected', JSON.stringify(result));
      assert.deepEqual(await htmlLanguage(page), { lang: 'pt-BR', dir: 'ltr' });
      assertNoErrors(page);
    }));

  test('lang=xx: English, no error, no language file asked for', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 16 * MIN, search: '?lang=xx' }, async ({ page, result, traffic }) => {
      assert.equal(result.verdict, 'rejected', JSON.stringify(result));
      assert.deepEqual(await htmlLanguage(page), { lang: 'en', dir: 'ltr' });
      assert.deepEqual(traffic().filter((r) => r.path.includes('/lang/')).map((r) => r.path), []);
      assert.equal(await page.locator('[data-testid="language-notice"]').count(), 0);
      assertNoErrors(page);
    }));
});

describe('the shell before the wasm speaks the language too', () => {
  for (const c of [
    { search: '?lang=de', locale: 'en-US', lang: 'de', dir: 'ltr', failed: 'Die Uhrprüfung konnte nicht starten', detail: /^Technisches Detail: / },
    { search: '', locale: 'ar-EG', lang: 'ar', dir: 'rtl', failed: 'تعذّر بدء فحص الساعة', detail: /^تفاصيل تقنية: / },
    { search: '', locale: 'zh-TW', lang: 'en', dir: 'ltr', failed: 'The clock check could not start', detail: /^Technical detail: / },
  ]) {
    test(`${c.search || `a browser in ${c.locale}`}: the shell's failure in ${c.lang}, <html lang="${c.lang}" dir="${c.dir}">`, testOpts, async (t) => {
      const page = await newPageWithClockOffset(browser, 0, { locale: c.locale });
      try {
        // The wasm cannot be compiled: the shell explains, in the page's language.
        await page.route('**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' }));
        await page.goto(rootServer.url + c.search);
        await page.waitForSelector('[data-testid="shell"][data-shell-state="failed"]', { timeout: 30_000 });
        assert.deepEqual(await htmlLanguage(page), { lang: c.lang, dir: c.dir });
        // The failures' words come with the language (lang/shell/<tag>.json), fetched at once
        // by the early script: written in as soon as they are there.
        const headline = '.shell-failure[data-shell-reason="load-failed"] .headline';
        await page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent === text, [headline, c.failed], { timeout: 5_000 })
          .catch(() => {});
        assert.equal(await page.locator(headline).textContent(), c.failed);
        assert.match(await page.locator('[data-testid="shell-error"]').textContent(), c.detail);
      } catch (error) {
        await saveArtifacts(page, t.name);
        throw error;
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('a language file that will not load', () => {
  test('?lang=fr with lang/fr.json failing: English, a notice naming Français, the verdict unchanged, no crash', testOpts, async (t) => {
    const page = await newPageWithClockOffset(browser, 16 * MIN);
    await page.addInitScript(recordVerdictHistory);
    try {
      await page.route('**/lang/fr.json', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
      await page.goto(`${rootServer.url}?lang=fr`);
      const result = await waitForSettled(page);
      assert.equal(result.verdict, 'rejected', JSON.stringify(result));
      assert.deepEqual(await htmlLanguage(page), { lang: 'en', dir: 'ltr' });
      const notice = page.locator('[data-testid="language-notice"]');
      assert.match(await notice.textContent(), /Français/);
      assert.deepEqual(page.__errors.filter((e) => e.type !== 'console' || /panicked/.test(e.text)), [], 'no crash');
    } catch (error) {
      await saveArtifacts(page, t.name);
      throw error;
    } finally {
      await page.context().close();
    }
  });
});

describe('the switcher', () => {
  test('changes the language on the spot with the same measurement and no new request; the address bar keeps it', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 16 * MIN }, async ({ page, traffic }) => {
      const before = await waitForFinal(page);
      const heading = await page.locator('h1').textContent();
      const timeBefore = timeRequests(traffic()).length;
      await page.selectOption('[data-testid="language"]', 'de');
      await page.waitForFunction(() => document.documentElement.lang === 'de', null, { timeout: 5_000 });
      const after = await readVerdict(page);
      assert.equal(after.offsetMs, before.offsetMs, 'the same measurement');
      assert.equal(after.verdict, before.verdict);
      assert.equal(timeRequests(traffic()).length, timeBefore, 'no new time request');
      assert.notEqual(await page.locator('h1').textContent(), heading, 'the words changed');
      assert.equal(await page.title(), 'skewcheck — geht die Uhr dieses Geräts richtig?', 'the tab\'s title follows');
      assert.equal(new URL(page.url()).searchParams.get('lang'), 'de');
      // A permalink never carries the language.
      const link = await page.$eval('[data-testid="permalink"]', (el) => el.href);
      assert.equal(new URL(link).searchParams.get('lang'), null, link);
      // Back to English: instant, from what was loaded.
      await page.selectOption('[data-testid="language"]', 'en');
      await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 5_000 });
      assert.equal(await page.locator('h1').textContent(), heading);
      assert.equal((await readVerdict(page)).offsetMs, before.offsetMs);
      assert.equal(await page.title(), "skewcheck — is this device's clock right?");
      assertNoErrors(page);
    }));
});

describe('permalinks', () => {
  test('a permalink made in Japanese opens in the opener\'s language', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 16 * MIN, search: '?lang=ja' }, async ({ page }) => {
      await waitForFinal(page);
      const link = await page.$eval('[data-testid="permalink"]', (el) => el.href);
      assert.ok(!/[?&]lang=/.test(link), link);
      for (const [locale, tag] of [['en-US', 'en'], ['de-DE', 'de']]) {
        const opener = await newPageWithClockOffset(browser, 0, { locale });
        try {
          await opener.goto(link);
          await opener.locator('[data-testid="past-report"]').waitFor({ timeout: 10_000 });
          assert.equal((await htmlLanguage(opener)).lang, tag, locale);
          assert.equal(await opener.locator('[data-testid="past-report"]').getAttribute('data-verdict'), 'rejected');
        } catch (error) {
          await saveArtifacts(opener, `${t.name} ${locale}`);
          throw error;
        } finally {
          await opener.context().close();
        }
      }
    }));
});

// ------------------------------------------------------------- no English left

// The English fragments: every literal run of at least 3 words between placeholders of every
// template in crates/skewcheck-core/i18n/*.json (the English catalogue).
const I18N = new URL('../../crates/skewcheck-core/i18n/', import.meta.url);
const catalogue = Object.assign({}, ...readdirSync(I18N).filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, I18N), 'utf8'))));
delete catalogue._sources;
delete catalogue._part;
// Product names are the same in every language: a fragment must have 3 words besides them.
const PRODUCT_NAMES = /\b(Amazon S3|S3|Google Cloud Storage|Google|Azure Blob Storage|Azure|Microsoft|Kerberos|Active Directory|Windows|WSL|Docker|iPadOS|iOS|iPad|iPhone|Mac|macOS|Android|Linux|Safari|Chrome|Edge|Firefox|WebAssembly|PowerShell|JWT|NTP|skewcheck)\b/g;
const words = (text) => text.split(/\s+/).filter((word) => /\p{L}/u.test(word));
const fragments = [...new Set(Object.keys(catalogue).flatMap((template) => template.split(/\{[a-z_]+\}/)
  .map((run) => run.trim())
  .filter((run) => words(run.replace(PRODUCT_NAMES, '')).length >= 3)))];
// Not the page's own English, so not searched for: the vendors' own error texts, which reach
// the client in English as the service writes them (RequestTimeTooSkewed's sentence...), and
// the report preview, which is in the deployment's report_language (English by default) for
// support. Both are removed from the page's text first.
const VENDOR_TEXTS = [
  'The difference between the request time and the current time is too large.',
  'Clock skew too great',
];
const NOT_THE_PAGES_OWN = '[data-testid="report-text"]';
// A fragment the language's own translations keep (a command, an error code, or an English
// label in parentheses where the vendor's localized label could not be confirmed) is not left
// untranslated.
const kept = (tag, fragment) => Object.values(catalogue).some((entry) => typeof entry?.[tag] === 'string' && entry[tag].includes(fragment));

async function englishLeft(page, tag) {
  const text = await page.evaluate((skip) => {
    const body = document.body.cloneNode(true);
    for (const el of body.querySelectorAll(skip)) el.remove();
    document.documentElement.appendChild(body);
    const seen = body.innerText;
    body.remove();
    return seen;
  }, NOT_THE_PAGES_OWN);
  const cleaned = VENDOR_TEXTS.reduce((all, vendor) => all.split(vendor).join(' '), text);
  return fragments.filter((fragment) => cleaned.includes(fragment) && !kept(tag, fragment));
}

describe('no English sentence of the English catalogue on the page', () => {
  const states = [
    { name: 'ok', offsetMs: 3_000, search: '' },
    { name: 'warning', offsetMs: 14 * MIN, search: '' },
    { name: 'rejected', offsetMs: 16 * MIN, search: '' },
    { name: 'an error', offsetMs: 3_000, search: endpoint('/nope') },
  ];
  for (const tag of OTHER_LANGUAGES) {
    test(`${tag}: ok, warning, rejected, an error, a permalink and the field sheet`, { timeout: 5 * testOpts.timeout }, async (t) => {
      assert.ok(fragments.length > 50, `${fragments.length} English fragments`);
      let link = null;
      for (const state of states) {
        const search = `${state.search ? `${state.search}&` : '?'}lang=${encodeURIComponent(tag)}`;
        await withMeasuredPage(t, { server: rootServer, offsetMs: state.offsetMs, search, contextOptions: { userAgent: IPAD_UA } }, async ({ page }) => {
          await waitForFinal(page);
          // Open every <details>, so what is folded away is read too.
          await page.evaluate(() => { for (const el of document.querySelectorAll('details')) el.open = true; });
          assert.equal((await htmlLanguage(page)).lang, tag);
          assert.deepEqual(await englishLeft(page, tag), [], `${tag}, ${state.name}: English on the page`);
          if (state.name === 'rejected') link = await page.$eval('[data-testid="permalink"]', (el) => el.href);
        });
      }
      const opener = await newPageWithClockOffset(browser, 0, { locale: tag });
      try {
        await opener.goto(link);
        await opener.locator('[data-testid="past-report"]').waitFor({ timeout: 10_000 });
        assert.equal((await htmlLanguage(opener)).lang, tag);
        assert.deepEqual(await englishLeft(opener, tag), [], `${tag}, a permalink: English on the page`);
        // The field sheet's words are a part of their own (lang/sheet/<tag>.json).
        await opener.click('[data-testid="sheet-add"]');
        await Promise.all([opener.waitForEvent('load'), opener.click('[data-testid="sheet-open"]')]);
        await opener.locator('[data-testid="sheet-row"]').waitFor({ timeout: 10_000 });
        assert.equal((await htmlLanguage(opener)).lang, tag);
        assert.deepEqual(await englishLeft(opener, tag), [], `${tag}, the field sheet: English on the page`);
      } finally {
        await opener.context().close();
      }
    });
  }
});
