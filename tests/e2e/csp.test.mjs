// End-to-end tests of the shipped Content-Security-Policy (scripts/csp.mjs, a Trunk
// post_build hook): what dist/ carries, and the real page under the strict policy — sent as a
// response header too, as a host following the README would — in headless Chromium.
//
// Run from the repo root: `node --test tests/e2e/csp.test.mjs` (SKEWCHECK_SKIP_BUILD=1 to
// reuse an existing dist/).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ensureDist } from './build.mjs';
import { launchBrowser, newPageWithClockOffset, pageErrors } from './browser.mjs';
import { startServer } from './server.mjs';

const MIN = 60_000;
const TEST_TIMEOUT_MS = 60_000;
const SETTLE_TIMEOUT_MS = 30_000;
const ROUNDING_MS = 2;
const VERDICT = '[data-testid="verdict"]';

let dist;
let shipped; // { html, metaPolicy, scriptHashes, headersFile, nginxFile }
let strictServer; // dist/ with the strict policy (connect-src 'self') as a header
let otherServer; // another origin with time endpoints
let browser;

before(async () => {
  dist = await ensureDist();
  shipped = await readShipped(dist);
  strictServer = await startServer({ distDir: dist, headers: strictHeaders(shipped.scriptHashes) });
  otherServer = await startServer({ distDir: dist });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await strictServer?.close();
  await otherServer?.close();
});

// ---------------------------------------------------------------- helpers

/** The policy from the issue, exactly: only the page's own origin, and the hashes of its inline scripts. */
function strictPolicy(scriptHashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const strictHeaders = (scriptHashes) => ({
  'Content-Security-Policy': strictPolicy(scriptHashes),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
});

/** sha256 source expressions of the inline scripts in `html`, computed here independently of the build. */
function inlineScriptHashes(html) {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attributes]) => !/\bsrc=/i.test(attributes))
    .map(([, , body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
}

async function readShipped(dir) {
  const html = await readFile(path.join(dir, 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  return {
    html,
    metaAt: meta?.index ?? -1,
    metaPolicy: meta?.[1] ?? null,
    scriptHashes: inlineScriptHashes(html),
    headersFile: await readFile(path.join(dir, '_headers'), 'utf8'),
    nginxFile: await readFile(path.join(dir, 'nginx-headers.conf'), 'utf8'),
  };
}

/** `policy` as a map from directive name to its list of sources. */
function directives(policy) {
  return new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources];
  }));
}

// Init script: every CSP violation the page reports, as a plain object.
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, disposition: e.disposition });
  }, true);
}

/** Open `server.url + search` with the device clock `offsetMs` off, wait for the final verdict, run `check`. */
async function withPage({ server = strictServer, offsetMs, search = '' }, check) {
  const page = await newPageWithClockOffset(browser, offsetMs);
  await page.addInitScript(recordViolations);
  try {
    await page.goto(server.url + search);
    await page.waitForFunction((selector) => {
      const el = document.querySelector(selector);
      return el && (el.dataset.state === 'error' || (el.dataset.state === 'done' && el.dataset.refining === 'false'));
    }, VERDICT, { timeout: SETTLE_TIMEOUT_MS });
    const verdict = await page.$eval(VERDICT, (el) => ({ ...el.dataset }));
    await check({ page, verdict, violations: () => page.evaluate(() => window.__violations) });
  } finally {
    await page.context().close();
  }
}

/** Assert a settled verdict whose interval holds the true offset, with no violation and no page error. */
async function assertCleanVerdict({ page, verdict, violations }, offsetMs, expected) {
  const ctx = JSON.stringify({ verdict, errors: page.__errors });
  assert.equal(verdict.state, 'done', ctx);
  assert.equal(verdict.verdict, expected, ctx);
  const miss = Math.abs(Number(verdict.offsetMs) - offsetMs);
  assert.ok(miss <= Number(verdict.uncertaintyMs) + ROUNDING_MS, `offset outside its uncertainty: ${ctx}`);
  // Whatever renders after the verdict (details, QR code, report) must also stay inside the policy.
  await page.locator('[data-testid="report"]').scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  assert.deepEqual(await violations(), [], 'securitypolicyviolation events');
  // Chromium logs every CSP refusal as a console error; its own /favicon.ico probe is not the
  // page's, nor is the 404 of the optional skewcheck.json these tests do not deploy.
  const errors = pageErrors(page);
  assert.deepEqual(errors, [], 'page and console errors');
}

// ---------------------------------------------------------------- tests

describe('the policy shipped in dist/', () => {
  test('index.html carries it in a meta tag before any script, with the hash of every inline script', () => {
    const { html, metaAt, metaPolicy, scriptHashes } = shipped;
    assert.ok(metaPolicy, 'no Content-Security-Policy meta tag in dist/index.html');
    assert.ok(scriptHashes.length >= 1, 'Trunk\'s inline loader is missing');
    assert.ok(metaAt < html.search(/<script\b/i), 'a script comes before the policy (a meta policy only covers what follows it)');
    const policy = directives(metaPolicy);
    assert.deepEqual(policy.get('script-src'), ["'self'", "'wasm-unsafe-eval'", ...scriptHashes]);
    assert.deepEqual(policy.get('default-src'), ["'self'"]);
    assert.deepEqual(policy.get('style-src'), ["'self'"]);
    assert.deepEqual(policy.get('img-src'), ["'self'", 'data:']);
    assert.deepEqual(policy.get('base-uri'), ["'none'"]);
    assert.deepEqual(policy.get('object-src'), ["'none'"]);
    assert.deepEqual(policy.get('form-action'), ["'none'"]);
    assert.equal(policy.get('connect-src')?.[0], "'self'");
    assert.ok(!/unsafe-inline|'unsafe-eval'|\s\*(\s|;|$)/.test(metaPolicy), metaPolicy);
  });

  test('_headers and nginx-headers.conf send the same policy plus frame-ancestors, nosniff and no-referrer', () => {
    const full = `${shipped.metaPolicy}; frame-ancestors 'none'`;
    assert.ok(shipped.headersFile.split('\n').includes('/*'), shipped.headersFile);
    for (const line of [`  Content-Security-Policy: ${full}`, '  X-Content-Type-Options: nosniff', '  Referrer-Policy: no-referrer']) {
      assert.ok(shipped.headersFile.split('\n').includes(line), `_headers lacks ${JSON.stringify(line)}:\n${shipped.headersFile}`);
    }
    for (const line of [`add_header Content-Security-Policy "${full}" always;`,
      'add_header X-Content-Type-Options "nosniff" always;', 'add_header Referrer-Policy "no-referrer" always;']) {
      assert.ok(shipped.nginxFile.split('\n').includes(line), `nginx-headers.conf lacks ${JSON.stringify(line)}:\n${shipped.nginxFile}`);
    }
  });
});

describe('the page under the strict policy (meta tag and response header)', () => {
  test('Date header, device 16 min fast → rejected, zero violations', { timeout: TEST_TIMEOUT_MS }, () =>
    withPage({ offsetMs: 16 * MIN }, (ctx) => assertCleanVerdict(ctx, 16 * MIN, 'rejected')));

  test('?endpoint=/time/ms, device 3 s fast → ok, zero violations', { timeout: TEST_TIMEOUT_MS }, () =>
    withPage({ offsetMs: 3_000, search: '?endpoint=/time/ms' }, (ctx) => assertCleanVerdict(ctx, 3_000, 'ok')));

  test('an injected inline script is blocked and reported; the page still measures', { timeout: TEST_TIMEOUT_MS }, async () => {
    const injected = await startServer({
      distDir: dist,
      headers: strictHeaders(shipped.scriptHashes),
      injectHeadScript: 'window.__injectedRan = true; document.documentElement.dataset.injected = "ran";',
    });
    try {
      await withPage({ server: injected, offsetMs: 3_000, search: '?endpoint=/time/ms' }, async ({ page, verdict, violations }) => {
        assert.equal(await page.evaluate(() => window.__injectedRan), undefined, 'the injected script ran');
        assert.equal(await page.evaluate(() => document.documentElement.dataset.injected), undefined);
        const seen = await violations();
        assert.ok(seen.some((v) => v.directive === 'script-src-elem' && v.blocked === 'inline' && v.disposition === 'enforce'),
          `no enforced inline-script violation reported: ${JSON.stringify(seen)}`);
        assert.equal(verdict.state, 'done', JSON.stringify(verdict));
        assert.equal(verdict.verdict, 'ok', JSON.stringify(verdict));
      });
    } finally {
      await injected.close();
    }
  });

  test('?endpoint= on an origin connect-src does not list → a clear error, not a hang', { timeout: TEST_TIMEOUT_MS }, async () => {
    const foreign = `${otherServer.baseUrl}/time/ms`;
    const started = Date.now();
    await withPage({ offsetMs: 3_000, search: `?endpoint=${encodeURIComponent(foreign)}` }, async ({ page, verdict, violations }) => {
      const ctx = JSON.stringify(verdict);
      assert.equal(verdict.state, 'error', ctx);
      assert.equal(verdict.verdict, 'unknown', ctx);
      assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
      const message = await page.textContent('[data-testid="error"]');
      assert.match(message, /could not reach/i);
      assert.ok(message.includes(otherServer.baseUrl), message);
      const seen = await violations();
      assert.ok(seen.some((v) => v.directive === 'connect-src' && v.blocked.startsWith(otherServer.baseUrl)),
        `no connect-src violation for ${foreign}: ${JSON.stringify(seen)}`);
      // The browser refused locally: nothing reached the other origin.
      assert.deepEqual(otherServer.requests.filter((r) => r.path.startsWith('/time/')), []);
    });
  });
});
