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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const option = ['--max-gzip-kib', '--max-lang-gzip-kib'].find((name) => arg === name || arg.startsWith(`${name}=`));
    if (option) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      const kibs = Number(value);
      if (value === undefined || value === '' || !Number.isFinite(kibs) || kibs <= 0) {
        fail(`${option} needs a positive number of KiB, got ${JSON.stringify(value)}`);
      }
      if (option === '--max-gzip-kib') maxGzipKiB = kibs;
      else maxLangGzipKiB = kibs;
    } else if (arg === '-h' || arg === '--help') {
      console.log('usage: node scripts/size.mjs [distDir] [--max-gzip-kib N] [--max-lang-gzip-kib N]');
      process.exit(0);
    } else if (arg.startsWith('-')) {
      fail(`unknown option ${arg}`);
    } else {
      distDir = arg;
    }
  }
  return { distDir, maxGzipKiB, maxLangGzipKiB };
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

const { distDir, maxGzipKiB, maxLangGzipKiB } = parseArgs(process.argv.slice(2));
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
for (const r of fallbackRows) {
  console.log(`not in the total, only without WebAssembly: ${r.name} ${kib(r.raw)} raw, ${kib(r.gzip)} gzip, ${kib(r.brotli)} brotli`);
}

// The language files: lang/<tag>.json, each its own download.
const langDir = path.join(distDir, 'lang');
const langFiles = (await readdir(langDir).catch(() => [])).filter((name) => name.endsWith('.json')).sort();
const langRows = [];
for (const name of langFiles) {
  langRows.push({ name: `lang/${name}`, ...measure(await readFile(path.join(langDir, name))) });
}
if (langRows.length > 0) {
  console.log('\nlanguage files (not in the total: one at most, in parallel with the wasm)\n');
  printTable([...langRows, { name: 'largest', raw: Math.max(...langRows.map((r) => r.raw)), gzip: Math.max(...langRows.map((r) => r.gzip)), brotli: Math.max(...langRows.map((r) => r.brotli)) }]);
}

// The shell's failure words (lang/shell/<tag>.json): fetched with the language's file, in
// parallel with the wasm, shown only if the app cannot start.
const shellDir = path.join(langDir, 'shell');
const shellFiles = (await readdir(shellDir).catch(() => [])).filter((name) => name.endsWith('.json')).sort();
const shellRows = [];
for (const name of shellFiles) {
  shellRows.push({ name: `lang/shell/${name}`, ...measure(await readFile(path.join(shellDir, name))) });
}
if (shellRows.length > 0) {
  console.log("\nthe shell's failure words (not in the total: one at most, fetched with the language's file)\n");
  printTable([...shellRows, { name: 'largest', raw: Math.max(...shellRows.map((r) => r.raw)), gzip: Math.max(...shellRows.map((r) => r.gzip)), brotli: Math.max(...shellRows.map((r) => r.brotli)) }]);
}

// The field sheet's words (lang/sheet/<tag>.json): fetched only at #sheet.
const sheetDir = path.join(langDir, 'sheet');
const sheetFiles = (await readdir(sheetDir).catch(() => [])).filter((name) => name.endsWith('.json')).sort();
const sheetRows = [];
for (const name of sheetFiles) {
  sheetRows.push({ name: `lang/sheet/${name}`, ...measure(await readFile(path.join(sheetDir, name))) });
}
if (sheetRows.length > 0) {
  console.log("\nthe field sheet's words (not in the total: fetched only at #sheet)\n");
  printTable([...sheetRows, { name: 'largest', raw: Math.max(...sheetRows.map((r) => r.raw)), gzip: Math.max(...sheetRows.map((r) => r.gzip)), brotli: Math.max(...sheetRows.map((r) => r.brotli)) }]);
}

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
