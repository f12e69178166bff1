// The deploy kit end to end: a skewcheck.json beside index.html (title, service, support
// link, allowed_endpoints, a malformed file, no delay to the first verdict), and the
// packaged release (scripts/package) served by a real nginx and a real Caddy from Debian's
// packages with exactly the documented deploy/nginx.conf and deploy/Caddyfile.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { ensureDist, repoRoot } from './build.mjs';
import { launchBrowser, newPageWithClockOffset, pageErrors } from './browser.mjs';
import { startServer } from './server.mjs';

const run = promisify(execFile);
const VERDICT = '[data-testid="verdict"]';
const SETTLE_TIMEOUT_MS = 20_000;

let browser;
let dist;
const cleanups = [];

before(async () => {
  dist = await ensureDist();
  browser = await launchBrowser();
});

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await browser?.close();
});

/** A copy of dist/ with `config` as its skewcheck.json (an object, or raw text), served. */
async function serveWithConfig(config) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'skewcheck-site-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(dist, dir, { recursive: true });
  await writeFile(path.join(dir, 'skewcheck.json'), typeof config === 'string' ? config : JSON.stringify(config));
  const server = await startServer({ distDir: dir });
  cleanups.push(() => server.close());
  return server;
}

/** Records every verdict state the page shows, with its service and the real time (the device clock is faked). */
function recordVerdicts() {
  window.__verdicts = [];
  let last = '';
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="verdict"]');
    if (!el) return;
    const seen = `${el.dataset.state}/${el.dataset.verdict}/${el.dataset.service}`;
    if (seen === last) return;
    last = seen;
    window.__verdicts.push({ state: el.dataset.state, verdict: el.dataset.verdict, service: el.dataset.service, at: performance.timeOrigin + performance.now() });
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

async function openPage(url, offsetMs, { route } = {}) {
  const page = await newPageWithClockOffset(browser, offsetMs);
  await page.addInitScript(recordVerdicts);
  if (route) await page.route('**/skewcheck.json', route);
  await page.goto(url);
  return page;
}

/** Waits for a result (`done`) or an error and returns the verdict element's attributes. */
async function settled(page) {
  await page.waitForFunction((sel) => ['done', 'error'].includes(document.querySelector(sel)?.dataset.state),
    VERDICT, { timeout: SETTLE_TIMEOUT_MS });
  return page.$eval(VERDICT, (el) => ({
    ...el.dataset,
    error: document.querySelector('[data-testid="error"]')?.textContent ?? null,
  }));
}

describe('skewcheck.json beside index.html', () => {
  test('title, service kerberos and a support email: the heading, Kerberos\'s verdict and a mailto link', async (t) => {
    const server = await serveWithConfig({
      title: 'Acme Sync — clock check',
      service: 'kerberos',
      support: { email: 'help@acme.example', name: 'Acme' },
    });
    // 400 s fast: fine for Amazon S3 (15 min), too much for Kerberos (5 min).
    const page = await openPage(`${server.url}?ref=T-77`, 400_000);
    try {
      const verdict = await settled(page);
      assert.equal(verdict.state, 'done', JSON.stringify(verdict));
      assert.equal(verdict.service, 'kerberos');
      assert.equal(verdict.verdict, 'rejected');
      t.diagnostic(`first verdict ${verdict.firstVerdictMs} ms after start (the file changed the service: measured again)`);
      const shown = await page.evaluate(() => window.__verdicts.filter((v) => v.state !== 'measuring'));
      assert.deepEqual(shown.filter((v) => v.service !== 'kerberos'), [], 'no verdict for another service was ever shown');
      assert.equal((await page.textContent('h1')).trim(), 'Acme Sync — clock check');
      assert.equal(await page.title(), 'Acme Sync — clock check');
      // The deployment's title is its own words: a switch of language keeps it.
      await page.selectOption('[data-testid="language"]', 'de');
      await page.waitForFunction(() => document.documentElement.lang === 'de', null, { timeout: 5_000 });
      assert.equal(await page.title(), 'Acme Sync — clock check');
      await page.selectOption('[data-testid="language"]', 'en');
      await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 5_000 });

      const link = page.locator('[data-testid="support-email"]');
      await link.waitFor({ timeout: SETTLE_TIMEOUT_MS });
      assert.equal((await link.textContent()).trim(), 'Email this result to Acme support');
      const href = await link.getAttribute('href');
      assert.match(href, /^mailto:help@acme\.example\?subject=[^&]+&body=/);
      const query = new URLSearchParams(href.slice(href.indexOf('?') + 1).replaceAll('+', '%2B'));
      assert.match(query.get('subject'), /T-77/);
      assert.match(query.get('body'), /^skewcheck result — ref T-77\r\n/);
      assert.match(query.get('body'), /REJECTED/);
      assert.equal(await page.locator('[data-testid="site-config-notice"]').count(), 0, 'a valid file has no notices');
    } finally {
      await page.context().close();
    }
  });

  test('allowed_endpoints refuses a link endpoint outside the list: error state, clear message, no request to it', async () => {
    const server = await serveWithConfig({ allowed_endpoints: ['https://time.acme.example', '/time/'] });
    const outside = await startServer({ distDir: dist });
    cleanups.push(() => outside.close());
    const page = await openPage(`${server.url}?endpoint=${encodeURIComponent(`${outside.baseUrl}/time/ms`)}`, 0);
    try {
      const verdict = await settled(page);
      assert.equal(verdict.state, 'error', JSON.stringify(verdict));
      assert.match(verdict.error, /does not measure against “http:\/\/127\.0\.0\.1:\d+\/time\/ms” \(the link's “endpoint”\): its owner allows only these time sources: https:\/\/time\.acme\.example\/, http:\/\/127\.0\.0\.1:\d+\/time\//);
      assert.deepEqual(outside.requests.map((r) => r.url), [], 'the refused endpoint was never asked');
    } finally {
      await page.context().close();
    }
    // An endpoint under an allowed prefix is measured as usual.
    const allowed = await openPage(`${server.url}?endpoint=/time/ms`, 3_000);
    try {
      const verdict = await settled(allowed);
      assert.equal(verdict.state, 'done', JSON.stringify(verdict));
      assert.equal(verdict.verdict, 'ok');
    } finally {
      await allowed.context().close();
    }
  });

  // A 404 means no file and no list; any other failure to read the file leaves the owner's
  // list unknown, so the link's endpoint is refused rather than measured (fail closed).
  for (const [how, answer] of [
    ['a 503', (route) => route.fulfill({ status: 503, body: 'busy' })],
    ['a network error', (route) => route.abort('failed')],
    ['a body over 64 KiB', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: `{"title":"${'x'.repeat(70_000)}"}` })],
    ['no answer within 3 s', async (route) => { await sleep(3_500); await route.fulfill({ status: 200, body: '{}' }).catch(() => {}); }],
  ]) {
    test(`skewcheck.json unreadable (${how}): a link's endpoint is refused, never asked, and the page says why`, async () => {
      const server = await startServer({ distDir: dist });
      cleanups.push(() => server.close());
      const first = server.requests.length;
      const page = await openPage(`${server.url}?endpoint=/time/ms&endpoint2=/time/seconds`, 0, { route: answer });
      try {
        const verdict = await settled(page);
        assert.equal(verdict.state, 'error', JSON.stringify(verdict));
        assert.notEqual(verdict.verdict, 'ok');
        assert.match(verdict.error, /could not read its owner's settings \(skewcheck\.json\), so it does not measure against the time source this link names/);
        const asked = server.requests.slice(first).filter((r) => r.path.startsWith('/time/'));
        assert.deepEqual(asked.map((r) => r.path), [], 'the link\'s endpoints were never asked');
      } finally {
        await page.context().close();
      }
    });
  }

  // On a slow link the early request shares the line with the page's own files: the page
  // asks once more before it refuses.
  test('skewcheck.json given up on early, answered the second time: a link\'s endpoint is measured', async () => {
    const server = await startServer({ distDir: dist });
    cleanups.push(() => server.close());
    let asked = 0;
    const lateOnce = async (route) => {
      asked += 1;
      if (asked === 1) await sleep(3_500);
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{"allowed_endpoints": ["/time/"]}' }).catch(() => {});
    };
    const page = await openPage(`${server.url}?endpoint=/time/ms`, 3_000, { route: lateOnce });
    try {
      const verdict = await settled(page);
      assert.equal(verdict.state, 'done', JSON.stringify(verdict));
      assert.equal(verdict.verdict, 'ok');
      assert.equal(asked, 2, 'the early request and one more, never a third');
      assert.equal(await page.locator('[data-testid="site-config-notice"]').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  test('skewcheck.json absent (404): a link\'s endpoint is measured as before', async () => {
    const server = await startServer({ distDir: dist });
    cleanups.push(() => server.close());
    const page = await openPage(`${server.url}?endpoint=/time/ms`, 3_000);
    try {
      const verdict = await settled(page);
      assert.equal(verdict.state, 'done', JSON.stringify(verdict));
      assert.equal(verdict.verdict, 'ok');
    } finally {
      await page.context().close();
    }
  });

  test('a malformed skewcheck.json: the defaults, a working page and a notice for its owner', async () => {
    const server = await serveWithConfig('{ "title": "Acme", "service": ');
    const page = await openPage(server.url, 1_200_000);
    try {
      const verdict = await settled(page);
      assert.equal(verdict.state, 'done', JSON.stringify(verdict));
      assert.equal(verdict.service, 's3');
      assert.equal(verdict.verdict, 'rejected');
      assert.equal((await page.textContent('h1')).trim(), "Is this device's clock right?");
      const notice = page.locator('[data-testid="site-config-notice"]');
      await notice.first().waitFor({ state: 'attached', timeout: SETTLE_TIMEOUT_MS });
      assert.match(await notice.first().textContent(), /skewcheck\.json is not valid JSON/);
      assert.equal(await page.locator('[data-testid="support-email"]').count(), 0);
    } finally {
      await page.context().close();
    }
  });

  test('the file costs the first verdict no round trip: time requests go out while it is on its way', async (t) => {
    const server = await serveWithConfig({});
    const first = server.requests.length;
    let releasedAt = 0;
    // The file takes a second to arrive; the time samples must not wait for it.
    const route = async (request) => {
      await sleep(1_000);
      releasedAt = Date.now();
      await request.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ title: 'Slow config' }) });
    };
    const page = await openPage(server.url, 3_000, { route });
    try {
      const verdict = await settled(page);
      assert.equal(verdict.verdict, 'ok', JSON.stringify(verdict));
      const samples = server.requests.slice(first).filter((r) => r.url.includes('skewcheck='));
      assert.ok(samples.length > 0 && samples[0].time < releasedAt - 500,
        `time samples began before the file arrived: first at ${samples[0]?.time}, file at ${releasedAt}`);
      const done = await page.evaluate(() => window.__verdicts.find((v) => v.state === 'done'));
      // The verdict waited for the file (it may change the service), then showed at once.
      assert.ok(done.at >= releasedAt && done.at - releasedAt < 400, `verdict ${done.at - releasedAt} ms after the file`);
      t.diagnostic(`verdict ${Math.round(done.at - releasedAt)} ms after the file arrived`);
      assert.equal((await page.textContent('h1')).trim(), 'Slow config');
    } finally {
      await page.context().close();
    }
  });
});

describe('skewcheck.json asked for by early-probe.js, before the WebAssembly', () => {
  /** A route handler: the request reaches the server at once, its answer reaches the page `ms` later. */
  const answerAfter = (ms) => async (route) => {
    const response = await route.fetch();
    await sleep(ms);
    await route.fulfill({ response });
  };

  test('asked for once, before the wasm; with it and the early HEAD 400 ms slow, the first verdict waits for no round trip after app start', async (t) => {
    const server = await serveWithConfig({ title: 'Early config' });
    const first = server.requests.length;
    const page = await newPageWithClockOffset(browser, 3_000);
    await page.addInitScript(recordVerdicts);
    await page.route((url) => url.pathname.endsWith('/skewcheck.json'), answerAfter(400));
    await page.route((url) => url.searchParams.has('skewcheck'),
      (route) => (route.request().method() === 'HEAD' ? answerAfter(400)(route) : route.continue()));
    // The WebAssembly is the long pole, as on a slow link (there it takes seconds): both
    // early answers are in by the time the app starts.
    await page.route((url) => url.pathname.endsWith('.wasm'), answerAfter(800));
    try {
      await page.goto(server.url);
      const verdict = await settled(page);
      assert.equal(verdict.verdict, 'ok', JSON.stringify(verdict));
      const traffic = server.requests.slice(first).map((r) => `${r.method} ${r.path}`);
      const files = traffic.filter((r) => r === 'GET /skewcheck.json');
      assert.equal(files.length, 1, `skewcheck.json asked for once: ${traffic.join(', ')}`);
      const fileAt = traffic.indexOf('GET /skewcheck.json');
      const wasmAt = traffic.findIndex((r) => r.endsWith('.wasm'));
      assert.ok(fileAt >= 0 && wasmAt > fileAt, `skewcheck.json before the wasm: ${traffic.join(', ')}`);
      // Asked at app start, the file would take its 400 ms after it.
      t.diagnostic(`first verdict ${verdict.firstVerdictMs} ms after app start`);
      assert.ok(Number(verdict.firstVerdictMs) < 250, `first verdict ${verdict.firstVerdictMs} ms after app start`);
      assert.equal((await page.textContent('h1')).trim(), 'Early config', 'the early answer was used');
      assert.deepEqual(page.__errors, []);
    } finally {
      await page.context().close();
    }
  });

  test('an early answer that does not hold together: the page asks for the file itself', async () => {
    const server = await serveWithConfig({ title: 'Asked again' });
    const first = server.requests.length;
    // A 200 without its body: refused, so the page fetches the file as without the script.
    const spoil = () => Object.defineProperty(window, '__skewcheckSiteConfig', {
      configurable: true, get: () => Promise.resolve({ status: 200 }), set: () => {},
    });
    const page = await newPageWithClockOffset(browser, 3_000);
    await page.addInitScript(spoil);
    try {
      await page.goto(server.url);
      const verdict = await settled(page);
      assert.equal(verdict.verdict, 'ok', JSON.stringify(verdict));
      assert.equal((await page.textContent('h1')).trim(), 'Asked again');
      const files = server.requests.slice(first).filter((r) => r.path === '/skewcheck.json');
      assert.equal(files.length, 2, 'the early request, then the page\'s own');
    } finally {
      await page.context().close();
    }
  });
});

describe('the shipped policy follows skewcheck.json (scripts/csp.mjs, the release\'s update-csp.mjs)', () => {
  test('connect-src gains the origins of endpoint, endpoint2 and allowed_endpoints; SKEWCHECK_CONNECT_SRC still adds its own', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'skewcheck-csp-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(dist, dir, { recursive: true });
    await writeFile(path.join(dir, 'skewcheck.json'), JSON.stringify({
      endpoint: 'https://time.acme.example/now?x=1',
      endpoint2: '/time',
      allowed_endpoints: ['https://clock.acme.example:8443/prefix/', 'https://time.acme.example', 42],
    }));
    const env = { ...process.env, SKEWCHECK_CONNECT_SRC: 'https://extra.example' };
    delete env.TRUNK_STAGING_DIR;
    await run('node', [path.join(repoRoot, 'scripts', 'csp.mjs'), dir], { env });
    const connectSrc = (text) => /connect-src ([^;"]*)/.exec(text)?.[1];
    const expected = "'self' https://extra.example https://time.acme.example https://clock.acme.example:8443";
    assert.equal(connectSrc(await readFile(path.join(dir, 'index.html'), 'utf8')), expected);
    assert.equal(connectSrc(await readFile(path.join(dir, '_headers'), 'utf8')), expected);
    assert.equal(connectSrc(await readFile(path.join(dir, 'nginx-headers.conf'), 'utf8')), expected);
    // A file the page would ignore adds nothing (and does not fail the build).
    await writeFile(path.join(dir, 'skewcheck.json'), '{ not json');
    await run('node', [path.join(repoRoot, 'scripts', 'csp.mjs'), dir], { env: { ...env, SKEWCHECK_CONNECT_SRC: '' } });
    assert.equal(connectSrc(await readFile(path.join(dir, 'index.html'), 'utf8')), "'self'");
  });
});

/** A free TCP port on loopback. */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function which(command) {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The release as a team gets it: scripts/package's zip, unzipped in a new folder. scripts/package
 * refuses the end-to-end build (its connect-src allows loopback origins), so it packages a copy
 * of dist/ whose policy scripts/csp.mjs wrote again as a release build's (the same page).
 */
async function unpackedRelease(server) {
  await ensureDist();
  const work = await mkdtemp(path.join(os.tmpdir(), `skewcheck-${server}-`));
  cleanups.push(() => rm(work, { recursive: true, force: true }));
  const release = path.join(work, 'dist');
  await cp(dist, release, { recursive: true });
  const env = { ...process.env };
  for (const name of ['TRUNK_STAGING_DIR', 'SKEWCHECK_CONNECT_SRC', 'SKEWCHECK_BUILD_PROFILE']) delete env[name];
  await run('node', [path.join(repoRoot, 'scripts', 'csp.mjs'), release], { env });
  await run(path.join(repoRoot, 'scripts', 'package'), [], {
    cwd: repoRoot, env: { ...env, SKEWCHECK_SKIP_BUILD: '1', SKEWCHECK_DIST_DIR: release, SKEWCHECK_PACKAGE_DIR: work },
  });
  const version = /^version = "([^"]+)"/m.exec(await readFile(path.join(repoRoot, 'Cargo.toml'), 'utf8'))[1];
  await run('unzip', ['-q', path.join(work, `skewcheck-${version}.zip`), '-d', work]);
  // Servers started as root may serve as an unprivileged user.
  await chmod(work, 0o755);
  return { work, site: path.join(work, `skewcheck-${version}`, 'site') };
}

/** Starts `command`, stops it at the end, and waits until `${baseUrl}/time` answers. */
async function startWebServer(name, command, args, { baseUrl, cwd, env, log }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  cleanups.push(async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
  });
  for (let i = 0; ; i += 1) {
    try {
      await fetch(`${baseUrl}/time`);
      return;
    } catch (err) {
      if (i > 50 || child.exitCode !== null) {
        throw new Error(`${name} did not start: ${(await log?.().catch(() => '')) || stderr || err.message}`);
      }
      await sleep(100);
    }
  }
}

/** The headers every host guide documents, as `baseUrl` sends them; `timeBody` matches its /time. */
async function assertDocumentedHeaders(baseUrl, timeBody) {
  const page = await fetch(`${baseUrl}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /connect-src 'self'.*frame-ancestors 'none'/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  const wasm = /['"]\.\/([^'"]+\.wasm)['"]/.exec(await page.text())?.[1] ?? '';
  const asset = await fetch(`${baseUrl}/${wasm}`);
  assert.equal(asset.status, 200, wasm);
  assert.equal(asset.headers.get('content-type'), 'application/wasm');
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(asset.headers.get('content-security-policy'), /default-src 'self'/);
  const time = await fetch(`${baseUrl}/time`);
  assert.match(await time.text(), timeBody);
  assert.equal(time.headers.get('cache-control'), 'no-store');
  assert.equal(time.headers.get('access-control-expose-headers'), 'Date');
  assert.equal(time.headers.get('access-control-allow-origin'), '*');
  const example = await fetch(`${baseUrl}/skewcheck.example.json`);
  assert.equal(example.status, 200, 'the example ships beside the page');
  assert.equal((await fetch(`${baseUrl}/skewcheck.json`)).status, 404, 'and takes no effect until renamed');
}

/** GET `url` with exactly `headers`, body as sent (fetch adds its own Accept-Encoding and decodes). */
function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * The release's precompressed copies as `baseUrl` serves them (`site` the unzipped site/):
 * index.html and the wasm go as the zip's own `.br`/`.gz` (not compressed on the fly) in
 * `encoding` to a client that accepts br and gzip, as `.gz` to one that accepts gzip only, as
 * the plain file to one that names no encoding; each with its own Content-Type and Vary.
 */
async function assertPrecompressed(baseUrl, site, encoding) {
  const html = await readFile(path.join(site, 'index.html'));
  const wasm = /['"]\.\/([^'"]+\.wasm)['"]/.exec(html.toString())?.[1];
  assert.ok(wasm, 'index.html names its wasm');
  const copy = { br: { ext: 'br', decode: brotliDecompressSync }, gzip: { ext: 'gz', decode: gunzipSync } };
  for (const [urlPath, file, type] of [['/', 'index.html', /^text\/html\b/], [`/${wasm}`, wasm, /^application\/wasm$/]]) {
    const original = await readFile(path.join(site, file));
    for (const [accept, expected] of [['br, gzip', encoding], ['gzip', 'gzip']]) {
      const answer = await rawGet(`${baseUrl}${urlPath}`, { 'Accept-Encoding': accept });
      const what = `${urlPath} with Accept-Encoding: ${accept}`;
      assert.equal(answer.status, 200, what);
      assert.equal(answer.headers['content-encoding'], expected, what);
      assert.match(answer.headers['content-type'] ?? '', type, what);
      assert.match(answer.headers.vary ?? '', /\baccept-encoding\b/i, what);
      assert.ok(copy[expected].decode(answer.body).equals(original), `${what}: the decoded body is ${file}`);
      const shipped = await readFile(path.join(site, `${file}.${copy[expected].ext}`));
      assert.ok(answer.body.equals(shipped), `${what}: the zip's ${file}.${copy[expected].ext} as it is (${answer.body.length} B, the copy ${shipped.length} B)`);
    }
    const plain = await rawGet(`${baseUrl}${urlPath}`);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined, `${urlPath} without Accept-Encoding`);
    assert.match(plain.headers['content-type'] ?? '', type);
    assert.match(plain.headers.vary ?? '', /\baccept-encoding\b/i, `${urlPath} without Accept-Encoding: the plain answer varies too`);
    assert.ok(plain.body.equals(original), `${urlPath} without Accept-Encoding: ${file} as it is`);
  }
}

/** A correct verdict from `baseUrl()`'s Date header and from its /time, per case. */
function verdictTests(server, timeName, baseUrl, skip) {
  for (const c of [
    { name: 'its Date header: device 20 min fast → rejected', search: '', offsetMs: 1_200_000, verdict: 'rejected' },
    { name: 'its Date header: device 3 s fast → ok', search: '', offsetMs: 3_000, verdict: 'ok' },
    { name: `its /time (${timeName}): device 3 s fast → ok, to the millisecond`, search: '?endpoint=/time', offsetMs: 3_000, verdict: 'ok', maxUncertaintyMs: 500 },
    { name: `its /time (${timeName}): device 16 min slow → rejected`, search: '?endpoint=/time', offsetMs: -960_000, verdict: 'rejected', maxUncertaintyMs: 500 },
  ]) {
    test(`a correct verdict from ${server} ${c.name}`, { skip }, async () => {
      const page = await openPage(`${baseUrl()}/${c.search}`, c.offsetMs);
      try {
        const verdict = await settled(page);
        assert.equal(verdict.state, 'done', JSON.stringify(verdict));
        assert.equal(verdict.verdict, c.verdict);
        const offset = Number(verdict.offsetMs);
        const uncertainty = Number(verdict.uncertaintyMs);
        assert.ok(Math.abs(offset - c.offsetMs) <= uncertainty + 50, `truth ${c.offsetMs} inside ${offset} ± ${uncertainty}`);
        if (c.maxUncertaintyMs) assert.ok(uncertainty <= c.maxUncertaintyMs, `uncertainty ${uncertainty} ms`);
        const errors = pageErrors(page);
        assert.deepEqual(errors, [], 'page errors');
      } finally {
        await page.context().close();
      }
    });
  }
}

/** Debian's ngx_brotli static module (libnginx-mod-http-brotli-static). */
const BROTLI_STATIC_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/**
 * nginx with deploy/nginx.conf for `site` (only the folder and the port replaced) in `folder`
 * under `work`; with `brotli`, its `# brotli_static on;` line uncommented, as its comment
 * says, and the module loaded. Returns the base URL.
 */
async function startDocumentedNginx(work, site, folder, { brotli = false } = {}) {
  const dir = path.join(work, folder);
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const documented = await readFile(path.join(repoRoot, 'deploy', 'nginx.conf'), 'utf8');
  assert.match(documented, /listen 8080;/);
  assert.match(documented, /^ {4}gzip_static on;$/m);
  assert.equal(documented.match(/^ {4}# brotli_static on;$/gm)?.length, 1, 'one commented brotli_static line to uncomment');
  assert.doesNotMatch(documented, /^\s*brotli_static/m, 'the shipped file works on stock nginx: no brotli_static in force');
  let serverBlock = documented.replaceAll('/srv/skewcheck', site).replace('listen 8080;', `listen 127.0.0.1:${port};`);
  if (brotli) serverBlock = serverBlock.replace('    # brotli_static on;', '    brotli_static on;');
  await writeFile(path.join(dir, 'server.conf'), serverBlock);
  await writeFile(path.join(dir, 'nginx.conf'), [
    ...(brotli ? [`load_module ${BROTLI_STATIC_MODULE};`] : []),
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    'events {}',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    `  access_log ${dir}/access.log;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
    `  include ${dir}/server.conf;`,
    '}',
    '',
  ].join('\n'));
  const baseUrl = `http://127.0.0.1:${port}`;
  await startWebServer('nginx', 'nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', path.join(dir, 'error.log')], {
    baseUrl, log: () => readFile(path.join(dir, 'error.log'), 'utf8'),
  });
  return baseUrl;
}

describe('the packaged release on nginx, configured exactly as deploy/nginx.conf documents', async () => {
  const nginxMissing = !(await which('nginx')) && 'nginx is not installed (scripts/setup installs nginx-light)';
  const brotliMissing = nginxMissing
    || (!existsSync(BROTLI_STATIC_MODULE) && `${BROTLI_STATIC_MODULE} is missing (scripts/setup installs libnginx-mod-http-brotli-static)`);
  let baseUrl;
  let brotliUrl;
  let site;

  before(async () => {
    if (nginxMissing) return;
    let work;
    ({ work, site } = await unpackedRelease('nginx'));
    baseUrl = await startDocumentedNginx(work, site, 'stock');
    if (!brotliMissing) brotliUrl = await startDocumentedNginx(work, site, 'brotli', { brotli: true });
  });

  test('the documented headers: CSP and security headers, cache lifetimes, a CORS /time', { skip: nginxMissing }, async () => {
    await assertDocumentedHeaders(baseUrl, /^\d{10}\.\d{3}$/);
  });

  test('gzip_static: index.html and the wasm go as the zip\'s .gz (br, gzip accepted: gzip; none: the plain file), Content-Type and Vary kept', { skip: nginxMissing }, async () => {
    await assertPrecompressed(baseUrl, site, 'gzip');
  });

  test('with its brotli_static line uncommented and Debian\'s module loaded: the zip\'s .br to a client that accepts br', { skip: brotliMissing }, async () => {
    await assertPrecompressed(brotliUrl, site, 'br');
    await assertDocumentedHeaders(brotliUrl, /^\d{10}\.\d{3}$/);
  });

  verdictTests('nginx', '$msec', () => baseUrl, nginxMissing);
});

/** deploy/Caddyfile for `site` on `port` (plus the harness's global options), written into `work`. */
async function documentedCaddyfile(work, site, port) {
  const documented = await readFile(path.join(repoRoot, 'deploy', 'Caddyfile'), 'utf8');
  assert.match(documented, /^:8080 \{$/m);
  const siteBlock = documented.replaceAll('/srv/skewcheck', site).replace(/^:8080 \{$/m, `:${port} {`);
  // Global options only this harness needs: no admin endpoint (a system Caddy may hold :2019).
  const file = path.join(work, 'Caddyfile');
  await writeFile(file, `{\n\tadmin off\n}\n\n${siteBlock}`);
  // Its state (autosaved config, certificates it never needs here) stays in the work folder.
  const env = { ...process.env, HOME: work, XDG_DATA_HOME: path.join(work, 'data'), XDG_CONFIG_HOME: path.join(work, 'config') };
  delete env.SKEWCHECK_CSP;
  return { file, env };
}

describe('the packaged release on Caddy, configured exactly as deploy/Caddyfile documents', async () => {
  const caddyMissing = !(await which('caddy')) && 'caddy is not installed (scripts/setup installs it)';
  let baseUrl;
  let site;
  let work;

  before(async () => {
    if (caddyMissing) return;
    ({ work, site } = await unpackedRelease('caddy'));
    const port = await freePort();
    // The headers come from the release's caddy-headers.conf, which the Caddyfile imports:
    // nothing to pass in.
    const { file, env } = await documentedCaddyfile(work, site, port);
    baseUrl = `http://127.0.0.1:${port}`;
    await startWebServer('caddy', 'caddy', ['run', '--config', file, '--adapter', 'caddyfile'], { baseUrl, cwd: work, env });
  });

  test('precompressed br gzip: index.html and the wasm go as the zip\'s .br (gzip only accepted: its .gz; none: the plain file), Content-Type and Vary kept', { skip: caddyMissing }, async () => {
    await assertPrecompressed(baseUrl, site, 'br');
  });

  test('the documented headers: CSP and security headers, cache lifetimes, a CORS /time, compression', { skip: caddyMissing }, async () => {
    await assertDocumentedHeaders(baseUrl, /^\d{13}$/);
    const policy = (await fetch(`${baseUrl}/`)).headers.get('content-security-policy');
    assert.equal(policy, /^ {2}Content-Security-Policy: (.*)$/m.exec(await readFile(path.join(site, '_headers'), 'utf8'))?.[1], 'exactly the release\'s policy');
    assert.equal((await fetch(`${baseUrl}/caddy-headers.conf`)).status, 404, 'Caddy does not serve the file it imports');
    const wasm = /['"]\.\/([^'"]+\.wasm)['"]/.exec(await (await fetch(`${baseUrl}/`)).text())?.[1] ?? '';
    const compressed = await fetch(`${baseUrl}/${wasm}`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(compressed.headers.get('content-encoding'), 'gzip');
    assert.equal(compressed.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  test('the documented Caddyfile without the policy written beside the page: Caddy refuses to start, never serves the page without frame-ancestors', { skip: caddyMissing }, async () => {
    // A site folder whose headers file is missing (a dist/ from before the build wrote it, a
    // wrong folder): the placeholder of old, SKEWCHECK_CSP unset, served no policy header.
    const bare = await mkdtemp(path.join(os.tmpdir(), 'skewcheck-caddy-bare-'));
    cleanups.push(() => rm(bare, { recursive: true, force: true }));
    const folder = path.join(bare, 'site');
    await cp(site, folder, { recursive: true });
    await rm(path.join(folder, 'caddy-headers.conf'));
    const port = await freePort();
    const { file, env } = await documentedCaddyfile(bare, folder, port);
    const child = spawn('caddy', ['run', '--config', file, '--adapter', 'caddyfile'], { cwd: bare, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    });
    const code = await Promise.race([exited, sleep(10_000).then(() => 'still running')]);
    let served = null;
    try {
      served = (await fetch(`http://127.0.0.1:${port}/`)).status;
    } catch {
      // Nothing listens: as it should be.
    }
    assert.notEqual(code, 'still running', `Caddy started without the policy (the page answered ${served})`);
    assert.notEqual(code, 0);
    assert.equal(served, null);
    assert.match(stderr, /File to import not found: .*caddy-headers\.conf/);
  });

  verdictTests('Caddy', '{time.now.unix_ms}', () => baseUrl, caddyMissing);
});
