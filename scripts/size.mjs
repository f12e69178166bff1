#!/usr/bin/env node
// Bundle size report for the built page: raw, gzip -9 and brotli -q 11 bytes
// of every file the page downloads (html, js, wasm, css), with totals; and each language file
// (lang/<tag>.json) on its own: a client downloads one of them at most, in parallel with the
// wasm, so none is part of the first load's total.
//
//   node scripts/size.mjs [distDir] [--max-gzip-kib N] [--max-lang-gzip-kib N]
//
// distDir defaults to dist. With --max-gzip-kib, exits 1 when the gzip total
// is over N KiB (a size budget for CI); with --max-lang-gzip-kib, when any one language file is.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

const PAGE_EXTENSIONS = new Set(['.html', '.js', '.mjs', '.wasm', '.css']);

function fail(message) {
  console.error(`size: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  let distDir = 'dist';
  let maxGzipKiB = null;
  let maxLangGzipKiB = null;
  let maxFirstGzipKiB = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const option = ['--max-gzip-kib', '--max-lang-gzip-kib', '--max-first-gzip-kib'].find((name) => arg === name || arg.startsWith(`${name}=`));
    if (option) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      const kibs = Number(value);
      if (value === undefined || value === '' || !Number.isFinite(kibs) || kibs <= 0) {
        fail(`${option} needs a positive number of KiB, got ${JSON.stringify(value)}`);
      }
      if (option === '--max-gzip-kib') maxGzipKiB = kibs;
      else if (option === '--max-first-gzip-kib') maxFirstGzipKiB = kibs;
      else maxLangGzipKiB = kibs;
    } else if (arg === '-h' || arg === '--help') {
      console.log('usage: node scripts/size.mjs [distDir] [--max-gzip-kib N] [--max-first-gzip-kib N] [--max-lang-gzip-kib N]');
      process.exit(0);
    } else if (arg.startsWith('-')) {
      fail(`unknown option ${arg}`);
    } else {
      distDir = arg;
    }
  }
  return { distDir, maxGzipKiB, maxLangGzipKiB, maxFirstGzipKiB };
}

async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && PAGE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    // `parentPath` is the current name; `path` is its deprecated alias in Node 20.
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

function measure(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

function printTable(rows) {
  const header = ['file', 'raw', 'gzip', 'brotli'];
  const cells = rows.map((r) => [r.name, String(r.raw), String(r.gzip), String(r.brotli)]);
  const widths = header.map((h, col) => Math.max(h.length, ...cells.map((c) => c[col].length)));
  // File names left-aligned, byte counts right-aligned.
  const line = (c) => c.map((v, col) => (col === 0 ? v.padEnd(widths[col]) : v.padStart(widths[col]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  cells.slice(0, -1).forEach((c) => console.log(line(c)));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  console.log(line(cells.at(-1)));
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const { distDir, maxGzipKiB, maxLangGzipKiB, maxFirstGzipKiB } = parseArgs(process.argv.slice(2));
const info = await stat(distDir).catch(() => null);
if (!info?.isDirectory()) fail(`${distDir} does not exist or is not a directory; build the page first (trunk build --release)`);
const files = await listFiles(distDir);
if (files.length === 0) fail(`${distDir} holds no .html/.js/.wasm/.css files; build the page first (trunk build --release)`);

// The wasm2js fallback (scripts/wasm2js-fallback.mjs) is downloaded only by browsers without
// WebAssembly, instead of the wasm: reported apart, not part of the page's total.
const FALLBACK_PATTERN = /-fallback-[0-9a-f]+\.js$/;
const rows = [];
const fallbackRows = [];
for (const file of files) {
  const row = { name: path.relative(distDir, file), ...measure(await readFile(file)) };
  (FALLBACK_PATTERN.test(file) ? fallbackRows : rows).push(row);
}
const total = { name: 'total', raw: 0, gzip: 0, brotli: 0 };
for (const r of rows) for (const k of ['raw', 'gzip', 'brotli']) total[k] += r[k];

console.log(`bundle size of ${distDir} (bytes; gzip level 9, brotli quality 11)\n`);
printTable([...rows, total]);
console.log(`\ntotal: ${kib(total.raw)} raw, ${kib(total.gzip)} gzip, ${kib(total.brotli)} brotli`);
// What the first verdict waits for (issue 22): index.html, its stylesheet and the first
// module (crates/skewcheck-first, scripts/first-module.mjs); the app's JS and wasm come after.
const FIRST_PATTERN = /(^|\/)(index\.html|style-[0-9a-f]+\.css|skewcheck-first-[0-9a-f]+\.wasm)$/;
const firstRows = rows.filter((r) => FIRST_PATTERN.test(r.name.split(path.sep).join('/')));
const first = { raw: 0, gzip: 0, brotli: 0 };
for (const r of firstRows) for (const k of Object.keys(first)) first[k] += r[k];
const hasFirstModule = firstRows.some((r) => r.name.endsWith('.wasm'));
console.log(hasFirstModule
  ? `before the first verdict (${firstRows.map((r) => r.name).join(', ')}): ${kib(first.raw)} raw, ${kib(first.gzip)} gzip, ${kib(first.brotli)} brotli`
  : 'no first module in this build: the first verdict waits for the whole page');
for (const r of fallbackRows) {
  console.log(`not in the total, only without WebAssembly: ${r.name} ${kib(r.raw)} raw, ${kib(r.gzip)} gzip, ${kib(r.brotli)} brotli`);
}

// The words files, each its own download and not in the total: `lang/<dir>/<tag>.json`, one
// table each, with the largest.
async function wordsFiles(dir, heading) {
  const at = path.join(distDir, 'lang', dir);
  const names = (await readdir(at).catch(() => [])).filter((name) => name.endsWith('.json')).sort();
  const rows = [];
  for (const name of names) {
    rows.push({ name: path.posix.join('lang', dir, name), ...measure(await readFile(path.join(at, name))) });
  }
  if (rows.length > 0) {
    console.log(`\n${heading}\n`);
    const largest = (key) => Math.max(...rows.map((r) => r[key]));
    printTable([...rows, { name: 'largest', raw: largest('raw'), gzip: largest('gzip'), brotli: largest('brotli') }]);
  }
  return rows;
}
// The language files (lang/<tag>.json): a client downloads one at most, in parallel with the
// wasm; the shell's failure words (lang/shell/): fetched with it, shown only if the app cannot
// start; the field sheet's words (lang/sheet/): fetched only at #sheet.
const langRows = await wordsFiles('', 'language files (not in the total: one at most, in parallel with the wasm)');
await wordsFiles('shell', "the shell's failure words (not in the total: one at most, fetched with the language's file)");
await wordsFiles('sheet', "the field sheet's words (not in the total: fetched only at #sheet)");

if (maxLangGzipKiB !== null) {
  const over = langRows.filter((r) => r.gzip > maxLangGzipKiB * 1024);
  if (over.length > 0) {
    fail(`language file${over.length > 1 ? 's' : ''} over the budget of ${maxLangGzipKiB} KiB gzip: ${over.map((r) => `${r.name} ${kib(r.gzip)}`).join(', ')}`);
  }
  console.log(`within budget: every language file <= ${maxLangGzipKiB} KiB gzip`);
}

if (maxGzipKiB !== null) {
  if (total.gzip > maxGzipKiB * 1024) {
    fail(`gzip total ${kib(total.gzip)} is over the budget of ${maxGzipKiB} KiB`);
  }
  console.log(`within budget: gzip ${kib(total.gzip)} <= ${maxGzipKiB} KiB`);
}

if (maxFirstGzipKiB !== null) {
  if (!hasFirstModule) fail('--max-first-gzip-kib: this build has no first module (skewcheck-first-<hash>.wasm)');
  if (first.gzip > maxFirstGzipKiB * 1024) {
    fail(`what the first verdict waits for, ${kib(first.gzip)} gzip, is over the budget of ${maxFirstGzipKiB} KiB`);
  }
  console.log(`within budget: before the first verdict, gzip ${kib(first.gzip)} <= ${maxFirstGzipKiB} KiB`);
}
