#!/usr/bin/env node
// Writes precompressed copies beside the page's files, for hosts that serve files as they are
// (nginx's gzip_static and brotli_static, Caddy's `file_server { precompressed }`):
//
//   node scripts/precompress.mjs dir     beside every eligible file under dir: <file>.br
//                                        (brotli, quality 11) and <file>.gz (gzip -9, no name
//                                        and no time in its header, so the copy is reproducible)
//
// scripts/package runs it on the release's site/ as its last step before the zip, once every
// file there is final. A file is eligible by its extension (EXTENSIONS: text and WebAssembly;
// images such as png are compressed already) if it has at least MIN_BYTES, and is not one of
// the host configurations the build writes beside the page (HOST_FILES: a host reads them, no
// browser asks for them). Every copy is decompressed again and compared with its file, byte
// for byte, before it is written; any difference fails (exit 1).
//
// `node update-csp.mjs site` (scripts/csp.mjs) re-writes the copies of the files it changes,
// with the same settings (its `refreshCompressed`).

import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Extensions (lower case) whose files get compressed copies. */
export const EXTENSIONS = ['html', 'js', 'mjs', 'css', 'wasm', 'json', 'sh', 'svg', 'txt', 'xml', 'map', 'webmanifest'];
/** Below this size a compressed response saves less than its headers cost. */
export const MIN_BYTES = 256;
/** Written beside the page for the host to read (scripts/csp.mjs), never fetched by the page. */
export const HOST_FILES = ['_headers', 'nginx-headers.conf', 'caddy-headers.conf', '.skewcheck-build.json'];

/** Whether `file` (a path; `size` its length in bytes) gets compressed copies. */
export function eligible(file, size) {
  const name = path.basename(file);
  const ext = path.extname(name).slice(1).toLowerCase();
  return EXTENSIONS.includes(ext) && !HOST_FILES.includes(name) && size >= MIN_BYTES;
}

/** `data` as brotli at quality 11 (text mode for everything but WebAssembly). */
export function brotli(data, { wasm = false } = {}) {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: wasm ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

/** `data` as gzip -9n: Node writes no file name and a zero modification time. */
export function gzip(data) {
  return gzipSync(data, { level: 9 });
}

function fail(message) {
  console.error(`precompress: ${message}`);
  process.exit(1);
}

/** Every file under `dir`, dotfiles included, sorted. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** Writes the copies of every eligible file under `dir`; returns what it wrote. */
export function precompress(dir) {
  let stat;
  try {
    stat = statSync(dir);
  } catch (err) {
    return fail(`cannot read ${dir}: ${err.message}`);
  }
  if (!stat.isDirectory()) fail(`${dir} is not a folder`);
  const written = [];
  for (const file of filesUnder(dir)) {
    const data = readFileSync(file);
    if (!eligible(file, data.length)) continue;
    const copies = [
      ['br', brotli(data, { wasm: file.endsWith('.wasm') }), brotliDecompressSync],
      ['gz', gzip(data), gunzipSync],
    ];
    for (const [ext, copy, decompress] of copies) {
      if (!decompress(copy).equals(data)) fail(`${file}.${ext} does not decompress to ${file}`);
      writeFileSync(`${file}.${ext}`, copy);
      written.push({ file: path.relative(dir, `${file}.${ext}`), bytes: copy.length, of: data.length });
    }
  }
  return written;
}

function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) fail('usage: node scripts/precompress.mjs dir');
  const written = precompress(args[0]);
  const total = (ext) => written.filter((w) => w.file.endsWith(`.${ext}`)).reduce((sum, w) => sum + w.bytes, 0);
  console.error(`precompress: ${written.length} copies in ${args[0]} (brotli ${total('br')} B, gzip ${total('gz')} B in all)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
