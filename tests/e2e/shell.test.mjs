// End-to-end tests for the shell (index.html): what the page says before the wasm has
// arrived, and instead of the app when the app cannot start. Headless Chromium.
//
// Run from the repo root: `node --test tests/e2e/shell.test.mjs` (SKEWCHECK_SKIP_BUILD=1 to
// reuse an existing dist/). On failure a screenshot and the DOM go to tests/e2e/.artifacts/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureDist } from './build.mjs';
import { launchBrowser, newPageWithClockOffset, pageErrors } from './browser.mjs';
import { startServer } from './server.mjs';

const TEST_TIMEOUT_MS = 90_000;
const SHELL = '[data-testid="shell"]';
const VERDICT = '[data-testid="verdict"]';
// The promise: a failure is explained within 5 s of navigation.
const EXPLAIN_WITHIN_MS = 5_000;
const ARTIFACTS = new URL('./.artifacts/', import.meta.url);

// Network and CPU profiles (DevTools protocol), as in the load bench of issue 9.
const PROFILES = {
  '3G': { latency: 300, downloadKbps: 400, uploadKbps: 400, cpu: 4 },
  'fast 4G': { latency: 40, downloadKbps: 9000, uploadKbps: 9000, cpu: 2 },
};

let browser;
let server;

before(async () => {
  server = await startServer({ distDir: await ensureDist() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});


/** Throttle `page` like a field tablet's network (cache off, as on a first visit). */
async function emulate(page, profileName) {
  const profile = PROFILES[profileName];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: (profile.downloadKbps * 1000) / 8,
    uploadThroughput: (profile.uploadKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  return cdp;
}

/** The shell's state as the DOM contract exposes it; `gone` once the app replaced it. */
function shellState(page) {
  return page.evaluate((selector) => {
    const shell = document.querySelector(selector);
    if (!shell) return { state: 'gone' };
    const failure = shell.querySelector(`.shell-failure[data-shell-reason="${shell.dataset.shellReason}"]`);
    return {
      state: shell.dataset.shellState,
      reason: shell.dataset.shellReason ?? null,
      visibleText: shell.innerText,
      failureText: failure?.innerText ?? '',
    };
  }, SHELL);
}

/** Wait until the shell says the app failed; returns its state and the ms since `since`. */
async function waitForFailure(page, since) {
  await page.waitForSelector(`${SHELL}[data-shell-state="failed"]`, { timeout: EXPLAIN_WITHIN_MS + 5_000 });
  return { ...(await shellState(page)), afterMs: Date.now() - since };
}

async function withPage(t, { offsetMs = 0, viewport, prepare }, body) {
  const page = await newPageWithClockOffset(browser, offsetMs);
  try {
    if (viewport) await page.setViewportSize(viewport);
    await prepare?.(page);
    await body(page);
  } catch (err) {
    await saveArtifacts(page, t.name);
    throw err;
  } finally {
    await page.context().close();
  }
}

async function saveArtifacts(page, name) {
  try {
    await mkdir(ARTIFACTS, { recursive: true });
    const base = `shell-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}`;
    await page.screenshot({ path: new URL(`${base}.png`, ARTIFACTS).pathname, fullPage: true });
    await writeFile(new URL(`${base}.html`, ARTIFACTS), await page.content());
  } catch {
    // The page may be gone; the assertion's message matters more.
  }
}

/** Assert the plain-words explanation for `reason` is on screen and says what to do. */
function assertExplains(shell, reason, advice) {
  assert.equal(shell.state, 'failed', JSON.stringify(shell));
  assert.equal(shell.reason, reason, JSON.stringify(shell));
  assert.doesNotMatch(shell.visibleText, /Checking this device's clock…/, 'the loading text is replaced');
  for (const words of advice) assert.match(shell.failureText, words);
  assert.ok(shell.afterMs <= EXPLAIN_WITHIN_MS, `explained after ${shell.afterMs} ms`);
}

describe('the shell speaks before the wasm', () => {
  test('3G: the title, "Checking this device\'s clock…" and a progress bar are on screen 1.5 s after navigation, before the wasm has arrived', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {}, async (page) => {
      await emulate(page, '3G');
      let wasmArrivedAt = null;
      page.on('requestfinished', (request) => {
        if (request.url().endsWith('.wasm')) wasmArrivedAt ??= Date.now();
      });
      const start = Date.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      await sleep(Math.max(0, 1_500 - (Date.now() - start)));
      const h1 = page.locator(`${SHELL} h1`);
      assert.ok(await h1.isVisible(), 'the title is visible');
      assert.equal(await h1.innerText(), "Is this device's clock right?");
      const status = page.locator('[data-testid="shell-status"]');
      assert.ok(await status.isVisible(), 'the status line is visible');
      assert.equal(await status.innerText(), "Checking this device's clock…");
      assert.ok(await page.locator('[data-testid="shell-progress"]').isVisible(), 'the progress bar is visible');
      assert.equal(wasmArrivedAt, null, 'the wasm had not arrived yet');
      assert.equal(await page.locator(VERDICT).count(), 0, 'the app had not started yet');
    }));

  test('3G: a slow download is never called a failure; progress moves, and the app replaces the shell', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {}, async (page) => {
      await page.addInitScript(() => {
        window.__shellStates = [];
        window.__progressValues = [];
        new MutationObserver(() => {
          const shell = document.querySelector('[data-testid="shell"]');
          const bar = document.querySelector('[data-testid="shell-progress"]');
          const state = shell ? shell.dataset.shellState : 'gone';
          if (window.__shellStates.at(-1) !== state) window.__shellStates.push(state);
          if (bar && bar.hasAttribute('value')) window.__progressValues.push(bar.value / bar.max);
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await emulate(page, '3G');
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.waitForSelector(VERDICT, { timeout: 60_000 });
      const states = await page.evaluate(() => window.__shellStates);
      // 'gone' first too: before the parser has reached the shell.
      assert.ok(states.includes('loading') && !states.includes('failed'), `shell states: ${states}`);
      assert.equal(states.at(-1), 'gone', `shell states: ${states}`);
      const progress = await page.evaluate(() => window.__progressValues);
      assert.ok(progress.length >= 3, `progress moved: ${progress.length} updates`);
      assert.ok(progress.some((p) => p > 0 && p < 1), 'a partial download was shown');
      assert.equal(await page.locator(SHELL).count(), 0, 'the shell is gone');
    }));
});

describe('never blank: the shell explains why the app cannot start', () => {
  test('no WebAssembly (Lockdown Mode, managed browsers): the wasm2js build of the same app gives the verdict', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, { offsetMs: 16 * 60_000, prepare: (page) => page.addInitScript(() => { delete globalThis.WebAssembly; }) }, async (page) => {
      const fallbackRequests = [];
      page.on('request', (request) => { if (/skewcheck-fallback-[0-9a-f]+\.js$/.test(request.url())) fallbackRequests.push(request.url()); });
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.waitForSelector(`${VERDICT}[data-state="done"]`, { timeout: 30_000 });
      const verdict = await page.$eval(VERDICT, (el) => ({ verdict: el.dataset.verdict, offset: Number(el.dataset.offsetMs), uncertainty: Number(el.dataset.uncertaintyMs) }));
      assert.equal(verdict.verdict, 'rejected', JSON.stringify(verdict));
      // The true offset (16 min) lies within the reported interval, as with WebAssembly.
      assert.ok(Math.abs(verdict.offset - 16 * 60_000) <= verdict.uncertainty + 2, JSON.stringify(verdict));
      assert.equal(fallbackRequests.length, 1, 'the fallback was loaded once');
      assert.equal(await page.locator(SHELL).count(), 0, 'the app replaced the shell');
      // "WebAssembly is not defined" from the wasm loader is expected, and not logged as an error.
      assert.deepEqual(pageErrors(page), []);
    }));

  test('WebAssembly refused by the page\'s own policy (Safari 15, Chrome 96: no \'wasm-unsafe-eval\'): the wasm2js build gives the verdict', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {
      offsetMs: 16 * 60_000,
      // What such a browser makes of the shipped policy: it ignores the keyword it does not
      // know, so compiling WebAssembly needs 'unsafe-eval', which the policy never grants.
      // The same policy minus the keyword makes Chromium refuse the same way.
      prepare: async (page) => {
        await page.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
          // The page's own time requests go to the same URL: only the document is rewritten.
          if (!route.request().isNavigationRequest()) return route.fallback();
          const response = await route.fetch();
          const html = await response.text();
          const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
          assert.match(policy, /script-src [^;]*'wasm-unsafe-eval'/, 'the shipped policy allows WebAssembly by the keyword');
          await route.fulfill({ response, body: html.replace(policy, policy.replace(" 'wasm-unsafe-eval'", '')) });
        });
        await page.addInitScript(() => {
          window.__fallbackSeen = null;
          window.__refusals = [];
          document.addEventListener('securitypolicyviolation', (event) => window.__refusals.push(event.blockedURI));
          new MutationObserver(() => {
            const shell = document.querySelector('[data-testid="shell"]');
            if (shell?.dataset.shellFallback) window.__fallbackSeen ??= shell.dataset.shellFallback;
          }).observe(document, { subtree: true, childList: true, attributes: true });
        });
      },
    }, async (page) => {
      const fallbackRequests = [];
      page.on('request', (request) => { if (/skewcheck-fallback-[0-9a-f]+\.js$/.test(request.url())) fallbackRequests.push(request.url()); });
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.waitForSelector(`${VERDICT}[data-state="done"]`, { timeout: 30_000 });
      // Refused twice: the first module's compile (the shell then waits for the app) and the app's.
      assert.deepEqual(await page.evaluate(() => window.__refusals), ['wasm-eval', 'wasm-eval'], 'the policy refused the WebAssembly, and nothing else');
      assert.equal(await page.locator('[data-testid="first-verdict"]').count(), 0, 'no first card without WebAssembly');
      assert.equal(await page.evaluate(() => window.__fallbackSeen), 'wasm2js', 'the shell ran the fallback');
      assert.equal(fallbackRequests.length, 1, 'the fallback was loaded once');
      const verdict = await page.$eval(VERDICT, (el) => ({ verdict: el.dataset.verdict, offset: Number(el.dataset.offsetMs), uncertainty: Number(el.dataset.uncertaintyMs) }));
      assert.equal(verdict.verdict, 'rejected', JSON.stringify(verdict));
      assert.ok(Math.abs(verdict.offset - 16 * 60_000) <= verdict.uncertainty + 2, JSON.stringify(verdict));
      assert.equal(await page.locator(SHELL).count(), 0, 'the app replaced the shell');
      // The browser's own report of the refusal is the only console error.
      const errors = pageErrors(page);
      assert.ok(errors.every((e) => e.type === 'console' && /unsafe-eval/.test(e.text)), JSON.stringify(errors));
    }));

  test('with WebAssembly, the fallback is never downloaded', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {}, async (page) => {
      const fallbackRequests = [];
      page.on('request', (request) => { if (request.url().includes('-fallback-')) fallbackRequests.push(request.url()); });
      await page.goto(server.url);
      await page.waitForSelector(`${VERDICT}[data-state="done"]`, { timeout: 30_000 });
      assert.deepEqual(fallbackRequests, []);
    }));

  test('the wasm is compiled while it streams: served as application/wasm and handed to WebAssembly.instantiateStreaming', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {
      prepare: (page) => page.addInitScript(() => {
        // Record which WebAssembly entry point the loader used; the browser's own stays in place.
        window.__wasmCalls = [];
        for (const name of ['instantiateStreaming', 'compileStreaming', 'instantiate', 'compile']) {
          const original = WebAssembly[name];
          WebAssembly[name] = function (source, ...rest) {
            window.__wasmCalls.push({ name, source: Object.prototype.toString.call(source), bytes: source?.byteLength ?? null });
            return original.call(this, source, ...rest);
          };
        }
      }),
    }, async (page) => {
      const wasmTypes = [];
      let firstModuleBytes = null;
      page.on('response', async (response) => {
        if (response.url().endsWith('_bg.wasm')) wasmTypes.push(response.headers()['content-type']);
        if (/skewcheck-first-[0-9a-f]+\.wasm$/.test(response.url())) firstModuleBytes = (await response.body()).length;
      });
      await page.goto(server.url);
      await page.waitForSelector(`${VERDICT}[data-state="done"]`, { timeout: 30_000 });
      assert.deepEqual(wasmTypes, ['application/wasm']);
      // The first module (85 KiB, issue 22) is compiled while it streams too where served as
      // application/wasm (else from an ArrayBuffer of its bytes: any host's Content-Type will
      // do); apart from it, every instantiation is the app's.
      const all = await page.evaluate(() => window.__wasmCalls);
      assert.equal(all[0]?.name, 'instantiateStreaming', `the first module first: ${JSON.stringify(all)}`);
      const calls = all.slice(1);
      // A Response (or its promise) goes to instantiateStreaming; an ArrayBuffer to instantiate
      // would mean the whole file was downloaded before compiling began.
      assert.ok(firstModuleBytes > 0, 'the first module was fetched');
      assert.equal(calls[0]?.name, 'instantiateStreaming', JSON.stringify(calls));
      assert.ok(!calls.some((call) => call.name === 'instantiate' && call.source === '[object ArrayBuffer]'), JSON.stringify(calls));
    }));

  test('no WebAssembly and the fallback cannot load: an explanation within 5 s', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {
      prepare: async (page) => {
        await page.addInitScript(() => { delete globalThis.WebAssembly; });
        await page.route(/skewcheck-fallback-[0-9a-f]+\.js$/, (route) => route.abort());
      },
    }, async (page) => {
      const start = Date.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      assertExplains(await waitForFailure(page, start), 'no-wasm', [/WebAssembly/, /Lockdown Mode/, /Website Settings/, /another browser/]);
      assert.equal(await page.locator(VERDICT).count(), 0);
    }));

  test('a corrupt wasm (instantiation fails): an explanation within 5 s', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {
      prepare: (page) => page.route('**/*.wasm', (route) => route.fulfill({
        status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm this is not a module'),
      })),
    }, async (page) => {
      const start = Date.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      const shell = await waitForFailure(page, start);
      assertExplains(shell, 'load-failed', [/Reload the page/, /another browser/]);
      assert.match(shell.failureText, /Technical detail: CompileError/);
    }));

  test('the loader script cannot be downloaded: the watchdog speaks within 5 s', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, { prepare: (page) => page.route(/\/skewcheck-[0-9a-f]+\.js$/, (route) => route.abort()) }, async (page) => {
      const start = Date.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      assertExplains(await waitForFailure(page, start), 'load-failed', [/Reload the page/, /another browser/]);
    }));

  test('a browser that runs no module script (too old for the loader): the watchdog speaks within 5 s', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {
      // What such a browser does with the page: skip every <script type="module">. Only the
      // type changes, so the scripts' CSP hashes still match. Nor does it know
      // `script.noModule`, by which the shell tells it cannot load the fallback either.
      prepare: async (page) => {
        await page.addInitScript(() => { delete HTMLScriptElement.prototype.noModule; });
        await page.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
          const response = await route.fetch();
          const html = (await response.text()).replaceAll('<script type="module">', '<script type="text/x-unsupported-module">');
          await route.fulfill({ response, body: html });
        });
      },
    }, async (page) => {
      const start = Date.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      assertExplains(await waitForFailure(page, start), 'too-old', [/too old/, /iPadOS 15 or later/, /another|up-to-date/]);
    }));

  /**
   * What a browser too old for the loader's syntax (Safari before 15, Chrome before 89) finds:
   * every inline module script unparseable. The policy meta tag goes too: the edited scripts
   * no longer match its hashes, and here the parse must fail, not the policy.
   */
  const loaderUnparseable = (page) => page.route((url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
    if (!route.request().isNavigationRequest()) return route.fallback();
    const response = await route.fetch();
    const html = (await response.text())
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replaceAll('<script type="module">', '<script type="module">await import.meta %% ;');
    await route.fulfill({ response, body: html });
  });

  test('a browser that cannot parse the loader (Safari before 15: top-level await is a syntax error) nor run the fallback: the watchdog speaks within 5 s', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {
      prepare: async (page) => {
        await loaderUnparseable(page);
        await page.route(/skewcheck-fallback-[0-9a-f]+\.js$/, (route) => route.abort());
      },
    }, async (page) => {
      const start = Date.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      assertExplains(await waitForFailure(page, start), 'too-old', [/too old/, /iPadOS 15 or later/]);
    }));

  test('a browser that cannot parse the loader (Safari 14, Chrome 88) but runs module scripts: the wasm2js build gives the verdict', { timeout: TEST_TIMEOUT_MS }, (t) =>
    withPage(t, {
      offsetMs: 16 * 60_000,
      prepare: async (page) => {
        await loaderUnparseable(page);
        await page.addInitScript(() => {
          window.__fallbackSeen = null;
          new MutationObserver(() => {
            const shell = document.querySelector('[data-testid="shell"]');
            if (shell?.dataset.shellFallback) window.__fallbackSeen ??= shell.dataset.shellFallback;
          }).observe(document, { subtree: true, childList: true, attributes: true });
        });
      },
    }, async (page) => {
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.waitForSelector(`${VERDICT}[data-state="done"]`, { timeout: 30_000 });
      assert.equal(await page.evaluate(() => window.__fallbackSeen), 'wasm2js', 'the shell ran the fallback');
      const verdict = await page.$eval(VERDICT, (el) => ({ verdict: el.dataset.verdict, offset: Number(el.dataset.offsetMs), uncertainty: Number(el.dataset.uncertaintyMs) }));
      assert.equal(verdict.verdict, 'rejected', JSON.stringify(verdict));
      assert.ok(Math.abs(verdict.offset - 16 * 60_000) <= verdict.uncertainty + 2, JSON.stringify(verdict));
      assert.equal(await page.locator(SHELL).count(), 0, 'the app replaced the shell');
      // The unparseable scripts' SyntaxErrors are the emulation's; nothing else may fail.
      const errors = pageErrors(page).filter((e) => !(e.type === 'pageerror' && /SyntaxError/.test(e.text)));
      assert.deepEqual(errors, []);
    }));
});

describe('the watchdog runs where the app cannot', () => {
  test('the shell\'s classic script uses ES5 syntax only (it must run in browsers too old for the app)', async () => {
    const html = await readFile(path.join(await ensureDist(), 'index.html'), 'utf8');
    const classic = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    // The shell's watchdog and the early time request: both must at least parse in old browsers.
    assert.ok(classic.some((body) => body.includes('data-shell-state')), 'the shell\'s watchdog is a classic inline script');
    const script = classic.join('\n').replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'/g, "''");
    const newer = {
      'arrow function': /=>/, 'let/const': /\b(?:let|const)\s/, 'template literal': /`/, 'optional chaining': /\?\./,
      'nullish coalescing': /\?\?/, class: /\bclass\s/, 'spread/rest': /\.\.\./, 'async/await': /\b(?:async|await)\b/,
      'for…of': /\bfor\s*\([^)]*\bof\b/, 'default parameter': /function\s*\w*\([^)]*=/,
    };
    for (const [feature, pattern] of Object.entries(newer)) assert.doesNotMatch(script, pattern, `${feature} in the shell's classic script`);
  });
});

describe('the app replaces the shell without layout shift', () => {
  function recordLayoutShift() {
    window.__shift = 0;
    window.__shellSeen = false;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    requestAnimationFrame(function seen() {
      if (document.querySelector('[data-testid="shell"]')) window.__shellSeen = true;
      else if (!document.querySelector('[data-testid="verdict"]')) requestAnimationFrame(seen);
    });
  }
  const viewports = [
    { name: 'iPad portrait', size: { width: 820, height: 1180 } },
    { name: 'phone', size: { width: 390, height: 844 } },
  ];
  for (const viewport of viewports) {
    test(`${viewport.name}, fast 4G: the shell is painted, then replaced; layout shift below 0.01`, { timeout: TEST_TIMEOUT_MS }, (t) =>
      withPage(t, { viewport: viewport.size, prepare: (page) => page.addInitScript(recordLayoutShift) }, async (page) => {
        await emulate(page, 'fast 4G');
        await page.goto(server.url, { waitUntil: 'commit' });
        await page.waitForSelector(`${VERDICT}[data-state="done"]`, { timeout: 30_000 });
        await sleep(300); // let the observer deliver the last entries
        assert.ok(await page.evaluate(() => window.__shellSeen), 'the shell was on screen before the app');
        assert.equal(await page.locator(SHELL).count(), 0, 'the shell is gone');
        const shift = await page.evaluate(() => window.__shift);
        assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
        assert.deepEqual(pageErrors(page), []);
      }));
  }
});
