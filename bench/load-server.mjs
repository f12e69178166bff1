// Static server for the load bench (bench/load.mjs): serves dist/ the way a good static host
// does, compressed ahead of time (gzip level 9, and brotli quality 11 when asked for and
// accepted), with a fresh `Date` on every answer (the page's default time source is a HEAD of
// itself). Keeps every file's raw, gzip and brotli byte counts for the report, and counts the
// bytes it actually sent per request.

import http from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

import { closeServer, contentType, listen, resolveInside, send } from '../tests/support/http.mjs';

// What the page downloads (the size report's file kinds); the server holds these in memory.
const PAGE_FILES = /\.(html|js|mjs|wasm|css)$/i;

const GZIP = { level: zlib.constants.Z_BEST_COMPRESSION };
const brotliFor = (bytes) => ({
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
});

/** Every page file of `distDir`, each with its identity, gzip and brotli bodies. */
export async function compressDist(distDir) {
  const names = (await readdir(distDir, { recursive: true })).filter((name) => PAGE_FILES.test(name)).sort();
  const files = new Map();
  for (const name of names) {
    const identity = await readFile(path.join(distDir, name));
    files.set(name.split(path.sep).join('/'), {
      identity,
      gzip: zlib.gzipSync(identity, GZIP),
      br: zlib.brotliCompressSync(identity, brotliFor(identity)),
    });
  }
  return files;
}

/** Which stored body to send for an `Accept-Encoding` header, preferring `preferred`. */
function pickEncoding(acceptEncoding = '', preferred) {
  const accepted = new Set(acceptEncoding.split(',').map((part) => part.split(';')[0].trim().toLowerCase()));
  if (preferred === 'br' && accepted.has('br')) return 'br';
  return accepted.has('gzip') ? 'gzip' : 'identity';
}

/**
 * Serve `distDir` on loopback.
 * @param {{distDir: string, encoding: 'gzip'|'br'}} options  `br`: brotli where the browser accepts it, else gzip
 * @returns {Promise<{url: string, files: Map, sent: object[], close: () => Promise<void>}>}
 *   `sent` lists `{path, encoding, bytes}` of every body sent (HEADs send none); empty it between runs.
 */
export async function startLoadServer({ distDir, encoding }) {
  const root = path.resolve(distDir);
  const files = await compressDist(root);
  const sent = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://bench.invalid');
    const file = resolveInside(root, url.pathname.slice(1));
    const name = file && path.relative(root, file).split(path.sep).join('/');
    const stored = name && files.get(name);
    if (!stored || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return send(res, req, 404, { 'Content-Type': 'text/plain' }, 'not found');
    }
    const chosen = pickEncoding(req.headers['accept-encoding'], encoding);
    const headers = {
      'Content-Type': contentType(name),
      Vary: 'Accept-Encoding',
      // Hashed assets may be cached for ever, index.html revalidated; the bench disables the cache anyway.
      'Cache-Control': name === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
      ...(chosen === 'identity' ? {} : { 'Content-Encoding': chosen }),
    };
    if (req.method === 'GET') sent.push({ path: name, encoding: chosen, bytes: stored[chosen].length });
    return send(res, req, 200, headers, stored[chosen]);
  });
  const port = await listen(server, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/`, files, sent, close: () => closeServer(server) };
}
