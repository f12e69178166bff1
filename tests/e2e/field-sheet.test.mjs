// End-to-end tests of the field sheet (issue 21): three tablets measured with their clocks
// +16 min, +3 s and −20 min, named A, B and C in their device-name field; a fourth browser
// context (the technician's phone) opens their permalinks and adds them, one twice; the
// sheet (`#sheet`) holds three rows, worst first, after a reload too; its CSV download
// parses to those three rows; a formula name arrives neutralised; an edited permalink is
// never added; a damaged stored value is a notice, not a crash; clearing asks first; and
// opening the sheet sends nothing of it anywhere.
//
// Run from the repo root: `node --test tests/e2e/field-sheet.test.mjs` (SKEWCHECK_SKIP_BUILD=1
// to reuse an existing dist/).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { ensureDist } from './build.mjs';
import { launchBrowser, newPageWithClockOffset, pageErrors } from './browser.mjs';
import { startServer } from './server.mjs';

const MIN = 60_000;
const TEST_TIMEOUT_MS = 180_000;
const SETTLE_TIMEOUT_MS = 20_000;
/** How far a measured offset may be from the fake clock's (the Date header's whole seconds). */
const MEASURED_WITHIN_MS = 1_500;
const IPAD_UA = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const STORAGE_KEY = 'skewcheck.sheet.v1';
const CSV_HEADER = ['label', 'platform', 'service', 'verdict', 'offset_ms', 'uncertainty_ms', 'measured_at', 'source_host', 'ticket', 'permalink'];

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

/** A tablet whose clock is `offsetMs` off, measured, named `name` in its device-name field: its permalink. */
async function tabletPermalink(offsetMs, name, search = '') {
  const page = await newPageWithClockOffset(browser, offsetMs, { userAgent: IPAD_UA, viewport: { width: 820, height: 1180 } });
  try {
    await page.goto(`${server.url}${search}`);
    await page.waitForSelector('[data-testid="verdict"][data-state="done"][data-refining="false"]', { timeout: SETTLE_TIMEOUT_MS });
    const input = page.locator('[data-testid="device-label"]');
    await input.waitFor({ timeout: 10_000 });
    assert.equal(await input.getAttribute('maxlength'), '40');
    await input.fill(name);
    // The permalink follows the name as it is typed.
    await page.waitForFunction((typed) => {
      const href = document.querySelector('[data-testid="permalink"]')?.href ?? '';
      return decodeURIComponent(href.slice(href.lastIndexOf('/') + 1)) === typed;
    }, name, { timeout: 5_000 });
    const link = await page.$eval('[data-testid="permalink"]', (el) => el.href);
    assert.ok(link.includes('#R1/'), link);
    assert.ok(link.split('/').at(-1).length > 0 && link.length <= 400, link);
    // Quoted as the sender's words: quotation marks inside become apostrophes.
    const quoted = `“${name.replace(/"/g, "'")}” (the sender's label)`;
    assert.ok((await page.locator('[data-testid="report-text"]').textContent()).includes(quoted), `the report names the device: ${quoted}`);
    assert.equal(labelOf(link), name, `${link} carries the name`);
    assert.deepEqual(pageErrors(page), []);
    return link;
  } finally {
    await page.context().close();
  }
}

/** The label a compact link carries: its last field, `%XX`-escaped outside `0-9 A-Z . -`. */
const labelOf = (link) => decodeURIComponent(link.slice(link.lastIndexOf('/') + 1));

/** Opens `link` on `page` (a fragment change reloads the page) and waits for the past result. */
async function openPast(page, link) {
  // From a blank page: a fragment change alone reloads the page, and until then the last
  // result would still be on screen.
  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForFunction((fragment) => location.hash === fragment
    && document.querySelector('[data-testid="past-report"], [data-testid="report-error"]'), new URL(link).hash, { timeout: 10_000 });
}

/** Opens the sheet on `page` and returns its rows' data attributes, in order. */
async function sheetRows(page) {
  await page.locator('[data-testid="sheet"]').waitFor({ timeout: 10_000 });
  return page.$$eval('[data-testid="sheet-row"]', (rows) => rows.map((row) => ({
    label: row.dataset.label,
    platform: row.dataset.platform,
    verdict: row.dataset.verdict,
    offsetMs: Number(row.dataset.offsetMs),
    uncertaintyMs: Number(row.dataset.uncertaintyMs),
    measuredAt: Number(row.dataset.measuredAt),
    service: row.dataset.service,
  })));
}

/** RFC 4180 records: `"` quoting with doubled quotes, CRLF record ends. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell); records.push(record); record = []; cell = ''; i++;
    } else cell += c;
  }
  assert.equal(cell + record.join(''), '', 'the last record ends with CRLF');
  return records;
}

/** Clicks "Download CSV" and returns the downloaded file's name and text. */
async function downloadCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('[data-testid="sheet-csv"]')]);
  const text = await readFile(await download.path(), 'utf8');
  // A UTF-8 byte order mark first, so Excel reads the names as UTF-8 (sheet/csv.rs).
  assert.equal(text[0], '\uFEFF', 'the CSV starts with a UTF-8 byte order mark');
  return { name: download.suggestedFilename(), text: text.slice(1) };
}

describe('the field sheet', () => {
  test('three tablets on a phone: three rows worst first, after a reload too; the CSV; an edited link is not added; nothing is sent', { timeout: TEST_TIMEOUT_MS }, async () => {
    const started = Date.now();
    const tablets = [
      { name: 'A', offsetMs: 16 * MIN, verdict: 'rejected' },
      { name: 'B', offsetMs: 3_000, verdict: 'ok' },
      { name: 'C', offsetMs: -20 * MIN, verdict: 'rejected' },
    ];
    for (const tablet of tablets) tablet.link = await tabletPermalink(tablet.offsetMs, tablet.name);
    const [a, b, c] = tablets;

    const phone = await newPageWithClockOffset(browser, 0);
    const second = await phone.context().newPage();
    second.__errors = [];
    second.on('pageerror', (err) => second.__errors.push({ type: 'pageerror', text: String(err) }));
    try {
      // A second tab holds A's result from before it was added: adding it there is the same
      // result twice.
      await openPast(second, a.link);
      for (const tablet of tablets) {
        await openPast(phone, tablet.link);
        const add = phone.locator('[data-testid="sheet-add"]');
        assert.equal(await add.getAttribute('data-added'), 'false');
        assert.equal(await phone.locator('[data-testid="sheet-open"]').count(), 0);
        await add.click();
        await phone.waitForSelector('[data-testid="sheet-add"][data-added="true"]', { timeout: 5_000 });
        assert.equal(await phone.getAttribute('[data-testid="sheet-open"]', 'href'), '#sheet');
      }
      await second.click('[data-testid="sheet-add"]');
      await second.waitForSelector('[data-testid="sheet-add"][data-added="true"]', { timeout: 5_000 });
      // Opened again, A is already on the sheet.
      await openPast(phone, a.link);
      assert.equal(await phone.getAttribute('[data-testid="sheet-add"]', 'data-added'), 'true');

      // B's link with its offset edited (+3 s → +3 min): the page refuses it, so it cannot be added.
      const fields = b.link.split('#')[1].split('/');
      fields[3] = (3 * MIN).toString(36).toUpperCase();
      const edited = `${b.link.split('#')[0]}#${fields.join('/')}`;
      await openPast(phone, edited);
      await phone.locator('[data-testid="report-error"]').waitFor({ timeout: 5_000 });
      assert.equal(await phone.locator('[data-testid="sheet-add"]').count(), 0, 'a refused permalink offers no sheet-add');

      // To the sheet through its link; from here on nothing may be requested with any row.
      await openPast(phone, a.link);
      const fromSheet = server.requests.length;
      await Promise.all([phone.waitForEvent('load'), phone.click('[data-testid="sheet-open"]')]);
      const expectRows = async () => {
        const rows = await sheetRows(phone);
        assert.deepEqual(rows.map((row) => [row.label, row.verdict, row.service, row.platform]), [
          ['C', 'rejected', 's3', 'ipados'],
          ['A', 'rejected', 's3', 'ipados'],
          ['B', 'ok', 's3', 'ipados'],
        ], 'worst first: rejected by the larger offset, then ok');
        for (const [row, tablet] of [[rows[0], c], [rows[1], a], [rows[2], b]]) {
          assert.ok(Math.abs(row.offsetMs - tablet.offsetMs) <= MEASURED_WITHIN_MS, `${tablet.name}: ${row.offsetMs} ms`);
          assert.ok(row.uncertaintyMs >= 0 && row.uncertaintyMs <= MEASURED_WITHIN_MS, `${tablet.name}: ±${row.uncertaintyMs} ms`);
          assert.ok(row.measuredAt >= started - 5_000 && row.measuredAt <= Date.now() + 5_000, `${tablet.name}: measured at ${row.measuredAt}`);
        }
        assert.equal(await phone.textContent('[data-testid="sheet-summary"]'), '2 refused · 1 OK');
        return rows;
      };
      const rows = await expectRows();
      await phone.reload();
      await expectRows();

      const { name, text } = await downloadCsv(phone);
      assert.match(name, /\.csv$/);
      assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
      const records = parseCsv(text);
      assert.deepEqual(records[0], CSV_HEADER);
      assert.equal(records.length, 4, 'a header and three data rows');
      for (const [record, row] of records.slice(1).map((record, i) => [record, rows[i]])) {
        const cells = Object.fromEntries(CSV_HEADER.map((column, i) => [column, record[i]]));
        assert.deepEqual([cells.label, cells.platform, cells.service, cells.verdict], [row.label, 'ipados', 's3', row.verdict]);
        assert.equal(Number(cells.offset_ms), row.offsetMs);
        assert.equal(Number(cells.uncertainty_ms), row.uncertaintyMs);
        assert.equal(cells.measured_at, new Date(row.measuredAt).toISOString(), 'ISO 8601 UTC');
        assert.equal(cells.source_host, new URL(server.url).host);
        assert.ok(cells.permalink.startsWith(`${server.url}#R1/`), cells.permalink);
      }
      assert.match(records[1][4], /^-\d+$/, 'a negative offset stays a number');

      // Remove one; clearing asks first, and Cancel keeps everything.
      await phone.locator('[data-testid="sheet-row"][data-label="B"] [data-testid="sheet-remove"]').click();
      await phone.waitForFunction(() => document.querySelectorAll('[data-testid="sheet-row"]').length === 2);
      await phone.reload();
      assert.deepEqual((await sheetRows(phone)).map((row) => row.label), ['C', 'A']);
      await phone.click('[data-testid="sheet-clear"]');
      await phone.locator('[data-testid="sheet-clear-question"]').waitFor({ timeout: 2_000 });
      assert.equal(await phone.locator('[data-testid="sheet-row"]').count(), 2, 'asking removes nothing');
      await phone.click('[data-testid="sheet-clear-cancel"]');
      assert.equal(await phone.locator('[data-testid="sheet-clear-question"]').count(), 0);
      assert.equal(await phone.locator('[data-testid="sheet-row"]').count(), 2);
      await phone.click('[data-testid="sheet-clear"]');
      await phone.click('[data-testid="sheet-clear-confirm"]');
      await phone.locator('[data-testid="sheet-empty"]').waitFor({ timeout: 2_000 });
      await phone.reload();
      await phone.locator('[data-testid="sheet-empty"]').waitFor({ timeout: 10_000 });

      // Nothing of the sheet went anywhere: no time request, nothing but the page's files,
      // and no request carries a row's fragment or name.
      await phone.waitForTimeout(500);
      const sent = server.requests.slice(fromSheet);
      assert.deepEqual(sent.filter((r) => r.url.includes('skewcheck=') || r.method !== 'GET').map((r) => `${r.method} ${r.url}`), [], 'the sheet measures nothing');
      const carried = sent.filter((r) => [a, b, c].some((tablet) => r.url.includes(tablet.link.split('#')[1].slice(0, 20)))
        || JSON.stringify(r.headers).includes('R1/'));
      assert.deepEqual(carried.map((r) => r.url), [], 'no request carries a row');
      assert.deepEqual(pageErrors(phone), []);
      assert.deepEqual(pageErrors(second), []);
    } finally {
      await phone.context().close();
    }
  });

  test('a formula name arrives neutralised in the CSV, markup in a name as text; the label link parameter pre-fills the name', { timeout: TEST_TIMEOUT_MS }, async () => {
    const formula = '=HYPERLINK("x")';
    const link = await tabletPermalink(-3 * MIN, formula);
    const markup = '<i>x</i> & "y" \'z\'';
    const markupLink = await tabletPermalink(2_000, markup);
    const prefilled = await newPageWithClockOffset(browser, 0);
    try {
      await prefilled.goto(`${server.url}?label=${encodeURIComponent('Van 3')}`);
      const input = prefilled.locator('[data-testid="device-label"]');
      await input.waitFor({ timeout: SETTLE_TIMEOUT_MS });
      assert.equal(await input.inputValue(), 'Van 3');
      await prefilled.waitForFunction(() => document.querySelector('[data-testid="permalink"]')?.href.length > 0, null, { timeout: 5_000 });
      assert.equal(labelOf(await prefilled.$eval('[data-testid="permalink"]', (el) => el.href)), 'Van 3');
      // The phone's own live result can be added too.
      await prefilled.click('[data-testid="sheet-add"]');
      await prefilled.waitForSelector('[data-testid="sheet-add"][data-added="true"]', { timeout: 5_000 });
      for (const each of [link, markupLink]) {
        await openPast(prefilled, each);
        await prefilled.click('[data-testid="sheet-add"]');
        await prefilled.waitForSelector('[data-testid="sheet-add"][data-added="true"]', { timeout: 5_000 });
      }
      // From a result to the sheet by the fragment alone: the page draws itself again.
      await prefilled.goto(`${server.url}#sheet`);
      const rows = await sheetRows(prefilled);
      assert.deepEqual(rows.map((row) => row.label), [formula, markup, 'Van 3'], 'shown as the text it is');
      assert.equal(await prefilled.locator('[data-testid="sheet"] i').count(), 0, 'no markup from a name');
      assert.equal(await prefilled.locator('[data-testid="sheet-row"]').nth(1).locator('td').first().textContent(), markup);
      const records = parseCsv((await downloadCsv(prefilled)).text);
      assert.equal(records[1][0], `'${formula}`, 'neutralised with a leading apostrophe');
      assert.equal(records[1][4], String(rows[0].offsetMs));
      assert.ok(records[1][4].startsWith('-'), 'a negative number stays a number');
      assert.deepEqual(pageErrors(prefilled), []);
    } finally {
      await prefilled.context().close();
    }
  });

  test('storage refused (a private window, a full quota): said on the sheet and on adding, never a crash', { timeout: TEST_TIMEOUT_MS }, async () => {
    const link = await tabletPermalink(16 * MIN, 'D');
    for (const refusal of ['no storage', 'quota']) {
      const page = await newPageWithClockOffset(browser, 0);
      try {
        await page.addInitScript((kind) => {
          if (kind === 'no storage') {
            Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
          } else {
            Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
          }
        }, refusal);
        await openPast(page, link);
        await page.click('[data-testid="sheet-add"]');
        await page.waitForFunction(() => document.querySelector('[data-testid="sheet-add-status"]')?.textContent.length > 0, null, { timeout: 5_000 });
        assert.equal(await page.getAttribute('[data-testid="sheet-add"]', 'data-added'), 'false', refusal);
        assert.equal(await page.textContent('[data-testid="sheet-add-status"]'), 'This browser did not store it.');
        await page.goto('about:blank');
        await page.goto(`${server.url}#sheet`);
        await page.locator('[data-testid="sheet-empty"]').waitFor({ timeout: 10_000 });
        if (refusal === 'no storage') await page.locator('[data-testid="sheet-storage"]').waitFor({ timeout: 2_000 });
        assert.deepEqual(pageErrors(page), [], refusal);
      } finally {
        await page.context().close();
      }
    }
  });

  test('a damaged or foreign stored sheet is ignored with a notice, never a crash', { timeout: TEST_TIMEOUT_MS }, async () => {
    const page = await newPageWithClockOffset(browser, 0);
    try {
      for (const stored of ['{not json', '{"v":9,"rows":[]}', '{"v":1,"rows":[{"r":"R1/broken","a":1}]}']) {
        await page.goto(`${server.url}#sheet`);
        await page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, stored]);
        await page.reload();
        await page.locator('[data-testid="sheet-notice"]').waitFor({ timeout: 10_000 });
        await page.locator('[data-testid="sheet-empty"]').waitFor({ timeout: 2_000 });
        assert.match(await page.textContent('[data-testid="sheet-notice"]'), /ignored|left out/, stored);
      }
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await page.context().close();
    }
  });
});
