// Test HTTP server for the skewcheck end-to-end tests (node:http only).
//
// It plays two roles:
//  * an ordinary static host for dist/ (mounted at `mountPath`), with the
//    validators and caching headers a real host sends, so that a page which
//    forgot `cache: "no-store"` would visibly get 304s;
//  * a set of time endpoints in the formats real time APIs use. The server's
//    own clock is the reference truth; the browser's clock is faked instead.
//
// Every request is recorded in `requests` so tests can assert on traffic.
//
// Opt-in `injectHeadScript`: for browsers driven without init scripts
// (classic WebDriver, e.g. WebKit), JS that must run before the page's own
// scripts is served inline at the top of every index.html.

import http from 'node:http';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { TIME_HEADERS, closeServer, contentType, dateNow, listen, resolveInside, send } from '../support/http.mjs';

const MAX_DELAY_MS = 30_000;

const isoTime = (ms) => new Date(ms).toISOString();
const epochSeconds = (ms) => Math.floor(ms / 1000);

// Value written under each accepted `/time/json?key=` key.
const JSON_KEYS = {
  epoch_ms: (ms) => ms,
  timestamp: (ms) => ms,
  now: (ms) => ms,
  time: (ms) => ms,
  unixtime: epochSeconds,
  utc_datetime: isoTime,
  dateTime: isoTime,
  datetime: isoTime,
};

// Body producers for /time/<format>: (nowMs, searchParams) → [status, contentType, body].
const TIME_FORMATS = {
  ms: (ms) => [200, 'text/plain', String(ms)],
  // nginx $msec: seconds with millisecond decimals, built from integers to
  // avoid float formatting surprises.
  msec: (ms) => [200, 'text/plain', `${epochSeconds(ms)}.${String(ms % 1000).padStart(3, '0')}`],
  seconds: (ms) => [200, 'text/plain', String(epochSeconds(ms))],
  rfc3339: (ms) => [200, 'text/plain', isoTime(ms)],
  json: (ms, params) => {
    const key = params.get('key') ?? 'epoch_ms';
    if (!Object.hasOwn(JSON_KEYS, key)) return [400, 'text/plain', `unknown key ${key}`];
    return [200, 'application/json', JSON.stringify({ [key]: JSON_KEYS[key](ms) })];
  },
  garbage: () => [200, 'text/plain', 'hello'],
  // 100 KiB of digits: far beyond any time, refused unread past 64 KiB.
  huge: () => [200, 'text/plain', '1'.repeat(100 * 1024)],
};

/**
 * Start the server on 127.0.0.1 with an ephemeral port.
 * @param {object} options
 * @param {string} options.distDir   directory whose files are served
 * @param {string} [options.mountPath='/']  URL prefix the files live under, e.g. '/tools/clock/'
 * @param {string} [options.host='127.0.0.1']
 * @param {{mode: 'cloudfront'|'rewrite'|'frozen'|'stale', ageS?: number}} [options.cache]
 *   Emulates a shared cache in front of the static files whose key ignores the query
 *   string (CloudFront's default policy), so every cache-busted sample of the page is a
 *   hit: `cloudfront` replays the stored `Date` with `Age: ageS` and `X-Cache: Hit from
 *   cloudfront` (the first request, and one after `ageS`, is a miss that stores);
 *   `rewrite` sends its own current `Date` with `Age`; `frozen` replays the first stored
 *   `Date` forever without `Age` or a hit header; `stale` serves a copy `ageS` old
 *   (`Date` that old, `Age: ageS`) from the first request on.
 * @param {string} [options.injectHeadScript]  JS inserted as an inline
 *   `<script>` right after `<head>` in every served index.html, so it runs
 *   before the page's own scripts (e.g. `fakeClockScript()` from fake-clock.mjs).
 *   Unset: files are served byte for byte. If index.html carries a
 *   Content-Security-Policy meta tag, the script's hash is added to its
 *   script-src: the harness's own script must run under the shipped policy,
 *   whatever the order of tags. A policy sent in `headers` is left alone, so
 *   there the injected script stays blocked (what an injection looks like).
 * @param {Record<string, (req: http.IncomingMessage, res: http.ServerResponse, url: URL, next: () => Promise<unknown>) => unknown>} [options.routes]
 *   handlers for exact paths, tried before everything else (tests/e2e/sources.test.mjs serves
 *   the bodies of public time services with them); `next()` hands the request on to the
 *   server's own handling (tests/e2e/requests.test.mjs redirects only the page's `HEAD`)
 * @param {Record<string, string>} [options.headers]  extra response headers
 *   for every static file (e.g. a Content-Security-Policy, as a host sends).
 * @returns {Promise<{url: string, baseUrl: string, port: number, close: () => Promise<void>, requests: object[]}>}
 *   `url` is the page URL (base + mountPath); `requests` may be emptied by
 *   tests (`requests.length = 0`).
 */
export async function startServer({ distDir, mountPath = '/', host = '127.0.0.1', injectHeadScript, headers = {}, cache, routes = {} }) {
  if (!distDir) throw new Error('startServer: distDir is required');
  const root = path.resolve(distDir);
  const mount = normalizeMount(mountPath);
  const requests = [];
  const cacheHeaders = cache ? sharedCache(cache) : () => ({});

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://test.invalid');
    const entry = { method: req.method, url: req.url, path: url.pathname, headers: { ...req.headers }, status: undefined, time: Date.now() };
    requests.push(entry);
    // 'close' always comes, also when a client hangs up as soon as it has the
    // body ('finish' may then never fire): 'aborted' if nothing was sent yet
    // (e.g. the client gave up during ?delay=).
    res.on('close', () => { entry.status = res.headersSent ? res.statusCode : 'aborted'; });
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : null;
    const next = () => handle(req, res, url, { root, mount, injectHeadScript, headers, cacheHeaders });
    const handled = route ? Promise.resolve().then(() => route(req, res, url, next)) : next();
    handled.catch((err) => {
      console.error('[test server]', err);
      if (!res.headersSent) send(res, req, 500, { 'Content-Type': 'text/plain' }, 'internal error');
      else res.destroy();
    });
  });

  const port = await listen(server, host);
  const baseUrl = `http://${host}:${port}`;

  return {
    url: baseUrl + mount,
    baseUrl,
    port,
    requests,
    close: () => closeServer(server),
  };
}

function normalizeMount(mountPath) {
  let m = mountPath.startsWith('/') ? mountPath : `/${mountPath}`;
  if (!m.endsWith('/')) m += '/';
  return m;
}

async function handle(req, res, url, { root, mount, injectHeadScript, headers, cacheHeaders }) {
  const { pathname } = url;

  // Time endpoints at the origin root and under the mount path.
  for (const prefix of new Set(['/time/', `${mount}time/`])) {
    if (pathname.startsWith(prefix)) return timeEndpoint(req, res, pathname.slice(prefix.length), url.searchParams);
  }

  // `/tools/clock` → `/tools/clock/`, as static hosts do.
  if (mount !== '/' && pathname === mount.slice(0, -1)) {
    return send(res, req, 301, { Location: mount + url.search }, '');
  }
  if (!pathname.startsWith(mount)) return notFound(req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, req, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, 'method not allowed');
  }
  return staticFile(req, res, root, pathname.slice(mount.length), injectHeadScript, { ...headers, ...cacheHeaders(pathname) });
}

/**
 * A shared cache keyed by path alone (the query string is not in the key): returns the
 * headers it adds to the answer for `pathname` now. See `startServer`'s `cache` option.
 */
function sharedCache({ mode, ageS = 30 }) {
  if (!['cloudfront', 'rewrite', 'frozen', 'stale'].includes(mode)) throw new Error(`unknown cache mode ${mode}`);
  const storedAt = new Map();
  const httpDate = (ms) => new Date(ms).toUTCString();
  const hit = { 'X-Cache': 'Hit from cloudfront' };
  return (pathname) => {
    const now = Date.now();
    if (mode === 'stale') return { Date: httpDate(now - ageS * 1000), Age: String(ageS), ...hit };
    const stored = storedAt.get(pathname);
    if (stored === undefined || (mode !== 'frozen' && now - stored >= ageS * 1000)) {
      storedAt.set(pathname, now);
      return mode === 'frozen' ? {} : { 'X-Cache': 'Miss from cloudfront' };
    }
    if (mode === 'frozen') return { Date: httpDate(stored) };
    return { Date: httpDate(mode === 'rewrite' ? now : stored), Age: String(ageS), ...hit };
  };
}

async function timeEndpoint(req, res, format, params) {
  if (req.method === 'OPTIONS') {
    // CORS preflight: allow whatever the page asks for.
    return send(res, req, 204, {
      ...TIME_HEADERS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Max-Age': '0',
    }, '');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, req, 405, { ...TIME_HEADERS, Allow: 'GET, HEAD, OPTIONS', 'Content-Type': 'text/plain' }, 'method not allowed');
  }
  const produce = Object.hasOwn(TIME_FORMATS, format) ? TIME_FORMATS[format] : null;
  if (!produce) return send(res, req, 404, { ...TIME_HEADERS, 'Content-Type': 'text/plain' }, 'unknown time format');

  const delay = Number(params.get('delay') ?? 0);
  if (Number.isFinite(delay) && delay > 0) await sleep(Math.min(delay, MAX_DELAY_MS));

  // Read the clock as late as possible, right before answering.
  const now = Date.now();
  if (servesFromCache(format, params.get('cache'))) {
    // What a shared cache would replay: a 5-minute-old answer, its old Date, and an Age.
    const stale = now - CACHED_AGE_S * 1000;
    const [status, type, body] = produce(stale, params);
    const headers = { ...TIME_HEADERS, 'Content-Type': type, Date: new Date(stale).toUTCString(), Age: String(CACHED_AGE_S) };
    return send(res, req, status, headers, body);
  }
  // `skew` shifts the body's time only: an endpoint whose body disagrees with its Date header.
  const skew = Number(params.get('skew') ?? 0);
  const [status, type, body] = produce(now + (Number.isFinite(skew) ? skew : 0), params);
  // `cors=none`: an endpoint that forgot its CORS headers (readable same-origin only).
  const headers = params.get('cors') === 'none' ? { 'Cache-Control': 'no-store' } : TIME_HEADERS;
  return send(res, req, status, { ...headers, 'Content-Type': type }, body);
}

const CACHED_AGE_S = 300;
const cacheCounters = new Map();

/** `cache=all`: every answer is a cache replay; `cache=alternate`: every other one is. */
function servesFromCache(format, mode) {
  if (mode === 'all') return true;
  if (mode !== 'alternate') return false;
  const count = (cacheCounters.get(format) ?? 0) + 1;
  cacheCounters.set(format, count);
  return count % 2 === 1;
}

async function staticFile(req, res, root, relPath, injectHeadScript, extraHeaders = {}) {
  const file = resolveInside(root, relPath);
  if (!file) return notFound(req, res);

  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) info = null;
  } catch {
    info = null;
  }
  if (!info) return notFound(req, res);

  const inject = injectHeadScript !== undefined && path.basename(file) === 'index.html';
  let etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  // The served bytes differ from the file's, so the validator must too.
  if (inject) etag = `${etag.slice(0, -1)}-${createHash('sha1').update(injectHeadScript).digest('hex').slice(0, 8)}"`;
  const headers = {
    'Content-Type': contentType(file),
    'Cache-Control': 'public, max-age=600',
    'Last-Modified': info.mtime.toUTCString(),
    ETag: etag,
    Date: dateNow(),
    ...extraHeaders,
  };
  if (isNotModified(req.headers, etag, info.mtime)) return send(res, req, 304, headers, '');
  if (inject) return send(res, req, 200, headers, withHeadScript(await readFile(file, 'utf8'), injectHeadScript));

  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

// `html` with `<script>${script}</script>` right after its <head> tag.
function withHeadScript(html, script) {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error('injectHeadScript: index.html has no <head> tag');
  // A literal `</script` inside the script would end the element early.
  const safe = script.replace(/<\/script/gi, '<\\/script');
  const at = head.index + head[0].length;
  return allowInMetaPolicy(`${html.slice(0, at)}<script>${safe}</script>${html.slice(at)}`, safe);
}

// `html` whose CSP meta tag (if any) also allows the inline script `script` by its hash.
function allowInMetaPolicy(html, script) {
  const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
  return html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*?script-src)/i, `$1 ${hash}`);
}

// RFC 9110 §13.1: If-None-Match wins over If-Modified-Since when both are sent.
function isNotModified(reqHeaders, etag, mtime) {
  const inm = reqHeaders['if-none-match'];
  if (inm !== undefined) {
    const strip = (t) => t.trim().replace(/^W\//, '');
    return inm.trim() === '*' || inm.split(',').some((t) => strip(t) === etag);
  }
  const ims = Date.parse(reqHeaders['if-modified-since'] ?? '');
  // HTTP dates have whole-second resolution.
  return Number.isFinite(ims) && Math.floor(mtime.getTime() / 1000) * 1000 <= ims;
}

function notFound(req, res) {
  return send(res, req, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found');
}
