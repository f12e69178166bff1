#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml; it runs after scripts/wasm2js-fallback.mjs and before
// scripts/csp.mjs, which then hashes the finished script): writes the limits the page's
// JavaScript shares with Rust into the built page.
//
//   node scripts/limits.mjs [stagingDir]   (default $TRUNK_STAGING_DIR)
//   node scripts/limits.mjs --print        the limits as JSON, nothing written
//
// Their one source is crates/skewcheck-core/src/limits.rs. Every item there must be a
// `pub const NAME: TYPE = EXPR;` on one line, TYPE an integer type and EXPR integer literals
// (with `_` separators) joined by `*`, e.g. `pub const MAX_BODY_BYTES: usize = 64 * 1024;`;
// anything else fails the build, rather than leaving the script's copy behind. Comments and
// blank lines are skipped.
//
// early-probe.js (inlined into index.html by Trunk) declares `var LIMITS = {};` and reads
// `LIMITS.NAME`; this hook fills that object in the staged index.html, so the shipped script
// reads `var LIMITS = { REQUEST_TIMEOUT_MS: 5000, … };`. The build fails when the declaration
// is not there exactly once, or when the script reads a name limits.rs does not define.
// tests/e2e/limits.test.mjs checks the built page against limits.rs.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LIMITS_RS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'crates', 'skewcheck-core', 'src', 'limits.rs');

/** The empty declaration early-probe.js holds, and the filled one in the built page. */
export const DECLARATION = /var LIMITS = \{([^{}]*)\};/g;

/** Integer types and their ranges, so a value is never one Rust itself would refuse. */
const INTEGER_TYPES = Object.fromEntries([8, 16, 32, 64, 128].flatMap((bits) => [
  [`u${bits}`, [0n, 2n ** BigInt(bits) - 1n]],
  [`i${bits}`, [-(2n ** BigInt(bits - 1)), 2n ** BigInt(bits - 1) - 1n]],
]).concat([['usize', [0n, 2n ** 64n - 1n]], ['isize', [-(2n ** 63n), 2n ** 63n - 1n]]]));

const ITEM = /^pub const ([A-Z][A-Z0-9_]*): ([^=]+?) = ([^;]*);$/;
const LITERAL = /^[0-9][0-9_]*$/;

/** Throws naming `file:line` and what is wrong there. */
function refuse(where, message) {
  throw new Error(`${where}: ${message}`);
}

/**
 * The value of `EXPR`: integer literals with `_` separators, joined by `*`. Anything else
 * (another operator, a suffix, hex, a name, parentheses) throws.
 */
export function evaluate(expr, where = 'limits') {
  const factors = expr.split('*').map((factor) => factor.trim());
  let value = 1n;
  for (const factor of factors) {
    if (!LITERAL.test(factor)) {
      refuse(where, `${JSON.stringify(expr)}: only integer literals (with _ separators) joined by * are understood, not ${JSON.stringify(factor)}`);
    }
    value *= BigInt(factor.replaceAll('_', ''));
  }
  return value;
}

/** `{ NAME: number }` for every `pub const` of `source` (Rust), in its order. */
export function parseLimits(source, file = 'limits.rs') {
  const limits = {};
  source.split('\n').forEach((raw, index) => {
    const where = `${file}:${index + 1}`;
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) return;
    if (line.startsWith('/*')) refuse(where, 'a block comment: write // comments only');
    const item = ITEM.exec(line);
    if (!item) refuse(where, `not a one-line \`pub const NAME: TYPE = EXPR;\`: ${JSON.stringify(line)}`);
    const [, name, type, expr] = item;
    const range = INTEGER_TYPES[type];
    if (!range) refuse(where, `${name}: ${type} is not an integer type`);
    if (name in limits) refuse(where, `${name} is defined twice`);
    const value = evaluate(expr, `${where} (${name})`);
    if (value < range[0] || value > range[1]) refuse(where, `${name} = ${value} does not fit in ${type}`);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) refuse(where, `${name} = ${value} is beyond what a JavaScript number holds exactly`);
    limits[name] = Number(value);
  });
  if (Object.keys(limits).length === 0) refuse(file, 'no `pub const` found');
  return limits;
}

/** The limits from crates/skewcheck-core/src/limits.rs. */
export function readLimits(file = LIMITS_RS) {
  return parseLimits(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
}

/** The object literal the built script carries: `{ NAME: value, … }`. */
export function objectLiteral(limits) {
  return `{ ${Object.entries(limits).map(([name, value]) => `${name}: ${value}`).join(', ')} }`;
}

/** `html` with early-probe.js's `var LIMITS = {};` filled in; throws on any surprise. */
export function fillLimits(html, limits) {
  const found = [...html.matchAll(DECLARATION)];
  if (found.length !== 1) throw new Error(`index.html holds ${found.length} \`var LIMITS = {…};\` declarations, not exactly one (early-probe.js's)`);
  if (found[0][1].trim() !== '') throw new Error(`early-probe.js's \`var LIMITS = {};\` is not empty (${found[0][0]}): the values belong in limits.rs`);
  // The script around it: the inline <script> that holds the declaration.
  const start = html.lastIndexOf('<script', found[0].index);
  const end = html.indexOf('</script', found[0].index);
  if (start < 0 || end < 0) throw new Error('`var LIMITS = {};` is not inside an inline <script>');
  const used = new Set([...html.slice(start, end).matchAll(/\bLIMITS\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
  const missing = [...used].filter((name) => !(name in limits));
  if (missing.length > 0) throw new Error(`early-probe.js reads LIMITS.${missing.join(', LIMITS.')}, which limits.rs does not define`);
  return html.slice(0, found[0].index) + `var LIMITS = ${objectLiteral(limits)};` + html.slice(found[0].index + found[0][0].length);
}

function main() {
  const fail = (message) => {
    console.error(`limits: ${message}`);
    process.exit(1);
  };
  let limits;
  try {
    limits = readLimits();
  } catch (err) {
    fail(err.message);
  }
  if (process.argv[2] === '--print') {
    console.log(JSON.stringify(limits, null, 2));
    return;
  }
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail('no directory: run as a Trunk post_build hook (TRUNK_STAGING_DIR) or pass one');
  const indexFile = path.join(dir, 'index.html');
  try {
    writeFileSync(indexFile, fillLimits(readFileSync(indexFile, 'utf8'), limits));
  } catch (err) {
    fail(`${indexFile}: ${err.message}`);
  }
  console.error(`limits: ${objectLiteral(limits)} written into index.html's early-probe.js`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
