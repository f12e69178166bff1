// HTTP helpers shared by the e2e test server (tests/e2e/server.mjs) and the bench server
// (bench/server.mjs): content types, CORS headers of a time endpoint, safe path mapping,
// complete responses, and starting/stopping a node:http server on loopback.

import path from 'node:path';

/** Content types a static host sends; `.wasm` must be exact for WebAssembly.instantiateStreaming. */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type for a file name (by extension). */
export const contentType = (file) => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Headers of a well-behaved time endpoint: never cached, readable cross-origin, Date exposed. */
export const TIME_HEADERS = {
  'Cache-Control': 'no-store',
  'Access-Control-Allow-Origin': '*',
  // Cross-origin JS can only read Date if it is exposed explicitly.
  'Access-Control-Expose-Headers': 'Date',
};

/**
 * Map a URL path (still percent-encoded, relative to `root`) onto a file under `root`;
 * `null` if it cannot be decoded or would escape `root`. A trailing `/` means its index.html.
 */
export function resolveInside(root, encodedPath) {
  let rel;
  try {
    rel = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(root, `.${path.posix.sep}${rel}`);
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * The `Date` header for a response sent now. Set explicitly because Node caches its own `Date`
 * string and refreshes it on a timer, which runs late when the machine is busy: a stale `Date`
 * from a test server would be a wrong time source.
 */
export const dateNow = () => new Date().toUTCString();

/** Write a complete response (with a fresh `Date` unless `headers` has one); HEAD, 204 and 304 get headers only. */
export function send(res, req, status, headers, body) {
  const bodiless = req.method === 'HEAD' || status === 204 || status === 304;
  const out = { Date: dateNow(), ...headers };
  if (status !== 204 && status !== 304) out['Content-Length'] = Buffer.byteLength(body);
  res.writeHead(status, out);
  res.end(bodiless ? undefined : body);
}

/** Listen on `host` with an ephemeral port; resolves to the port. */
export async function listen(server, host) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return server.address().port;
}

/** Close `server`, dropping the browser's keep-alive sockets so it does not hang. */
export function closeServer(server) {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
