// End-to-end tests of check.sh, the command-line check (docs/check-script.md): fetched from the
// built dist/ over HTTP and piped into dash, bash and BusyBox sh, with curl and with only wget
// (a PATH without curl), against a page host whose clock is 16 min 30 s or 3 s behind this
// machine's, and against nothing. Its `link=` is opened in Chromium and must show the result.
//
// Run from the repo root: `SKEWCHECK_SKIP_BUILD=1 node --test tests/e2e/check-sh.test.mjs`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { launchBrowser, newPageWithClockOffset } from './browser.mjs';
import { ensureDist } from './build.mjs';
import { closeServer, contentType, listen, resolveInside } from '../support/http.mjs';

const MIN = 60_000;
const SHELLS = [['dash'], ['bash'], ['busybox', 'sh']];
const RUN_TIMEOUT_MS = 60_000;

/**
 * A static host for dist/ whose clock is `offsetMs` off this machine's: every answer's `Date`
 * is now + offsetMs (the page host's clock is the reference, as for the page).
 */
async function shiftedHost(distDir, offsetMs) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = resolveInside(distDir, url.pathname);
    let body = null;
    try {
      body = file && await readFile(file);
    } catch {
      body = null;
    }
    res.sendDate = false;
    const headers = { Date: new Date(Date.now() + offsetMs).toUTCString(), 'Cache-Control': 'no-store' };
    if (!body) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : 'not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': contentType(file), 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const port = await listen(server, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/`, close: () => closeServer(server) };
}

/** A directory of links to every program on PATH except those in `without` (the PATH trick). */
function pathWithout(without) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'skewcheck-path-'));
  for (const from of process.env.PATH.split(path.delimiter)) {
    if (!existsSync(from)) continue;
    for (const name of readdirSync(from)) {
      if (without.includes(name) || existsSync(path.join(dir, name))) continue;
      try { symlinkSync(path.join(from, name), path.join(dir, name)); } catch { /* a name seen twice */ }
    }
  }
  return dir;
}

/** Runs `command` under /bin/sh with PATH=`pathDir`; resolves to { code, stdout, stderr, lines }. */
function run(command, pathDir) {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { env: { PATH: pathDir, HOME: os.tmpdir() } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`timed out: ${command}`)); }, RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = Object.fromEntries(stdout.split('\n')
        .map((line) => line.match(/^([a-z_]+)=(.*)$/))
        .filter(Boolean)
        .map((m) => [m[1], m[2]]));
      resolve({ code, stdout, stderr, lines });
    });
  });
}

/** `curl … | shell -s -- base args` (or wget when `client` is 'wget'), quoted for sh. */
function pipeline(client, shell, scriptUrl, base, args = []) {
  const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
  const fetch = client === 'curl' ? `curl -fsS ${q(scriptUrl)}` : `wget -qO- ${q(scriptUrl)}`;
  return `${fetch} | ${shell.join(' ')} -s -- ${[base, ...args].map(q).join(' ')}`;
}

let dist;
let behind;
let slightlyBehind;
let browser;
let withCurl;
let wgetOnly;
let busyboxDate;
let busyboxWget;
let silent;

before(async () => {
  dist = await ensureDist();
  behind = await shiftedHost(dist, -(16 * MIN + 30_000));
  slightlyBehind = await shiftedHost(dist, -3_000);
  withCurl = process.env.PATH;
  wgetOnly = pathWithout(['curl']);
  // BusyBox's date has no %N: a shell without a sub-second clock.
  busyboxDate = pathWithout(['date']);
  symlinkSync(path.join(wgetOnly, 'busybox'), path.join(busyboxDate, 'date'));
  // BusyBox's wget has no timeout option: only `timeout` keeps it from waiting for ever.
  busyboxWget = pathWithout(['curl', 'wget']);
  symlinkSync(path.join(wgetOnly, 'busybox'), path.join(busyboxWget, 'wget'));
  // A host that accepts every connection and never answers.
  silent = net.createServer(() => {});
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await behind?.close();
  await slightlyBehind?.close();
  silent?.close();
  for (const dir of [wgetOnly, busyboxDate, busyboxWget]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('check.sh from the command line', () => {
  test('check.sh is served beside index.html in dist/', async () => {
    assert.ok(existsSync(path.join(dist, 'check.sh')), 'dist/check.sh');
    const served = await fetch(`${behind.url}check.sh`).then((r) => r.text());
    assert.equal(served, await readFile(new URL('../../check.sh', import.meta.url), 'utf8'));
  });

  for (const shell of SHELLS) {
    for (const client of ['curl', 'wget']) {
      const name = `${shell.join(' ')} with ${client === 'curl' ? 'curl' : 'only wget'}`;

      test(`${name}: 16 min 30 s behind → rejected (exit 2), the truth within ±, ± ≤ 100 ms`, { timeout: RUN_TIMEOUT_MS }, async () => {
        const pathDir = client === 'curl' ? withCurl : wgetOnly;
        const result = await run(pipeline(client, shell, `${behind.url}check.sh`, behind.url, ['--ref', 'T-1234', '--label', 'perth-sync-01']), pathDir);
        assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
        const offset = Number(result.lines.offset_ms);
        const uncertainty = Number(result.lines.uncertainty_ms);
        assert.ok(Math.abs(offset - 990_000) <= uncertainty, `${offset} ± ${uncertainty} must contain 990000`);
        // GNU date (+%N) on loopback: the Date header's tick is bisected.
        assert.ok(uncertainty <= 100, `± ${uncertainty} ms`);
        assert.equal(result.lines.verdict, 'rejected');
        assert.equal(result.lines.service, 's3');
        assert.match(result.lines.link, /^http:\/\/127\.0\.0\.1:\d+\/#R1\/[0-9A-Z/%.:-]+$/);
        assert.ok(result.lines.link.length <= 400, result.lines.link);
        assert.match(result.stdout, /16 min 30 s fast/);
        assert.match(result.stdout, /To fix this machine's clock/);
      });

      test(`${name}: 3 s behind → ok (exit 0)`, { timeout: RUN_TIMEOUT_MS }, async () => {
        const pathDir = client === 'curl' ? withCurl : wgetOnly;
        const result = await run(pipeline(client, shell, `${slightlyBehind.url}check.sh`, slightlyBehind.url), pathDir);
        assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
        assert.equal(result.lines.verdict, 'ok');
        const offset = Number(result.lines.offset_ms);
        assert.ok(Math.abs(offset - 3_000) <= Number(result.lines.uncertainty_ms), `${offset} ± ${result.lines.uncertainty_ms}`);
      });

      test(`${name}: an unreachable reference → exit 3 and a message, no verdict`, { timeout: RUN_TIMEOUT_MS }, async () => {
        const pathDir = client === 'curl' ? withCurl : wgetOnly;
        // The script itself comes from the page host; the base it is given answers nothing.
        const result = await run(pipeline(client, shell, `${behind.url}check.sh`, 'http://127.0.0.1:9/'), pathDir);
        assert.equal(result.code, 3, `${result.stdout}\n${result.stderr}`);
        assert.match(result.stderr, /could not measure: no answer from 127\.0\.0\.1:9/);
        assert.equal(result.lines.verdict, 'unknown');
        assert.equal(result.lines.offset_ms, undefined);
        assert.equal(result.lines.link, undefined);
      });
    }
  }

  test('a host that never answers, with only BusyBox wget: exit 3 and a message within seconds, never a hang', { timeout: RUN_TIMEOUT_MS }, async () => {
    const started = Date.now();
    const base = `http://127.0.0.1:${silent.address().port}/`;
    const result = await run(pipeline('wget', ['busybox', 'sh'], `${behind.url}check.sh`, base), busyboxWget);
    assert.equal(result.code, 3, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /could not measure: no answer from 127\.0\.0\.1:\d+/);
    assert.equal(result.lines.verdict, 'unknown');
    // skewcheck.json is given up after 5 s, the time request after 10 s.
    assert.ok(Date.now() - started < 25_000, `${Date.now() - started} ms`);
  });

  test('without a sub-second clock (BusyBox date) the interval is an honest ± 1 s that holds the truth', { timeout: RUN_TIMEOUT_MS }, async () => {
    const result = await run(pipeline('curl', ['dash'], `${behind.url}check.sh`, behind.url), busyboxDate);
    assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
    const offset = Number(result.lines.offset_ms);
    const uncertainty = Number(result.lines.uncertainty_ms);
    assert.ok(uncertainty >= 1_000 && uncertainty <= 2_000, `± ${uncertainty}`);
    assert.ok(Math.abs(offset - 990_000) <= uncertainty, `${offset} ± ${uncertainty}`);
    assert.match(result.stdout, /no sub-second clock/);
  });

  test('hostile --ref and --label are cleaned; bad arguments exit 3', { timeout: RUN_TIMEOUT_MS }, async () => {
    const result = await run(pipeline('curl', ['dash'], `${behind.url}check.sh`, behind.url,
      ['--ref', `T-1"; rm -rf ~ #/../\u202e${'x'.repeat(200)}`, '--label', `<b>host</b>\n$(id)/'`]), withCurl);
    assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
    const fragment = result.lines.link.split('#')[1];
    const fields = fragment.split('/');
    assert.equal(fields.length, 12, fragment);
    // T-1-rm-rf-…: lower case is %XX in the compact format.
    assert.match(fields[9], /^T-1-%72%6D-%72%66-/);
    for (const field of fields.slice(9)) assert.match(field, /^[0-9A-Z%.-]*$/, field);
    for (const args of [['--service', 'ftp'], ['--limit', 'soon'], ['--limit', '99999999999'], ['--bogus']]) {
      const bad = await run(pipeline('curl', ['dash'], `${behind.url}check.sh`, behind.url, args), withCurl);
      assert.equal(bad.code, 3, `${args}: ${bad.stdout}\n${bad.stderr}`);
    }
    const notUrl = await run(pipeline('curl', ['dash'], `${behind.url}check.sh`, "http://x/'$(id)"), withCurl);
    assert.equal(notUrl.code, 3);
  });

  test('--service and --limit follow the link parameters; the link opens as rejected, measured from a command line', { timeout: RUN_TIMEOUT_MS }, async () => {
    const result = await run(pipeline('curl', ['dash'], `${behind.url}check.sh`, behind.url,
      ['--service', 'kerberos', '--limit', '600', '--ref', 'T-1234', '--label', 'perth-sync-01']), withCurl);
    assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`);
    assert.equal(result.lines.service, 'kerberos-limit-600000');
    const page = await newPageWithClockOffset(browser, 0);
    try {
      await page.goto(result.lines.link);
      const past = page.locator('[data-testid="past-report"]');
      await past.waitFor({ timeout: 15_000 });
      assert.equal(await past.getAttribute('data-verdict'), 'rejected');
      assert.equal(await past.getAttribute('data-offset-ms'), result.lines.offset_ms);
      assert.equal(await past.getAttribute('data-uncertainty-ms'), result.lines.uncertainty_ms);
      assert.equal(await past.getAttribute('data-reference'), 'T-1234');
      const text = await page.locator('[data-testid="past-report-text"]').textContent();
      assert.match(text, /Device: measured from a command line \(check\.sh\) on “perth-sync-01” \(the sender's label\)/);
      assert.match(text, /That machine's clock: 16 min 30 s fast/);
      assert.match(text, /Kerberos \(Active Directory sign-in\).*REJECTED/);
      assert.equal(await page.locator('[data-testid="verdict"]').count(), 0, 'a permalink measures nothing');
    } finally {
      await page.context().close();
    }
  });
});
