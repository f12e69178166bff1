// End-to-end tests of the first module (issue 22, crates/skewcheck-first), in headless
// Chromium against the real dist/: the shell fetches the small module first, draws the first
// verdict card from it (`[data-testid="first-verdict"]`) before the app's wasm has arrived, and
// the app takes the card over with the same verdict, numbers and headline, in one frame (no
// frame shows both or neither) and without layout shift. Then the speed targets: cold first
// visits under the load bench's network and CPU profiles (bench/load.mjs, the same server:
// gzip as a good static host serves it), the median first verdict against issue 22's targets
// (printed; asserted with a slack for a loaded machine, see MACHINE_SLACK).
// And where there is no first verdict to draw (a permalink, the field sheet, a link naming
// another time source, no WebAssembly, a module that does not load), the page works as before.
//
// Run from the repo root: `node --test tests/e2e/first-module.test.mjs` (SKEWCHECK_SKIP_BUILD=1
// to reuse an existing dist/).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { startLoadServer } from '../../bench/load-server.mjs';
import { compactHtml, compactScript } from '../../scripts/compact-html.mjs';
import { wireIn } from '../../scripts/first-module.mjs';
import { newPageWithClockOffset } from './browser.mjs';
import { ensureDist } from './build.mjs';
import {
  assertNoErrors, browser, MIN, rootServer, saveArtifacts, testOpts, useBrowserAndServers, waitForFinal,
} from './measured-page.mjs';

useBrowserAndServers();

const FIRST_MODULE = /\/skewcheck-first-[0-9a-f]{16}\.wasm$/;
const KBIT = 1000 / 8;
// Issue 22's profiles (those of bench/load.mjs) and targets for the first verdict.
const PROFILES = [
  { key: 'fast 4G', latencyMs: 40, kbps: 9_000, cpu: 2, targetMs: 450 },
  { key: 'slow 4G', latencyMs: 150, kbps: 1_600, cpu: 4, targetMs: 1_200 },
  { key: '3G', latencyMs: 300, kbps: 400, cpu: 4, targetMs: 3_000 },
];
const RUNS = 3;
// The targets are issue 22's, and a quiet machine meets them (bench/load.md, docs/benches.md:
// 361 / 974 / 2 701 ms). A shared CI runner adds CPU time to every step under the emulated CPU
// slow-down: one clean-clone run measured fast 4G at 572 ms with the same build that measured
// 364 ms an hour earlier. So the medians may exceed the targets by this factor here (and are
// printed beside them); what no machine changes is asserted exactly: every first verdict is on
// screen before the app's wasm has arrived, and the app's wasm starts right after the module.
const MACHINE_SLACK = 1.5;

// Init script: what each painted frame shows (requestAnimationFrame runs just before the
// paint), the first module's card and the app's verdict as first painted, and the layout
// shifts from the first paint on.
function recordHandOver() {
  const seen = { first: null, app: null, frames: [], shift: 0, shifts: [] };
  window.__handOver = seen;
  const facts = (el) => ({
    state: el.dataset.state,
    verdict: el.dataset.verdict,
    offsetMs: el.dataset.offsetMs,
    uncertaintyMs: el.dataset.uncertaintyMs,
    service: el.dataset.service,
    limitMs: el.dataset.limitMs,
    headline: el.querySelector('.headline')?.textContent ?? null,
    sentences: [...el.querySelectorAll('.verdict-body p')].map((p) => p.textContent),
    height: Math.round(el.getBoundingClientRect().height),
    top: Math.round(el.getBoundingClientRect().top),
    lang: document.documentElement.lang,
    title: document.title,
    at: performance.now(),
  });
  const frame = () => {
    const shell = document.getElementById('shell');
    const page = [...document.querySelectorAll('main.page')].find((main) => main !== shell && !main.hidden);
    const first = shell?.querySelector('[data-testid="first-verdict"]');
    if (first && !seen.first) seen.first = facts(first);
    const app = page?.querySelector('[data-testid="verdict"]');
    if (app && app.dataset.state === 'done' && !seen.app) seen.app = facts(app);
    // 1: the shell alone, 2: the app alone, 3: both, 0: neither.
    seen.frames.push((shell ? 1 : 0) + (page ? 2 : 0));
    if (!seen.app || seen.frames.length < 400) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      seen.shift += entry.value;
      seen.shifts.push({ value: entry.value, at: Math.round(entry.startTime), moved: entry.sources.map((s) => `${s.node?.nodeName}.${s.node?.className ?? ''}`) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

const handOver = (page) => page.evaluate(() => window.__handOver);

async function waitForApp(page, timeout = 60_000) {
  await page.waitForFunction(() => window.__handOver?.app !== null, null, { timeout });
  return handOver(page);
}

/** The hand-over as the reader saw it: the card first, the app's the same, one frame to the next. */
function assertHandOver(seen) {
  const where = JSON.stringify({ first: seen.first, app: seen.app });
  assert.ok(seen.first, `the first module's card was painted: ${where}`);
  assert.ok(seen.first.at < seen.app.at, `the card came before the app's verdict: ${where}`);
  for (const fact of ['state', 'verdict', 'offsetMs', 'uncertaintyMs', 'service', 'limitMs', 'headline', 'lang']) {
    assert.equal(seen.app[fact], seen.first[fact], `${fact}: the app's first verdict is the card's: ${where}`);
  }
  // The card's sentences are the app's, in order (the app's card may add nothing before them).
  assert.deepEqual(seen.app.sentences.slice(0, seen.first.sentences.length), seen.first.sentences, where);
  assert.equal(seen.app.height, seen.first.height, `the app's card is as tall as the first card: ${where}`);
  assert.equal(seen.app.top, seen.first.top, `the app's card is where the first card was: ${where}`);
  const painted = seen.frames.slice(seen.frames.indexOf(1));
  assert.ok(!painted.includes(3), `no frame shows both the shell and the app: ${seen.frames.join('')}`);
  assert.ok(!painted.includes(0), `no frame shows neither: ${seen.frames.join('')}`);
  assert.ok(seen.shift < 0.01, `layout shift ${seen.shift} through the hand-over: ${JSON.stringify(seen.shifts)}`);
}

/** Runs `check(page)` on a fresh page whose device clock is `offsetMs` off; on failure its screenshot and DOM are saved. */
async function onPage(t, offsetMs, contextOptions, check) {
  const page = await newPageWithClockOffset(browser, offsetMs, contextOptions);
  try {
    await check(page);
  } catch (err) {
    await saveArtifacts(page, t.name);
    throw err;
  } finally {
    await page.context().close();
  }
}

const IPAD_UA = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const WINDOWS_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

describe('the first module draws the first verdict, and the app takes it over', () => {
  const cases = [
    { label: '+16 min, English', offsetMs: 16 * MIN, verdict: 'rejected' },
    { label: '+3 s, English', offsetMs: 3_000, verdict: 'ok' },
    { label: '−20 min, iPad', offsetMs: -20 * MIN, verdict: 'rejected', contextOptions: { userAgent: IPAD_UA, hasTouch: true } },
    { label: '+1 h on Windows (time zone, dual boot)', offsetMs: 60 * MIN, verdict: 'rejected', contextOptions: { userAgent: WINDOWS_UA } },
    { label: '+16 min, German', offsetMs: 16 * MIN, verdict: 'rejected', search: '?lang=de', lang: 'de' },
    { label: '+16 min, Arabic', offsetMs: 16 * MIN, verdict: 'rejected', search: '?lang=ar', lang: 'ar' },
    // The deployment's skewcheck.json chooses the language: the card speaks it, as the app will.
    { label: "+16 min, the deployment's German for an English browser", offsetMs: 16 * MIN, verdict: 'rejected', site: { language: 'de' }, lang: 'de' },
    { label: "+16 min, a link's German the deployment does not offer", offsetMs: 16 * MIN, verdict: 'rejected', search: '?lang=de', site: { languages: ['fr'] }, lang: 'en' },
  ];
  for (const c of cases) {
    test(`${c.label}: the card first, then the app's same verdict in the next frame, no layout shift`, testOpts, async (t) => {
      await onPage(t, c.offsetMs, c.contextOptions ?? {}, async (page) => {
        await page.setViewportSize({ width: 820, height: 1180 });
        await page.addInitScript(recordHandOver);
        // The app's wasm waits for the first module: held here too, so the card is on screen
        // on its own for a while (as on a slow network) before the app takes over.
        let release;
        const held = new Promise((resolve) => { release = resolve; });
        await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
        if (c.site) {
          await page.route('**/skewcheck.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(c.site) }));
        }
        const moduleRequests = [];
        const appRequests = [];
        const langRequests = [];
        page.on('request', (request) => {
          const { pathname } = new URL(request.url());
          if (FIRST_MODULE.test(pathname)) moduleRequests.push(request);
          if (pathname.endsWith('_bg.wasm')) appRequests.push(request);
          if (/\/lang\/[a-zA-Z-]+\.json$/.test(pathname)) langRequests.push(pathname);
        });
        await page.goto(rootServer.url + (c.search ?? ''));
        await page.waitForFunction(() => window.__handOver?.first !== null, null, { timeout: 20_000 });
        const card = page.locator('[data-testid="first-verdict"]');
        assert.equal(await card.getAttribute('data-verdict'), c.verdict);
        assert.equal(await page.locator('#shell').getAttribute('data-shell-state'), 'first-verdict');
        // The true offset lies in the card's interval.
        const offset = Number(await card.getAttribute('data-offset-ms'));
        const uncertainty = Number(await card.getAttribute('data-uncertainty-ms'));
        assert.ok(Math.abs(offset - c.offsetMs) <= uncertainty + 2, `offset ${offset} ± ${uncertainty} against ${c.offsetMs}`);
        if (c.offsetMs === 60 * MIN) {
          assert.equal(await card.locator('.zone-hint').count(), 1, 'the time-zone advice');
          assert.equal(await card.locator('.fix:not(.zone-hint)').count(), 1, 'dual boot named on a PC');
        }
        assert.equal(await page.evaluate(() => document.documentElement.lang), c.lang ?? 'en');
        release();
        const seen = await waitForApp(page);
        assertHandOver(seen);
        assert.equal(moduleRequests.length, 1, 'the first module is fetched once');
        assert.equal(appRequests.length, 1, 'the app\'s wasm is fetched once (the loader takes the preload)');
        if (c.site) {
          const wanted = c.lang === 'en' ? [] : [`/lang/${c.lang}.json`];
          assert.deepEqual(langRequests.filter((name) => wanted.includes(name)), wanted, 'the card\'s language file is fetched once, the app takes it');
          assert.equal(seen.first.title, seen.app.title, 'the document\'s title in the card\'s language');
        }
        const result = await waitForFinal(page);
        assert.equal(result.verdict, c.verdict);
        assertNoErrors(page);
      });
    });
  }
});

describe('without a first verdict to draw, the page works as before', () => {
  const pages = [
    { label: 'a result permalink', path: '#R1/x' },
    { label: 'the field sheet', path: '#sheet' },
    { label: 'a link naming another time source', path: `?endpoint=${encodeURIComponent('/time/ms')}` },
  ];
  for (const p of pages) {
    test(`${p.label}: no first module is fetched`, testOpts, async (t) => {
      await onPage(t, 16 * MIN, {}, async (page) => {
        const requested = [];
        page.on('request', (request) => requested.push(new URL(request.url()).pathname));
        await page.goto(rootServer.url + p.path);
        await page.waitForSelector('main.page:not(#shell):not([hidden])', { timeout: 20_000 });
        assert.ok(!requested.some((path) => FIRST_MODULE.test(path)), `requests: ${requested.join(' ')}`);
        assert.equal(await page.locator('[data-testid="first-verdict"]').count(), 0);
      });
    });
  }

  test('no WebAssembly: no first module, and the wasm2js build gives the verdict', testOpts, async (t) => {
    await onPage(t, 16 * MIN, {}, async (page) => {
      await page.addInitScript(() => { delete globalThis.WebAssembly; });
      const requested = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(rootServer.url);
      const result = await waitForFinal(page);
      assert.equal(result.verdict, 'rejected');
      assert.ok(!requested.some((path) => FIRST_MODULE.test(path)), `requests: ${requested.join(' ')}`);
      assert.ok(requested.some((path) => /-fallback-[0-9a-f]+\.js$/.test(path)), 'the fallback ran');
    });
  });

  test('the first module does not load (404): the app starts at once and gives the verdict', testOpts, async (t) => {
    await onPage(t, 16 * MIN, {}, async (page) => {
      await page.addInitScript(recordHandOver);
      await page.route(FIRST_MODULE, (route) => route.fulfill({ status: 404, body: 'not found' }));
      await page.goto(rootServer.url);
      const seen = await waitForApp(page, 20_000);
      assert.equal(seen.first, null, 'no card without the module');
      assert.ok(seen.app.at < 5_000, `the app did not wait for the missing module: ${seen.app.at} ms`);
      assert.equal((await waitForFinal(page)).verdict, 'rejected');
    });
  });
});

describe('speed: the first verdict under the load bench\'s profiles (cold, gzip served)', () => {
  let server;
  before(async () => { server = await startLoadServer({ distDir: await ensureDist(), encoding: 'gzip' }); });
  after(async () => { await server?.close(); });

  for (const profile of PROFILES) {
    test(`${profile.key} (${profile.latencyMs} ms, ${profile.kbps} kbit/s, CPU ${profile.cpu}×): the first verdict before the app's wasm, its median against ${profile.targetMs} ms, then the app's same verdict`, { timeout: 240_000 }, async () => {
      const firsts = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
        try {
          await context.addInitScript(recordHandOver);
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
          const throughput = profile.kbps * KBIT;
          await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latencyMs, downloadThroughput: throughput, uploadThroughput: throughput });
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
          await page.goto(server.url, { waitUntil: 'commit' });
          const seen = await waitForApp(page, 60_000);
          assertHandOver(seen);
          firsts.push(Math.round(seen.first.at));
          // The app's wasm starts once the module is in: not before (sharing the connection),
          // not long after (a round trip for its JS first would make the app late).
          const { moduleEnd, wasmStart, wasmEnd } = await page.evaluate(() => {
            const entries = performance.getEntriesByType('resource');
            const wasm = entries.find((e) => e.name.endsWith('_bg.wasm'));
            return {
              moduleEnd: entries.find((e) => /skewcheck-first-[0-9a-f]+\.wasm$/.test(e.name))?.responseEnd,
              wasmStart: wasm?.startTime,
              wasmEnd: wasm?.responseEnd,
            };
          });
          assert.ok(wasmStart >= moduleEnd && wasmStart - moduleEnd < 150 * profile.cpu, `the app's wasm started ${Math.round(wasmStart - moduleEnd)} ms after the module arrived`);
          assert.ok(seen.first.at < wasmEnd, `the first verdict (${Math.round(seen.first.at)} ms) before the app's wasm had arrived (${Math.round(wasmEnd)} ms)`);
        } finally {
          await context.close();
        }
      }
      const median = [...firsts].sort((a, b) => a - b)[RUNS >> 1];
      const met = median <= profile.targetMs ? 'met' : `missed by ${median - profile.targetMs} ms`;
      console.log(`[speed] ${profile.key}: first verdict ${firsts.join(', ')} ms (median ${median} ms; target ≤ ${profile.targetMs} ms: ${met})`);
      const bound = Math.round(profile.targetMs * MACHINE_SLACK);
      assert.ok(median <= bound, `${profile.key}: median first verdict ${median} ms > ${bound} ms, the target ${profile.targetMs} ms with this machine's slack (${firsts.join(', ')})`);
    });
  }
});

describe('the build steps', () => {
  test('dist/index.html names the first module, holds the app behind it, and preloads no app wasm', async () => {
    const dist = await ensureDist();
    const html = await readFile(path.join(dist, 'index.html'), 'utf8');
    const name = /var FIRST_MODULE = '(skewcheck-first-[0-9a-f]{16}\.wasm)';/.exec(html)?.[1];
    assert.ok(name, 'early-probe.js names the module');
    const bytes = await readFile(path.join(dist, name));
    assert.ok(WebAssembly.validate(bytes), 'the module is valid WebAssembly');
    const { instance } = await WebAssembly.instantiate(bytes, {});
    for (const exported of ['memory', 'first_alloc', 'first_card']) assert.ok(exported in instance.exports, exported);
    assert.match(html, /await window\.__skewcheckAppMayLoad;[\s\S]*const wasm = await __trunkInitializer\(/);
    assert.doesNotMatch(html, /<link rel="preload"[^>]*_bg\.wasm/);
    assert.doesNotMatch(html, /<link rel="modulepreload"/, 'the app\'s JS waits for the first module too');
    assert.doesNotMatch(html, /<!--/, 'no HTML comments left');
  });

  test('the first module answers null to what the script never sends, without trapping', async () => {
    const dist = await ensureDist();
    const html = await readFile(path.join(dist, 'index.html'), 'utf8');
    const name = /var FIRST_MODULE = '([^']+)';/.exec(html)[1];
    const { instance } = await WebAssembly.instantiate(await readFile(path.join(dist, name)), {});
    const call = (text) => {
      const input = new TextEncoder().encode(text);
      const at = instance.exports.first_alloc(input.length);
      new Uint8Array(instance.exports.memory.buffer, at, input.length).set(input);
      const answer = instance.exports.first_card(at, input.length);
      const length = new DataView(instance.exports.memory.buffer).getUint32(answer, true);
      return new TextDecoder().decode(new Uint8Array(instance.exports.memory.buffer, answer + 4, length));
    };
    for (const garbage of ['', 'null', '{', '{"href": 1}', '\u0000'.repeat(10), 'x'.repeat(100_000)]) {
      assert.equal(call(garbage), 'null', JSON.stringify(garbage.slice(0, 20)));
    }
  });

  test('compact-html drops comments and indentation, never a `//` inside code', () => {
    const script = "  // a comment\n  var url = 'https://x.example/a';\n    // another\n  var re = /\\/\\//;\n";
    assert.equal(compactScript(script), "var url = 'https://x.example/a';\nvar re = /\\/\\//;");
    const template = '  const t = `\n    kept\n  `;\n  // gone\n';
    assert.equal(compactScript(template), '  const t = `\n    kept\n  `;');
    const html = '<p>a</p>\n<!-- note -->\n<script>// x\nvar s = "<!-- not markup -->";</script>';
    assert.equal(compactHtml(html), '<p>a</p>\n<script>var s = "<!-- not markup -->";</script>');
  });

  test('first-module refuses a page it does not recognise', () => {
    const page = "<script>var FIRST_MODULE = '';</script><link rel=\"preload\" href=\"./a_bg.wasm\" as=\"fetch\" type=\"application/wasm\">"
      + '<link rel="modulepreload" href="./a.js" crossorigin="anonymous" integrity="sha384-A">'
      + '<link rel="modulepreload" href="./i.js" crossorigin="anonymous" integrity="sha384-I">'
      + "<script type=\"module\">import init, * as bindings from './a.js';\nimport initializer from './i.js';\nconst wasm = await __trunkInitializer(init);</script>";
    const wired = wireIn(page, 'skewcheck-first-0123456789abcdef.wasm');
    assert.match(wired, /var FIRST_MODULE = 'skewcheck-first-0123456789abcdef\.wasm';/);
    assert.doesNotMatch(wired, /rel="preload"|rel="modulepreload"|^import /m);
    assert.match(wired, /await window\.__skewcheckAppMayLoad;[\s\S]*\["href","\.\/a_bg\.wasm"\][\s\S]*\["integrity","sha384-A"\][\s\S]*await import\("\.\/a\.js"\)[\s\S]*await import\("\.\/i\.js"\)[\s\S]*const wasm = await __trunkInitializer\(init\);/);
    assert.throws(() => wireIn(wired, 'x.wasm'), /not empty|preloads/);
    assert.throws(() => wireIn(page.replace('const wasm = await __trunkInitializer(', 'start('), 'x.wasm'), /Trunk 0\.21/);
  });
});
