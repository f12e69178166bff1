#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): ships a strict Content-Security-Policy with the page.
//
//   node scripts/csp.mjs [dir]        dir defaults to $TRUNK_STAGING_DIR (set by Trunk)
//
// It hashes (sha256) every inline <script> Trunk wrote into index.html (its wasm loader) and
// writes the policy three ways:
//   * a <meta http-equiv="Content-Security-Policy"> in index.html, before any script, so the
//     page is protected on any host, even one that sends no headers at all;
//   * `_headers` (Netlify, Cloudflare Pages) and `nginx-headers.conf` (`add_header` lines),
//     which add what a meta tag cannot carry: `frame-ancestors 'none'`, plus
//     `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`.
//
// connect-src is 'self' (the default time source is the page's own Date header) plus the
// sources in SKEWCHECK_CONNECT_SRC (space- or comma-separated, e.g.
// "https://time.example.com"): the time endpoints that `?endpoint=` links may name.
//
// Any surprise fails the build (exit 1) rather than shipping a page that its own policy
// would break, or no policy at all.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const META_PATTERN = /<meta\s+http-equiv=["']?content-security-policy["']?[^>]*>\s*/gi;
const SCRIPT_PATTERN = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
// A CSP source expression for connect-src: a scheme (`https:`), or
// [scheme://]host[:port|:*][/path], with an optional `*.` host prefix. Nothing that could
// end the directive (`;`, `,`) or smuggle a keyword (quotes).
const SOURCE_PATTERN = /^(?:[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(?:\d{1,5}|\*))?(?:\/[^\s;,'"?#]*)?)$/i;

function fail(message) {
  console.error(`csp: ${message}`);
  process.exit(1);
}

/** sha256 source expressions of every inline script (the exact bytes between the tags). */
function inlineScriptHashes(html) {
  const hashes = [];
  for (const [, attributes, body] of html.matchAll(SCRIPT_PATTERN)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`);
  }
  return [...new Set(hashes)];
}

/** The extra connect-src sources from SKEWCHECK_CONNECT_SRC, each checked. */
function extraConnectSources(value = '') {
  const sources = value.split(/[\s,]+/).filter(Boolean);
  for (const source of sources) {
    if (!SOURCE_PATTERN.test(source) || source === '*') {
      fail(`SKEWCHECK_CONNECT_SRC: ${JSON.stringify(source)} is not a CSP source such as https://time.example.com or http://127.0.0.1:*`);
    }
  }
  return [...new Set(sources)];
}

/**
 * The origins of the time sources a `skewcheck.json` names (`endpoint`, `endpoint2`,
 * `allowed_endpoints`), so the policy lets the page reach them. The file is read from `dir`,
 * else (as Trunk's hook) from the repository root, and then copied into `dir` to ship.
 * Relative endpoints are the page's own origin ('self'). A file the page would ignore
 * (not JSON) adds nothing; the page itself tells its owner what is wrong with it.
 */
function configuredConnectSources(dir) {
  const shipped = path.join(dir, 'skewcheck.json');
  // Only as Trunk's hook: run from a release (update-csp.mjs) the folder is all there is.
  const inRepo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'skewcheck.json');
  if (process.env.TRUNK_STAGING_DIR && !existsSync(shipped) && existsSync(inRepo)) copyFileSync(inRepo, shipped);
  if (!existsSync(shipped)) return [];
  let config;
  try {
    config = JSON.parse(readFileSync(shipped, 'utf8'));
  } catch (err) {
    console.error(`csp: ${shipped} is not valid JSON (${err.message}); no endpoints taken from it`);
    return [];
  }
  const named = [config?.endpoint, config?.endpoint2, ...(Array.isArray(config?.allowed_endpoints) ? config.allowed_endpoints : [])];
  const origins = named.flatMap((value) => {
    if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return [];
    try {
      return [new URL(value.trim()).origin];
    } catch {
      return [];
    }
  });
  return [...new Set(origins)];
}

/** The policy the page itself can enforce (everything a meta tag may carry). */
function pagePolicy(scriptHashes, connectSources) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers a host should send with every file: the policy plus what a meta tag cannot say. */
function responseHeaders(policy) {
  return {
    'Content-Security-Policy': `${policy}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** `html` with its CSP meta tag (replacing any earlier one) before its first script. */
function withPolicyMeta(html, policy) {
  const stripped = html.replace(META_PATTERN, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  // Right after <meta charset>, which must stay first; else right after <head>.
  const anchor = /<meta\s+charset=[^>]*>/i.exec(stripped) ?? /<head(?:\s[^>]*)?>/i.exec(stripped);
  if (!anchor) fail('index.html has neither <meta charset> nor <head>: nowhere to put the policy');
  const at = anchor.index + anchor[0].length;
  const out = `${stripped.slice(0, at)}\n    ${meta}${stripped.slice(at)}`;
  // A meta policy only governs what comes after it.
  if (out.search(/<script\b/i) < out.indexOf(meta)) fail('a <script> comes before the policy meta tag');
  return out;
}

function headersFile(headers) {
  return [
    '# Written by scripts/csp.mjs at build time (Netlify / Cloudflare Pages format).',
    '/*',
    ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`),
    '',
  ].join('\n');
}

function nginxSnippet(headers) {
  return [
    '# Written by scripts/csp.mjs at build time. Include it in the server or location block that',
    '# serves dist/. nginx drops inherited add_header lines in any block that has its own, so',
    '# include it in every such block.',
    ...Object.entries(headers).map(([name, value]) => `add_header ${name} "${value}" always;`),
    '',
  ].join('\n');
}

function write(file, text) {
  try {
    writeFileSync(file, text);
  } catch (err) {
    fail(`cannot write ${file}: ${err.message}`);
  }
}

function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail('no directory: run as a Trunk post_build hook (TRUNK_STAGING_DIR) or pass one');
  const indexFile = path.join(dir, 'index.html');
  let html;
  try {
    html = readFileSync(indexFile, 'utf8');
  } catch (err) {
    fail(`cannot read ${indexFile}: ${err.message}`);
  }
  if (/<style\b/i.test(html)) fail('index.html has an inline <style>, which style-src \'self\' blocks: link a stylesheet instead');
  const hashes = inlineScriptHashes(html);
  if (hashes.length === 0) fail(`no inline script in ${indexFile} to hash: Trunk's loader is missing, so the page would not start`);

  const connectSources = [...new Set([
    ...extraConnectSources(process.env.SKEWCHECK_CONNECT_SRC),
    ...extraConnectSources(configuredConnectSources(dir).join(' ')),
  ])];
  const policy = pagePolicy(hashes, connectSources);
  if (policy.includes('"')) fail('the policy contains a double quote');
  const headers = responseHeaders(policy);
  write(indexFile, withPolicyMeta(html, policy));
  write(path.join(dir, '_headers'), headersFile(headers));
  write(path.join(dir, 'nginx-headers.conf'), nginxSnippet(headers));
  console.error(`csp: ${hashes.length} inline script hash(es); policy written to index.html, _headers, nginx-headers.conf`);
  console.error(`csp: ${policy}`);
}

main();
