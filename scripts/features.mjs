#!/usr/bin/env node
// Which browser versions can run the built page, worked out from what the build emits:
// the WebAssembly features the .wasm actually uses, and what the loader in index.html needs
// (a module script with top-level await; a Content-Security-Policy that allows WebAssembly
// only through 'wasm-unsafe-eval'). Compares the result with the minimum versions docs/browsers.md
// documents ("Browsers it runs in") and exits 1 if the build needs more than they say.
// Where the page's policy makes a browser refuse the wasm (Safari 15, Chrome 89–96), or the
// loader's syntax is too new for it (Safari before 15, Chrome before 89), the shell runs the
// wasm2js fallback instead (scripts/wasm2js-fallback.mjs): docs/browsers.md's third column, the
// oldest versions that get the check at all, is checked against what that route needs (a
// module script, and the fallback's own JavaScript).
//
//   node scripts/features.mjs [distDir]
//
// "Used" is decided by binaryen's validator, not by the compiler's target_features section
// (which lists what the compiler was allowed to use): the section is stripped, then the
// module is validated once per feature with that feature switched off; if validation fails,
// the module uses it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WASM_OPT = path.join(REPO_ROOT, 'node_modules', '.bin', 'wasm-opt');
const BROWSERS = ['Chrome', 'Firefox', 'Safari'];

// First versions with each WebAssembly feature, from the table on https://webassembly.org/features/
// (its data: https://github.com/WebAssembly/website/blob/main/features.json). Binaryen flags that
// belong to one proposal are one row: call-indirect-overlong is reference types' encoding of
// call_indirect, bulk-memory-opt is memory.copy/fill from bulk memory.
const WASM_FEATURES = [
  { name: 'mutable globals (import/export)', flags: ['mutable-globals'], Chrome: '74', Firefox: '61', Safari: '13.1' },
  { name: 'sign-extension operators', flags: ['sign-ext'], Chrome: '74', Firefox: '62', Safari: '14.1' },
  { name: 'non-trapping float-to-int', flags: ['nontrapping-float-to-int'], Chrome: '75', Firefox: '64', Safari: '15' },
  { name: 'bulk memory', flags: ['bulk-memory', 'bulk-memory-opt'], Chrome: '75', Firefox: '79', Safari: '15' },
  { name: 'multi-value', flags: ['multivalue'], Chrome: '85', Firefox: '78', Safari: '13.1' },
  { name: 'reference types', flags: ['reference-types', 'call-indirect-overlong'], Chrome: '96', Firefox: '79', Safari: '15' },
  { name: 'fixed-width SIMD', flags: ['simd'], Chrome: '91', Firefox: '89', Safari: '16.4' },
  { name: 'extended constant expressions', flags: ['extended-const'], Chrome: '114', Firefox: '112', Safari: '17.4' },
  { name: 'tail calls', flags: ['tail-call'], Chrome: '112', Firefox: '121', Safari: '18.2' },
];

// What index.html's loader needs, and where it is detected. Versions: MDN browser-compat-data
// (https://developer.mozilla.org/docs/Web/JavaScript/Reference/Operators/await#browser_compatibility,
// https://developer.mozilla.org/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src#browser_compatibility).
const PAGE_FEATURES = [
  {
    name: 'module script (`<script type="module">`)',
    found: (html) => /<script\b[^>]*type="module"/i.test(html),
    Chrome: '61', Firefox: '60', Safari: '11',
  },
  {
    name: 'top-level `await` in that module script',
    found: (html) => moduleScripts(html).some(hasTopLevelAwait),
    Chrome: '89', Firefox: '89', Safari: '15',
    // The syntax probe before the loader tells the shell, which then runs the fallback.
    fallbackBypasses: true,
  },
  {
    // Before 'wasm-unsafe-eval', Chrome and Safari treated compiling WebAssembly as eval: a policy
    // without 'unsafe-eval' blocks it there. Firefox never applied script-src to WebAssembly then.
    name: "CSP allowing WebAssembly only by 'wasm-unsafe-eval'",
    found: (html) => {
      const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? '';
      return policy.includes("'wasm-unsafe-eval'") && !policy.includes("'unsafe-eval'");
    },
    Chrome: '97', Firefox: null, Safari: '16',
    // A refusal the shell answers with the wasm2js fallback (index.html): not needed for the check.
    fallbackBypasses: true,
  },
];

// What the wasm2js fallback's own JavaScript needs beyond a module script (the shell loads it
// as one), found in the built file. MDN browser-compat-data
// (https://developer.mozilla.org/docs/Web/JavaScript/Reference/Operators/Optional_chaining#browser_compatibility).
const FALLBACK_FEATURES = [
  { name: 'module script (the shell loads the fallback as one)', found: () => true, Chrome: '61', Firefox: '60', Safari: '11' },
  { name: 'optional chaining (`?.`)', found: (js) => /\?\.[\w$(]/.test(js), Chrome: '80', Firefox: '74', Safari: '13.1' },
];

const moduleScripts = (html) => [...html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
const AsyncFunction = (async () => {}).constructor;

/** Whether module code uses `await` outside any async function: it compiles only as an async body. */
function hasTopLevelAwait(moduleCode) {
  // import/export statements are module-only syntax; the rest compiles as a function body.
  const body = moduleCode.replace(/^\s*(?:import|export)\b[^;]*;/gm, '');
  try {
    Function(body);
    return false;
  } catch {
    try {
      AsyncFunction(body);
      return true;
    } catch {
      return false;
    }
  }
}

function fail(message) {
  console.error(`features: ${message}`);
  process.exit(1);
}

const compare = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
};
// `null`: that browser never needed anything for the feature.
const highest = (versions) => versions.filter((v) => v !== null).reduce((a, b) => (compare(a, b) >= 0 ? a : b));
const shown = (version) => version ?? 'any';

/** Whether the module at `file` validates with exactly the binaryen features `flags`. */
function validates(file, flags) {
  try {
    execFileSync(WASM_OPT, [file, '--mvp-features', ...flags.map((f) => `--enable-${f}`)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The features the compiler declared, and the rows of WASM_FEATURES the module really uses. */
function wasmFeatures(wasm) {
  const printed = execFileSync(WASM_OPT, [wasm, '--print-features'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const declared = printed.split('\n').map((l) => l.trim().replace(/^--enable-/, '')).filter(Boolean);
  const unknown = declared.filter((flag) => !WASM_FEATURES.some((f) => f.flags.includes(flag)));
  if (unknown.length) fail(`the module declares ${unknown.join(', ')}, which this script has no browser versions for: add them to WASM_FEATURES`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'skewcheck-features-'));
  try {
    const stripped = path.join(tmp, 'stripped.wasm');
    execFileSync(WASM_OPT, [wasm, '--strip-target-features', '-o', stripped], { stdio: 'ignore' });
    if (!validates(stripped, declared)) fail('the module does not validate with the features it declares');
    const used = WASM_FEATURES.filter((f) => f.flags.some((flag) => declared.includes(flag))
      && !validates(stripped, declared.filter((flag) => !f.flags.includes(flag))));
    return { declared, used };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The versions docs/browsers.md documents in its "Browsers it runs in" table: per browser, the
 * minimum for the wasm build and the oldest that gets the check through the JS fallback.
 */
function documentedMinimums() {
  const readme = readFileSync(path.join(REPO_ROOT, 'docs', 'browsers.md'), 'utf8');
  const version = '(\\d+(?:\\.\\d+)?)';
  const rows = BROWSERS.map((browser) => {
    const row = new RegExp(`^\\| ${browser}\\b[^|]*\\| ${version} \\| ${version} \\|`, 'm').exec(readme);
    if (!row) fail(`docs/browsers.md has no minimum-version row for ${browser} ("| ${browser} … | <version> | <version with the JS fallback> |")`);
    return [browser, row[1], row[2]];
  });
  return {
    wasm: Object.fromEntries(rows.map(([browser, wasm]) => [browser, wasm])),
    fallback: Object.fromEntries(rows.map(([browser, , fallback]) => [browser, fallback])),
  };
}

/** The wasm2js fallback index.html names (`data-fallback-src`), if the build made one. */
function fallbackScript(html, files) {
  const src = /data-fallback-src="(?:\.\/)?([^"]+)"/.exec(html)?.[1];
  if (!src) return null;
  if (!files.includes(src)) fail(`index.html names the fallback ${src}, which is not in ${distDir}`);
  return { name: src, js: readFileSync(path.join(distDir, src), 'utf8') };
}

const distDir = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'dist'));
const files = (() => { try { return readdirSync(distDir); } catch { return []; } })();
const wasmName = files.find((f) => f.endsWith('.wasm'));
if (!wasmName || !files.includes('index.html')) fail(`${distDir} has no index.html and .wasm; build the page first (trunk build --release --offline)`);
const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');

const { declared, used } = wasmFeatures(path.join(distDir, wasmName));
const page = PAGE_FEATURES.filter((f) => f.found(html));
const needs = [...used, ...page];
const needed = Object.fromEntries(BROWSERS.map((b) => [b, highest(needs.map((f) => f[b]))]));
const { wasm: documented, fallback: documentedFallback } = documentedMinimums();
const fallback = fallbackScript(html, files);
// Through the fallback: a module script (the shell loads the fallback as one), then the
// fallback's JavaScript; the wasm's features, the loader's syntax and the policy's refusal
// no longer matter.
const fallbackUses = fallback ? FALLBACK_FEATURES.filter((f) => f.found(fallback.js)) : [];
const fallbackNeeds = [...page.filter((f) => !f.fallbackBypasses), ...fallbackUses];
const neededFallback = fallback ? Object.fromEntries(BROWSERS.map((b) => [b, highest(fallbackNeeds.map((f) => f[b]))])) : needed;

const row = (cells) => `| ${cells.join(' | ')} |`;
console.log(`Browser features of ${path.relative(process.cwd(), distDir) || '.'} (${wasmName})\n`);
console.log(`declared by the compiler (target_features): ${declared.join(', ')}\n`);
console.log(row(['needed feature', 'found in', ...BROWSERS]));
console.log(row(['---', '---', ...BROWSERS.map(() => '---:')]));
for (const f of used) console.log(row([f.name, `wasm (${f.flags.filter((x) => declared.includes(x)).join(', ')})`, ...BROWSERS.map((b) => shown(f[b]))]));
for (const f of page) console.log(row([f.name, 'index.html', ...BROWSERS.map((b) => shown(f[b]))]));
console.log(row(['**needed**', '', ...BROWSERS.map((b) => `**${needed[b]}**`)]));
console.log(row(['documented (docs/browsers.md)', '', ...BROWSERS.map((b) => documented[b])]));
if (fallback) {
  for (const f of fallbackUses) console.log(row([f.name, fallback.name, ...BROWSERS.map((b) => shown(f[b]))]));
  console.log(row(['**needed with the JS fallback**', '', ...BROWSERS.map((b) => `**${neededFallback[b]}**`)]));
  console.log(row(['documented (docs/browsers.md, with the JS fallback)', '', ...BROWSERS.map((b) => documentedFallback[b])]));
} else {
  console.log('\nNo wasm2js fallback in this build (SKEWCHECK_WASM2JS=0): the wasm minimums apply to the check as a whole.');
}

const uncovered = BROWSERS.filter((b) => compare(needed[b], documented[b]) > 0);
if (uncovered.length) {
  fail(`the build needs ${uncovered.map((b) => `${b} ${needed[b]}`).join(', ')}, newer than docs/browsers.md documents `
    + `(${uncovered.map((b) => `${b} ${documented[b]}`).join(', ')}): update docs/browsers.md`);
}
const uncoveredFallback = BROWSERS.filter((b) => compare(neededFallback[b], documentedFallback[b]) > 0);
if (uncoveredFallback.length) {
  fail(`with${fallback ? '' : 'out'} the JS fallback the check needs ${uncoveredFallback.map((b) => `${b} ${neededFallback[b]}`).join(', ')}, `
    + `newer than docs/browsers.md's fallback column says (${uncoveredFallback.map((b) => `${b} ${documentedFallback[b]}`).join(', ')}): update docs/browsers.md`);
}
const claimsTooMuch = BROWSERS.filter((b) => compare(documentedFallback[b], documented[b]) > 0);
if (claimsTooMuch.length) fail(`docs/browsers.md's fallback column is newer than its minimum for ${claimsTooMuch.join(', ')}: it must be the same or older`);
console.log('\nThe documented minimum versions cover every feature the build needs, with and without the JS fallback.');
