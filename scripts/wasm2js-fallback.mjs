#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml; it runs before scripts/csp.mjs): builds the page's
// fallback for browsers without WebAssembly (iOS Lockdown Mode, managed browsers) — the same
// Rust code, translated to JavaScript by binaryen's wasm2js. No second implementation: the
// very wasm Cargo built for the page, bound by wasm-bindgen and translated.
//
//   node scripts/wasm2js-fallback.mjs [stagingDir]   (default $TRUNK_STAGING_DIR)
//   SKEWCHECK_WASM2JS=0 skips it (a faster build; the shell then only explains); debug builds
//   skip it unless SKEWCHECK_WASM2JS=1.
//
// Steps, and why each is needed:
//  1. wasm2js supports one table and no reference types, but wasm-bindgen (with the
//     reference-types feature Rust enables by default) adds an externref table. So the
//     module's `target_features` section is rewritten to say -reference-types/-multivalue,
//     and wasm-bindgen takes its classic path (JS values in a JS-side heap, no externref).
//  2. The Rust crate still imports `__wbindgen_externref_statics_end` (only the externref
//     pass replaces it): in the classic path the fixed heap slots end at the glue's heap
//     start, which the glue states (`new Array(N)` + 4 constants), so it is supplied as that.
//  3. wasm2js cannot translate saturating float-to-int, bulk memory or sign-extension
//     (its output fails validation): binaryen's lowering passes rewrite them first.
//  4. wasm2js emits an ES module importing the wasm's imports by module name; it is turned
//     into a function of the import object and joined with the glue and a `WebAssembly`
//     stand-in (module-scoped, never installed globally) into one module that starts the app.
//  5. The glue caches views of memory and refreshes them when the buffer detaches; a
//     wasm2js memory grows into a new buffer without detaching the old one, so the glue's
//     check compares buffers instead.
// The file name goes into index.html's shell (`data-fallback-src`), which loads it only when
// WebAssembly is missing. Any surprise fails the build.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = 'skewcheck';

function fail(message) {
  console.error(`wasm2js-fallback: ${message}`);
  process.exit(1);
}

function run(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (err) {
    fail(`${command} ${args.join(' ')} failed:\n${String(err.stderr || err.message).slice(-4000)}`);
  }
}

function leb128(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** `wasm` with reference-types and multivalue marked as not used in its target_features. */
function withoutReferenceTypes(wasm) {
  const out = Buffer.from(wasm);
  let found = false;
  for (let at = 8; at < out.length;) {
    const [size, body] = leb128(out, at + 1);
    if (out[at] === 0) {
      const [nameLength, name] = leb128(out, body);
      if (out.subarray(name, name + nameLength).toString() === 'target_features') {
        found = true;
        let [count, entry] = leb128(out, name + nameLength);
        for (; count > 0; count--) {
          const [length, feature] = leb128(out, entry + 1);
          const featureName = out.subarray(feature, feature + length).toString();
          if (featureName === 'reference-types' || featureName === 'multivalue') out[entry] = 0x2d; // '-'
          entry = feature + length;
        }
      }
    }
    at = body + size;
  }
  if (!found) fail('the wasm has no target_features section (was it stripped?): cannot steer wasm-bindgen');
  return out;
}

function cargoWasm(profile) {
  const metadata = JSON.parse(run('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline']));
  return path.join(metadata.target_directory, 'wasm32-unknown-unknown', profile === 'debug' ? 'debug' : 'release', `${BIN}.wasm`);
}

/** The wasm2js module as a function of the import object: `function asmFunc(imports)`. */
function asmFactory(asmModule) {
  const start = asmModule.indexOf('function asmFunc(imports) {');
  const end = asmModule.lastIndexOf('\nvar retasmFunc = asmFunc(');
  if (start < 0 || end < 0) fail('unexpected wasm2js output (no asmFunc)');
  // Helpers above asmFunc (base64 decoding of data segments) stay; the import lines go.
  const helpers = asmModule.slice(0, start).replace(/^import \* as \S+ from '[^']*';\n/gm, '');
  if (/^import /m.test(helpers)) fail('unexpected import in wasm2js output');
  return helpers + asmModule.slice(start, end);
}

/** The glue, with the externref intrinsic supplied and buffer-change-safe memory views. */
function patchedGlue(glue) {
  const heap = /let heap = new Array\((\d+)\)\.fill\(undefined\);\nheap\.push\(undefined, null, true, false\);/.exec(glue);
  if (!heap) fail('unexpected glue: no heap initialisation');
  const staticsEnd = Number(heap[1]) + 4;
  let out = glue.replace(/^import \* as (\w+) from "__wbindgen_externref_xform__";?$/m,
    `const $1 = { __wbindgen_externref_statics_end: () => ${staticsEnd} };`);
  if (/^import /m.test(out)) fail('unexpected import left in the glue');
  out = out.replace(/(cached\w+Memory0) === null \|\| \1\.byteLength === 0/g, '$1 === null || $1.buffer !== wasm.memory.buffer');
  out = out.replace(/(cachedDataViewMemory0) === null \|\| \1\.buffer\.detached === true \|\| \(\1\.buffer\.detached === undefined && \1\.buffer !== wasm\.memory\.buffer\)/g,
    '$1 === null || $1.buffer !== wasm.memory.buffer');
  if (/\.byteLength === 0\)|buffer\.detached/.test(out)) fail('unexpected glue: a memory view check was not patched');
  return out.replace(/^export \{[^}]*\};?$/m, '');
}

const BOOT = `
// A stand-in for the missing WebAssembly API, visible to the glue above only.
function WebAssembly() {}
WebAssembly.Module = function Module() {};
WebAssembly.Instance = function Instance(_module, imports) { this.exports = asmFunc(imports); };
initSync({ module: new Uint8Array(0) });
// The app mounts once its language is loaded and removes the shell itself (mounted()).
window.skewcheckShell?.running();
`;

function main() {
  // Debug builds (`trunk serve`) skip it unless asked: translating an unoptimised wasm is slow.
  const wanted = process.env.SKEWCHECK_WASM2JS ?? (process.env.TRUNK_PROFILE === 'debug' ? '0' : '1');
  if (wanted === '0') {
    console.error('wasm2js-fallback: skipped (SKEWCHECK_WASM2JS=0, or a debug build)');
    return;
  }
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail('no directory: run as a Trunk post_build hook (TRUNK_STAGING_DIR) or pass one');
  const indexFile = path.join(dir, 'index.html');
  const html = readFileSync(indexFile, 'utf8');
  if (!html.includes('data-fallback-src=""')) fail('index.html has no empty data-fallback-src attribute to fill');
  const work = mkdtempSync(path.join(os.tmpdir(), 'skewcheck-wasm2js-'));
  try {
    const input = path.join(work, `${BIN}.wasm`);
    writeFileSync(input, withoutReferenceTypes(readFileSync(cargoWasm(process.env.TRUNK_PROFILE))));
    run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', work, '--out-name', 'glue', input]);
    const lowered = path.join(work, 'lowered.wasm');
    run('wasm-opt', [path.join(work, 'glue_bg.wasm'), '--llvm-nontrapping-fptoint-lowering', '--llvm-memory-copy-fill-lowering',
      '--signext-lowering', '-Oz', '--disable-nontrapping-float-to-int', '--disable-bulk-memory', '--disable-sign-ext', '-o', lowered]);
    const asmFile = path.join(work, 'asm.js');
    run('wasm2js', [lowered, '-Oz', '-o', asmFile]);
    const glue = readFileSync(path.join(work, 'glue.js'), 'utf8');
    const bundle = `// skewcheck without WebAssembly: scripts/wasm2js-fallback.mjs\n${patchedGlue(glue)}\n${asmFactory(readFileSync(asmFile, 'utf8'))}\n${BOOT}`;
    const name = `${BIN}-fallback-${createHash('sha256').update(bundle).digest('hex').slice(0, 16)}.js`;
    for (const old of readdirSync(dir)) if (old.startsWith(`${BIN}-fallback-`)) rmSync(path.join(dir, old));
    writeFileSync(path.join(dir, name), bundle);
    const base = process.env.TRUNK_PUBLIC_URL ?? './';
    writeFileSync(indexFile, html.replace('data-fallback-src=""', `data-fallback-src="${base}${name}"`));
    console.error(`wasm2js-fallback: ${name}, ${bundle.length} bytes`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
