// End-to-end tests of how the page sends its requests (issue 18, points 3 and 7), in headless
// Chromium: a link chooses the address of a time request, possibly a path of the page's own
// origin, so no request carries the origin's cookies (`credentials: "omit"`), and no time
// request follows a redirect (`redirect: "manual"`): the address a redirect names is never
// asked, and a `timesync` POST is never sent again on a 307. The early probe's `HEAD`
// (early-probe.js) follows the same rules as src/net.rs.
//
// Run from the repo root: `node --test tests/e2e/requests.test.mjs` (SKEWCHECK_SKIP_BUILD=1 to
// reuse an existing dist/). The page, its servers and the assertions: measured-page.mjs.

import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { newPageWithClockOffset } from './browser.mjs';
import {
  browser, endpoint, history, MIN, rootServer, saveArtifacts, subServer, testOpts, useBrowserAndServers,
  withMeasuredPage,
} from './measured-page.mjs';
import { TIME_HEADERS, send } from '../support/http.mjs';

const require = createRequire(import.meta.url);
const timesync = require('timesync/server');

/** The redirect's target, were it followed: 20 min ahead, in its body and its `Date` header. */
const TARGET_AHEAD_MS = 20 * MIN;

/** Whether the page's own time HEAD is redirected to `/elsewhere` (set by one test at a time). */
let redirectOwnHead = false;

const routes = {
  // `/redirect?status=302&to=<address>`: any method is sent on to `to`, with the CORS headers
  // of a time endpoint, so the page may read that it was redirected.
  '/redirect': (req, res, url) => send(res, req, Number(url.searchParams.get('status')), {
    ...TIME_HEADERS, Location: url.searchParams.get('to'),
  }, ''),
  // The timesync package's own request handler, untouched: POST → {id, result: Date.now()}.
  '/timesync': (req, res) => timesync.requestHandler(req, res),
  // A `Date` 20 min ahead: what a followed redirect of the page's own HEAD would read.
  '/elsewhere': (req, res) => send(res, req, 200, {
    ...TIME_HEADERS, Date: new Date(Date.now() + TARGET_AHEAD_MS).toUTCString(),
  }, ''),
  // The page's own address: while `redirectOwnHead` is set, its time HEAD (`?skewcheck=`) is
  // redirected to `/elsewhere`; the page itself (GET) is served as always.
  '/': (req, res, url, next) => (redirectOwnHead && req.method === 'HEAD' && url.searchParams.has('skewcheck')
    ? send(res, req, 302, { 'Cache-Control': 'no-store', Location: '/elsewhere' }, '')
    : next()),
};

useBrowserAndServers({ routes });

/** `/redirect` answering `status` towards `to`. */
const redirecting = (status, to) => `/redirect?status=${status}&to=${encodeURIComponent(to)}`;

/** A context holding a session cookie for the test server's origin, as a logged-in client's. */
const withCookie = () => ({
  storageState: {
    cookies: [{
      name: 'session', value: 'secret', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true,
      secure: false, sameSite: 'Lax',
    }],
    origins: [],
  },
});

/** Whether a recorded request is one of the page's own (a time request or skewcheck.json). */
const isPageRequest = (r) => new URL(r.url, 'http://x').searchParams.has('skewcheck')
  || r.method === 'POST' || r.path.endsWith('/skewcheck.json');

/** The wording of the redirect message (crates/skewcheck-core/src/words/fetch.rs). */
const REDIRECT_MESSAGE = /answered with a redirect; this page does not follow a time source's redirects, so it never asks an address the link does not name/;

/** The page's verdict element never showed anything but `unknown`, and it ended in an error with the redirect message. */
async function assertRedirectRefused(page, result) {
  assert.equal(result.state, 'error', JSON.stringify(result));
  assert.equal(result.verdict, 'unknown', JSON.stringify(result));
  assert.match(result.error, REDIRECT_MESSAGE);
  assert.match(await page.locator('body').textContent(), /final address/);
  const seen = await history(page);
  assert.ok(seen.every((h) => h.verdict === 'unknown'), `a verdict was shown: ${JSON.stringify(seen)}`);
}

describe('no request of the page carries cookies', () => {
  for (const c of [
    { name: 'the page origin (HEAD)', search: '', sent: (r) => r.method === 'HEAD' && r.path === '/' },
    { name: 'a same-origin endpoint (GET)', search: endpoint('/time/ms'), sent: (r) => r.method === 'GET' && r.path === '/time/ms' },
    { name: 'a same-origin timesync endpoint (POST)', search: `${endpoint('/timesync')}&protocol=timesync`, sent: (r) => r.method === 'POST' && r.path === '/timesync' },
  ]) {
    test(`a cookie of the page's origin never reaches a time request: ${c.name}`, testOpts, (t) =>
      withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: c.search, contextOptions: withCookie() }, async ({ result, traffic }) => {
        assert.equal(result.state, 'done', JSON.stringify(result));
        const requests = traffic();
        const navigation = requests.find((r) => r.method === 'GET' && r.path === '/');
        assert.match(navigation?.headers.cookie ?? '', /session=secret/, 'the browser holds the cookie and sends it to the page');
        assert.ok(requests.some(c.sent), `the time requests went out: ${requests.map((r) => `${r.method} ${r.url}`).join(', ')}`);
        const leaked = requests.filter((r) => isPageRequest(r) && r.headers.cookie !== undefined);
        assert.deepEqual(leaked.map((r) => `${r.method} ${r.url}: ${r.headers.cookie}`), [], 'requests that carried the cookie');
      }));
  }

  test("the early probe's HEAD, before the WebAssembly, carries no cookie and follows no redirect", testOpts, async (t) => {
    const page = await newPageWithClockOffset(browser, 0, withCookie());
    // The app never starts: the only time request is the early script's.
    await page.route((url) => url.pathname.endsWith('.wasm') || url.pathname.includes('fallback'), (route) => route.abort());
    const first = rootServer.requests.length;
    redirectOwnHead = true;
    try {
      await page.goto(rootServer.url);
      const readings = await page.evaluate(() => window.__skewcheckEarlyProbe);
      const requests = rootServer.requests.slice(first);
      const heads = requests.filter((r) => r.method === 'HEAD' && isPageRequest(r));
      assert.equal(heads.length, 1, `one early HEAD: ${requests.map((r) => `${r.method} ${r.url}`).join(', ')}`);
      assert.equal(heads[0].headers.cookie, undefined, 'the early HEAD carried the cookie');
      assert.deepEqual({ status: readings.status, headers: readings.headers }, { status: 0, headers: [] },
        'a redirect is reported as no answer');
      assert.ok(!requests.some((r) => r.path === '/elsewhere'), 'the redirect was followed');
    } catch (err) {
      await saveArtifacts(page, t.name);
      throw err;
    } finally {
      redirectOwnHead = false;
      await page.context().close();
    }
  });
});

describe('no time request follows a redirect', () => {
  test('an endpoint answering 302 to a same-origin time path: the redirect message, never a verdict, the target never asked', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint(redirecting(302, `/time/ms?skew=${TARGET_AHEAD_MS}`)) }, async ({ page, result, traffic }) => {
      await assertRedirectRefused(page, result);
      const requests = traffic();
      assert.equal(requests.filter((r) => r.path === '/redirect').length, 1, 'asked once, not again');
      assert.ok(!requests.some((r) => r.path === '/time/ms'), 'the target was asked');
    }));

  test('an endpoint answering 307 to another origin: the redirect message, never a verdict, the target never asked', testOpts, (t) => {
    const first = subServer.requests.length;
    return withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: endpoint(redirecting(307, `${subServer.baseUrl}/time/ms`)) }, async ({ page, result, traffic }) => {
      await assertRedirectRefused(page, result);
      assert.equal(traffic().filter((r) => r.path === '/redirect').length, 1, 'asked once, not again');
      assert.deepEqual(subServer.requests.slice(first).map((r) => `${r.method} ${r.url}`), [], 'the other origin was asked');
    });
  });

  test('a timesync endpoint answering 307: its POST is sent once and never again to the target', testOpts, (t) =>
    withMeasuredPage(t, { server: rootServer, offsetMs: 3_000, search: `${endpoint(redirecting(307, '/timesync'))}&protocol=timesync` }, async ({ page, result, traffic }) => {
      await assertRedirectRefused(page, result);
      const requests = traffic();
      assert.equal(requests.filter((r) => r.method === 'POST' && r.path === '/redirect').length, 1, 'one POST');
      assert.ok(!requests.some((r) => r.path === '/timesync'), 'the POST body was sent again to the target');
    }));

  test("the page's own HEAD redirected: the redirect message, never a verdict from the target", testOpts, async (t) => {
    redirectOwnHead = true;
    try {
      await withMeasuredPage(t, { server: rootServer, offsetMs: 3_000 }, async ({ page, result, traffic }) => {
        await assertRedirectRefused(page, result);
        const heads = traffic().filter((r) => r.method === 'HEAD' && r.path === '/');
        // The early probe's, then the page's own: refused at once, not retried.
        assert.ok(heads.length >= 1 && heads.length <= 2, `HEADs: ${heads.length}`);
        assert.ok(!traffic().some((r) => r.path === '/elsewhere'), 'the target was asked');
      });
    } finally {
      redirectOwnHead = false;
    }
  });
});
