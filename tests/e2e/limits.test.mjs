// The limits early-probe.js shares with Rust have one source, crates/skewcheck-core/src/limits.rs;
// the build writes them into the page's copy of the script (scripts/limits.mjs). These tests
// check the built dist/index.html against that file, run the built script in a stand-in
// browser (node:vm) to see it apply them and decide a permalink as the app does, and check
// that scripts/limits.mjs reads nothing but integer constants.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';

import { ensureDist } from './build.mjs';
import { evaluate, parseLimits, readLimits } from '../../scripts/limits.mjs';

/** The inline script of `html` that makes the early requests. */
function earlyProbeScript(html) {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const early = scripts.filter((body) => body.includes('__skewcheckEarlyProbe'));
  assert.equal(early.length, 1, 'one inline script makes the early requests');
  return early[0];
}

/** `{ NAME: number }` from the script's `var LIMITS = { … };`. */
function shippedLimits(script) {
  const declarations = [...script.matchAll(/var LIMITS = \{([^{}]*)\};/g)];
  assert.equal(declarations.length, 1, 'one LIMITS declaration');
  const entries = declarations[0][1].split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
    const [, name, value] = /^([A-Z][A-Z0-9_]*): (\d+)$/.exec(pair) ?? assert.fail(`not NAME: number: ${JSON.stringify(pair)}`);
    return [name, Number(value)];
  });
  return Object.fromEntries(entries);
}

/**
 * Runs `script` in a stand-in browser at `url`: every fetch is recorded and answered by
 * `answer(url, init)` (a Response); returns the requests and the globals the script set.
 */
async function runEarlyScript(script, url, answer = () => new Response(null, { status: 404 })) {
  const requests = [];
  const window = {};
  const context = vm.createContext({
    window,
    location: new URL(url),
    URL,
    URLSearchParams,
    AbortController,
    TextDecoder,
    Promise,
    performance,
    Date,
    Math,
    setTimeout,
    clearTimeout,
    fetch: async (target, init) => {
      requests.push({ url: target, init });
      return answer(target, init);
    },
  });
  context.window = context;
  vm.runInContext(script, context);
  // Objects of this realm (the script's have the context's prototypes), for deepEqual.
  const plain = (value) => (value === undefined ? value : JSON.parse(JSON.stringify(value)));
  return {
    requests,
    earlyProbe: plain(await context.__skewcheckEarlyProbe),
    siteConfig: plain(await context.__skewcheckSiteConfig),
    hasEarlyProbe: '__skewcheckEarlyProbe' in context,
    hasSiteConfig: '__skewcheckSiteConfig' in context,
  };
}

/** A 200 answer with `bytes` of body, sent in chunks of `chunk` bytes, and these headers. */
function bodyResponse(bytes, headers = {}, chunk = 16 * 1024) {
  let sent = 0;
  const stream = new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const size = Math.min(chunk, bytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return new Response(stream, { status: 200, headers });
}

const limits = readLimits();

describe('the limits early-probe.js shares with Rust', () => {
  let script;
  before(async () => {
    script = earlyProbeScript(await readFile(path.join(await ensureDist(), 'index.html'), 'utf8'));
  });

  test('the built page carries the values of crates/skewcheck-core/src/limits.rs', () => {
    assert.deepEqual(shippedLimits(script), limits);
    assert.deepEqual(Object.keys(limits).sort(), ['MAX_BODY_BYTES', 'REQUEST_TIMEOUT_MS', 'SITE_CONFIG_TIMEOUT_MS']);
  });

  test('the built script reads only limits that limits.rs defines, and repeats none of their values', () => {
    const used = new Set([...script.matchAll(/\bLIMITS\.(\w+)/g)].map((m) => m[1]));
    assert.deepEqual([...used].sort(), Object.keys(limits).sort(), 'every limit is used, none is missing');
    const code = script.replace(/var LIMITS = \{[^{}]*\};/, '').replace(/\/\/.*$/gm, '');
    for (const [name, value] of Object.entries(limits)) {
      assert.doesNotMatch(code, new RegExp(`\\b${value}\\b`), `${name}'s value ${value} is written out again`);
    }
    assert.doesNotMatch(code, /64\s*\*\s*1024/, 'the body cap is written out again');
  });

  test('the early script gives up on skewcheck.json after SITE_CONFIG_TIMEOUT_MS', { timeout: 20_000 }, async () => {
    const started = Date.now();
    const hang = (target, init) => new Promise((resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
    const { siteConfig, earlyProbe } = await runEarlyScript(script, 'http://127.0.0.1:1/', hang);
    const elapsed = Date.now() - started;
    assert.deepEqual(siteConfig, { status: 0, timedOut: true });
    assert.equal(earlyProbe, null, 'the HEAD is abandoned too');
    // The HEAD waits REQUEST_TIMEOUT_MS, longer than the file.
    assert.ok(elapsed >= limits.REQUEST_TIMEOUT_MS - 100 && elapsed < limits.REQUEST_TIMEOUT_MS + 2_000, `settled after ${elapsed} ms`);
  });

  // As declares_too_large (crates/skewcheck-core/src/fetch.rs) and read_limited_text
  // (src/net.rs) decide; the Rust side's cases are in measure/tests/faults.rs.
  for (const c of [
    { name: 'a Content-Length one byte over the cap', header: String(limits.MAX_BODY_BYTES + 1), bytes: 10, tooLarge: true },
    { name: 'a padded Content-Length over the cap', header: ` ${limits.MAX_BODY_BYTES + 1} `, bytes: 10, tooLarge: true },
    { name: 'a Content-Length with a plus sign over the cap', header: `+${limits.MAX_BODY_BYTES + 1}`, bytes: 10, tooLarge: true },
    { name: 'a Content-Length exactly at the cap, and a body that size', header: String(limits.MAX_BODY_BYTES), bytes: limits.MAX_BODY_BYTES, tooLarge: false },
    { name: 'a Content-Length in hex (not a u64 to Rust) with a small body', header: '0x100000', bytes: 10, tooLarge: false },
    { name: 'a Content-Length with an exponent (not a u64 to Rust) with a small body', header: '1e9', bytes: 10, tooLarge: false },
    { name: 'a Content-Length beyond u64 with a small body', header: '99999999999999999999', bytes: 10, tooLarge: false },
    { name: 'no Content-Length and a body one byte over the cap', header: null, bytes: limits.MAX_BODY_BYTES + 1, tooLarge: true },
    { name: 'a wrong small Content-Length and a body over the cap', header: 'lots', bytes: limits.MAX_BODY_BYTES + 1, tooLarge: true },
  ]) {
    test(`skewcheck.json with ${c.name}: ${c.tooLarge ? 'too large' : 'read'}, as Rust decides`, async () => {
      const { header } = c;
      const answer = (target, init) => (init?.method === 'HEAD'
        ? new Response(null, { status: 200 })
        : bodyResponse(c.bytes, header === null ? {} : { 'content-length': header }));
      const { siteConfig } = await runEarlyScript(script, 'http://127.0.0.1:1/', answer);
      if (c.tooLarge) assert.deepEqual(siteConfig, { status: 200, tooLarge: true });
      else assert.deepEqual(siteConfig, { status: 200, text: ' '.repeat(c.bytes) });
    });
  }

  // As page_fragment (src/browser.rs) and is_report_fragment
  // (crates/skewcheck-core/src/report/payload.rs) decide: a permalink makes no request at all.
  for (const c of [
    { hash: '#R1/abc', permalink: true },
    { hash: '##R1/abc', permalink: true },
    { hash: '#report=eyJ2IjoxfQ', permalink: true },
    { hash: '#x&report=eyJ2IjoxfQ', permalink: true },
    { hash: '#section-2', permalink: false },
    { hash: '#r1/abc', permalink: false },
    { hash: '#x R1/abc', permalink: false },
    { hash: '', permalink: false },
  ]) {
    test(`the fragment ${JSON.stringify(c.hash)} is ${c.permalink ? '' : 'not '}a permalink, as the app decides`, async () => {
      const run = await runEarlyScript(script, `http://127.0.0.1:1/${c.hash}`);
      const urls = JSON.stringify(run.requests.map((r) => r.url));
      // The time and site requests, and the first module (issue 22) only where the page measures.
      const firstModule = run.requests.filter((r) => /skewcheck-first-[0-9a-f]{16}\.wasm$/.test(r.url));
      assert.equal(run.requests.length - firstModule.length, c.permalink ? 0 : 2, urls);
      assert.equal(firstModule.length, c.permalink ? 0 : 1, urls);
      assert.equal(run.hasSiteConfig, !c.permalink);
      assert.equal(run.hasEarlyProbe, !c.permalink);
    });
  }

  test('Rust\'s trim, not JavaScript\'s: whitespace around a permalink (as a script could set it) is dropped', async () => {
    // location.hash percent-encodes spaces, so this stands in for the rule itself: the
    // script's trim is Rust's str::trim (U+0085 is whitespace there, U+FEFF is not).
    const source = script.replace('isReportFragment(location.hash)', 'isReportFragment(location.rawHash)');
    assert.notEqual(source, script, 'the script decides by isReportFragment(location.hash)');
    const decide = async (rawHash) => {
      const run = await runEarlyScript(`location.rawHash = ${JSON.stringify(rawHash)};\n${source}`, 'http://127.0.0.1:1/');
      return run.requests.length === 0;
    };
    assert.equal(await decide('# \u0085\u3000R1/abc\t'), true);
    assert.equal(await decide('#\u00a0#R1/abc'), true);
    assert.equal(await decide('#\ufeffR1/abc'), false);
  });
});

describe('scripts/limits.mjs reads limits.rs', () => {
  test('integer literals with _ separators, joined by *', () => {
    assert.equal(evaluate('64 * 1024'), 65_536n);
    assert.equal(evaluate('5_000'), 5_000n);
    assert.equal(evaluate('2 * 3 * 1_000'), 6_000n);
  });

  test('anything else fails loudly', () => {
    for (const expr of ['1 << 10', '0x10', '5_000u32', 'MAX_BODY_BYTES * 2', '-1', '(2)', '2 + 2', '', '2 *', '_5']) {
      assert.throws(() => evaluate(expr), /only integer literals/, JSON.stringify(expr));
    }
    assert.throws(() => parseLimits('pub const NAME: &str = "x";'), /not an integer type/);
    assert.throws(() => parseLimits('pub const SMALL: u8 = 256;'), /does not fit in u8/);
    assert.throws(() => parseLimits('pub const HUGE: u64 = 9_007_199_254_740_993;'), /beyond what a JavaScript number holds/);
    assert.throws(() => parseLimits('const PRIVATE: u32 = 1;'), /not a one-line `pub const/);
    assert.throws(() => parseLimits('pub const SPLIT: u32 =\n    5;'), /not a one-line `pub const/);
    assert.throws(() => parseLimits('pub const TWICE: u32 = 1;\npub const TWICE: u32 = 2;'), /defined twice/);
    assert.throws(() => parseLimits('/* a note */\npub const A: u32 = 1;'), /block comment/);
    assert.throws(() => parseLimits('//! nothing here'), /no `pub const`/);
  });

  test('comments and blank lines are skipped', () => {
    assert.deepEqual(parseLimits('//! Limits.\n\n/// The cap.\npub const CAP: usize = 64 * 1024;\n'), { CAP: 65_536 });
  });
});
