// Bench server for the accuracy benchmark (node:http only).
//
// Unlike the e2e test server (whose clock is the truth while the browser's
// Date is faked), this server's *own* clock is wrong by a known amount and the
// browser's Date stays real: server time = real time − offsetMs, so a browser
// with a correct clock has a true device offset of +offsetMs (device fast).
//
// Time responses get an injected network delay: for each request the server
// waits `outbound` ms (the request leg), takes its timestamp, waits `inbound` ms
// (the response leg) and only then sends headers and body. Legs are drawn from
// a seeded PRNG, so a run is reproducible and every estimator in a repetition
// sees the same sequence of delays.
//
// Delayed, with the shifted Date header:
//   GET/HEAD /, /index.html   the skewcheck page (its default source HEADs it)
//   GET/HEAD /time/ms         epoch-ms body
//   POST     /timesync        the JSON-RPC reply the `timesync` npm client expects
// Not delayed (but still carrying the server's shifted Date):
//   everything else in dist/, /peers.html, /peers.js, /vendor/timesync.js
//
// Every request is recorded in `requests`, tagged with the current run.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

import { TIME_HEADERS, closeServer, contentType, listen, resolveInside, send as sendResponse } from '../tests/support/http.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '..');

// Files served next to dist/ for the peer estimators.
const EXTRA_FILES = {
  '/peers.html': path.join(BENCH_DIR, 'peers.html'),
  '/peers.js': path.join(BENCH_DIR, 'peers.js'),
  '/vendor/timesync.js': path.join(REPO_ROOT, 'node_modules/timesync/dist/timesync.js'),
};

const PAGE_PATHS = new Set(['/', '/index.html']);

/** mulberry32: tiny, seedable, good enough for jitter. Returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, for deriving seeds from names. */
export function hashSeed(text) {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return h;
}

/**
 * Network model: a round trip of `rttMs`, split `outboundShare` : 1 − outboundShare
 * between the legs, each leg jittered uniformly by ±jitterMs/2 (so the round
 * trip stays within rttMs ± jitterMs).
 */
export function drawLegs({ rttMs = 0, jitterMs = 0, outboundShare = 0.5 }, random) {
  const jitter = () => (random ? (random() - 0.5) * jitterMs : 0);
  return {
    outMs: Math.max(0, rttMs * outboundShare + jitter()),
    inMs: Math.max(0, rttMs * (1 - outboundShare) + jitter()),
  };
}

/** IMF-fixdate of a time, truncated (not rounded) to the second as real servers do. */
export const httpDate = (ms) => new Date(Math.floor(ms / 1000) * 1000).toUTCString();

/**
 * Start the bench server on 127.0.0.1 with an ephemeral port.
 * @param {{distDir: string, host?: string, onDone?: (entry: object) => void}} options
 *   `onDone` is called with each request's record once its response is over.
 */
export async function startBenchServer({ distDir, host = '127.0.0.1', onDone }) {
  const root = path.resolve(distDir);
  const requests = [];
  const state = { offsetMs: 0, network: {}, random: prng(1), run: null };
  const serverNow = () => Date.now() - state.offsetMs;

  const server = http.createServer((req, res) => {
    // We write Date ourselves, from the shifted (and, for time responses, stamped) clock.
    res.sendDate = false;
    const url = new URL(req.url, 'http://bench.invalid');
    const entry = {
      run: state.run,
      method: req.method,
      url: req.url,
      path: url.pathname,
      mode: req.headers['sec-fetch-mode'],
      timed: false,
      status: undefined,
    };
    requests.push(entry);
    res.on('close', () => {
      entry.status = res.headersSent ? res.statusCode : 'aborted';
      onDone?.(entry);
    });
    handle(req, res, url, entry).catch((err) => {
      console.error('[bench server]', err);
      if (!res.headersSent) send(res, req, 500, { 'Content-Type': 'text/plain' }, 'internal error', serverNow());
      else res.destroy();
    });
  });

  async function handle(req, res, url, entry) {
    const { pathname } = url;
    if (req.method === 'OPTIONS') {
      return send(res, req, 204, {
        ...TIME_HEADERS,
        'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      }, '', serverNow());
    }
    if (pathname === '/time/ms' && (req.method === 'GET' || req.method === 'HEAD')) {
      const stamp = await delayed(entry);
      return send(res, req, 200, { ...TIME_HEADERS, 'Content-Type': 'text/plain' }, String(stamp), stamp);
    }
    if (pathname === '/timesync' && req.method === 'POST') {
      // timesync's client POSTs {"jsonrpc":"2.0","id":N,"method":"timesync"} and
      // matches the reply's `id`; `result` is the server time in epoch ms. It
      // parses the reply as JSON only if Content-Type contains "json".
      const body = await readBody(req);
      let id = null;
      try { id = JSON.parse(body).id ?? null; } catch { /* unreadable: id null, which the client ignores */ }
      const stamp = await delayed(entry);
      return send(res, req, 200, { ...TIME_HEADERS, 'Content-Type': 'application/json' },
        JSON.stringify({ jsonrpc: '2.0', id, result: stamp }), stamp);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, req, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, 'method not allowed', serverNow());
    }
    const file = Object.hasOwn(EXTRA_FILES, pathname) ? EXTRA_FILES[pathname] : resolveInside(root, pathname.slice(1));
    const data = file && await readFile(file).catch(() => null);
    if (!data) return send(res, req, 404, { 'Content-Type': 'text/plain' }, 'not found', serverNow());
    // The page's own URL is skewcheck's default time source: treat it like one.
    const stamp = PAGE_PATHS.has(pathname) ? await delayed(entry) : serverNow();
    return send(res, req, 200, { 'Content-Type': contentType(file), 'Cache-Control': 'no-store' }, data, stamp);
  }

  /** Wait the request leg, stamp the (shifted) server time, wait the response leg; returns the stamp. */
  async function delayed(entry) {
    // The page's navigation gets the nominal delay without drawing from the
    // PRNG, so the n-th *time request* of every estimator sees the same legs.
    const legs = entry.mode === 'navigate' ? drawLegs(state.network) : drawLegs(state.network, state.random);
    Object.assign(entry, { timed: true, ...legs });
    if (legs.outMs > 0) await sleep(legs.outMs);
    const stamp = serverNow();
    entry.stampMs = stamp;
    if (legs.inMs > 0) await sleep(legs.inMs);
    return stamp;
  }

  const baseUrl = `http://${host}:${await listen(server, host)}`;

  return {
    baseUrl,
    requests,
    /** Set the server clock's error, the network model and the PRNG seed for what follows. */
    configure({ offsetMs = 0, network = {}, seed = 1 } = {}) {
      Object.assign(state, { offsetMs, network, random: prng(seed) });
    },
    /** Tag subsequent requests with `run` (null to stop tagging). */
    setRun(run) { state.run = run; },
    /** Time requests of a run, excluding page navigations. */
    timeRequests(run) {
      return requests.filter((r) => r.run === run && r.timed && r.mode !== 'navigate');
    },
    close: () => closeServer(server),
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; if (body.length > 1e5) req.destroy(); });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

// A complete response carrying the server's Date for `stampMs`.
function send(res, req, status, headers, body, stampMs) {
  sendResponse(res, req, status, { ...headers, Date: httpDate(stampMs) }, body);
}

// `node bench/server.mjs [--offset MS] [--rtt MS] [--jitter MS] [--outbound-share F]`:
// serve dist/ for manual checks with curl.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      offset: { type: 'string', default: '7777' },
      rtt: { type: 'string', default: '0' },
      jitter: { type: 'string', default: '0' },
      'outbound-share': { type: 'string', default: '0.5' },
    },
  });
  const log = (e) => console.log(`${e.method} ${e.url} → ${e.status}`
    + (e.timed ? ` out ${e.outMs.toFixed(1)} ms, in ${e.inMs.toFixed(1)} ms, stamp ${e.stampMs ?? '-'}` : ''));
  const s = await startBenchServer({ distDir: path.join(REPO_ROOT, 'dist'), onDone: log });
  s.configure({
    offsetMs: Number(values.offset),
    network: { rttMs: Number(values.rtt), jitterMs: Number(values.jitter), outboundShare: Number(values['outbound-share']) },
  });
  console.log(s.baseUrl);
}
