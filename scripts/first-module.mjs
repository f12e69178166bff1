#!/usr/bin/env node
// Trunk post_build step (Trunk.toml): builds skewcheck's first module (crates/skewcheck-first:
// the core compiled a second time, without Leptos, issue 22) into the staging directory, and
// wires it into index.html:
//
//  1. `cargo build --release --target wasm32-unknown-unknown -p skewcheck-first`, then
//     `wasm-opt -Oz` (binaryen from npm, as Trunk's own step), under a content-hashed name
//     `skewcheck-first-<hash>.wasm` (a static host may cache it forever, like Trunk's files);
//  2. the name goes into the inlined early-probe.js's empty `var FIRST_MODULE = '';`, which
//     fetches the module at once, beside the early request;
//  3. the app's own files wait for the module's bytes (they would share the connection with
//     them and delay the first verdict): Trunk's `<link rel="preload">` of the app's wasm and
//     `<link rel="modulepreload">`s of its JS are dropped, and Trunk's loader first awaits
//     `window.__skewcheckAppMayLoad` (early-probe.js resolves it once the module has arrived,
//     or failed, or is not used), then puts the same preloads back (with Trunk's integrity:
//     the wasm's download starts then, beside the JS) and imports the JS it imported
//     statically before.
//
// SKEWCHECK_FIRST=0 skips it (the page then works as before: the app draws the first verdict);
// debug builds skip it unless SKEWCHECK_FIRST=1. csp.mjs runs after it and hashes the
// finished scripts.
//
//   node scripts/first-module.mjs [stagingDir]   (default $TRUNK_STAGING_DIR)

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CRATE = 'skewcheck-first';
const ARTIFACT = 'skewcheck_first.wasm';
/** early-probe.js's declaration, empty in the source and filled in the built page. */
export const DECLARATION = /var FIRST_MODULE = '([^']*)';/g;
/** Trunk 0.21's preload of the app's wasm (index.html's `<link data-trunk rel="rust">`). */
const WASM_PRELOAD = /<link rel="preload" href="[^"]+_bg\.wasm"[^>]*as="fetch"[^>]*>\s*/g;
/** Trunk 0.21's preloads of the app's JS (its glue and the initializer), with their SRI. */
const MODULE_PRELOAD = /<link rel="modulepreload" href="([^"]+)" crossorigin="anonymous" integrity="([^"]+)">\s*/g;
/** Trunk 0.21's loader imports them statically, */
const GLUE_IMPORT = /import init, \* as bindings from '([^']+)';\n?/;
const INITIALIZER_IMPORT = /import initializer from '([^']+)';\n?/;
/** and starts the app's wasm here. */
const LOADER_START = 'const wasm = await __trunkInitializer(';

/** A tag's attributes, `[[name, value], …]`. */
const attributes = (tag) => [...tag.matchAll(/([a-z][a-z-]*)="([^"]*)"/g)].map((m) => [m[1], m[2]]);

/**
 * What the loader does first instead: wait for the first module, tell the watchdog the app's
 * load has begun, put back Trunk's preloads (the wasm's and the JS's, with the integrity Trunk
 * gave them, so the wasm starts at once and the imports below are checked as before), and
 * import the JS.
 */
function gate(preloads, glue, initializer) {
  return [
    'await window.__skewcheckAppMayLoad;',
    'window.skewcheckShell?.started();',
    `for (const preload of ${JSON.stringify(preloads)}) {`,
    "  const link = document.createElement('link');",
    '  for (const [name, value] of preload) link.setAttribute(name, value);',
    '  document.head.appendChild(link);',
    '}',
    `const bindings = await import(${JSON.stringify(glue)});`,
    'const init = bindings.default;',
    `const { default: initializer } = await import(${JSON.stringify(initializer)});`,
    '',
  ].join('\n');
}

function fail(message) {
  console.error(`first-module: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
  } catch (err) {
    fail(`${command} ${args.join(' ')} failed: ${err.message}`);
  }
}

/** `html` with the module's name in early-probe.js and the app's wasm held behind it. */
export function wireIn(html, name) {
  const found = [...html.matchAll(DECLARATION)];
  if (found.length !== 1) throw new Error(`index.html holds ${found.length} \`var FIRST_MODULE = '…';\` declarations, not exactly one (early-probe.js's)`);
  if (found[0][1] !== '') throw new Error(`early-probe.js's FIRST_MODULE is not empty (${found[0][0]}): the build fills it`);
  const wasmPreloads = html.match(WASM_PRELOAD) ?? [];
  if (wasmPreloads.length !== 1) throw new Error(`index.html holds ${wasmPreloads.length} preloads of the app's wasm, not exactly one (Trunk's)`);
  const starts = html.split(LOADER_START).length - 1;
  if (starts !== 1) throw new Error(`index.html holds ${starts} \`${LOADER_START}\`, not exactly one (Trunk 0.21's loader)`);
  const glue = GLUE_IMPORT.exec(html)?.[1];
  const initializer = INITIALIZER_IMPORT.exec(html)?.[1];
  if (!glue || !initializer) throw new Error("index.html's loader does not import the glue and the initializer as Trunk 0.21's does");
  const modulePreloads = [...html.matchAll(MODULE_PRELOAD)];
  const preloaded = modulePreloads.map((m) => m[1]).sort();
  if (JSON.stringify(preloaded) !== JSON.stringify([glue, initializer].sort())) {
    throw new Error(`index.html's module preloads (${preloaded.join(', ')}) are not the loader's imports (${glue}, ${initializer})`);
  }
  const preloads = [...wasmPreloads, ...modulePreloads.map((m) => m[0])].map((tag) => attributes(tag.trim()));
  return html
    .replace(DECLARATION, `var FIRST_MODULE = '${name}';`)
    .replace(WASM_PRELOAD, '')
    .replace(MODULE_PRELOAD, '')
    .replace(GLUE_IMPORT, '')
    .replace(INITIALIZER_IMPORT, '')
    .replace(LOADER_START, `${gate(preloads, glue, initializer)}${LOADER_START}`);
}

function targetDir() {
  const metadata = JSON.parse(run('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline']));
  return metadata.target_directory;
}

function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail('no directory: run as a Trunk post_build hook (TRUNK_STAGING_DIR) or pass one');
  const wanted = process.env.SKEWCHECK_FIRST ?? (process.env.TRUNK_PROFILE === 'debug' ? '0' : '1');
  if (wanted === '0') {
    console.error('first-module: skipped (SKEWCHECK_FIRST=0, or a debug build): the app draws the first verdict');
    return;
  }
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  run('cargo', ['build', '--release', '--offline', '--locked', '--target', 'wasm32-unknown-unknown', '-p', CRATE], { cwd: repo });
  const built = path.join(targetDir(), 'wasm32-unknown-unknown', 'release', ARTIFACT);
  const work = mkdtempSync(path.join(os.tmpdir(), 'skewcheck-first-'));
  try {
    const optimised = path.join(work, 'first.wasm');
    // -Oz as Trunk's own wasm-opt step (index.html's data-wasm-opt="z"); --strip-debug and
    // --strip-producers: names and producers are of no use to the page.
    run('wasm-opt', [built, '-Oz', '--strip-debug', '--strip-producers', '-o', optimised]);
    const bytes = readFileSync(optimised);
    const name = `${CRATE}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.wasm`;
    for (const old of readdirSync(dir)) if (old.startsWith(`${CRATE}-`) && old.endsWith('.wasm')) rmSync(path.join(dir, old));
    writeFileSync(path.join(dir, name), bytes);
    const indexFile = path.join(dir, 'index.html');
    writeFileSync(indexFile, wireIn(readFileSync(indexFile, 'utf8'), name));
    console.error(`first-module: ${name} (${bytes.length} B) written; index.html loads it first and holds the app's wasm behind it`);
  } catch (err) {
    fail(err.message);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
