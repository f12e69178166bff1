#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): ships a strict Content-Security-Policy with the page.
//
//   node scripts/csp.mjs [dir]        dir defaults to $TRUNK_STAGING_DIR (set by Trunk)
//   node scripts/csp.mjs dir --allow https://time.example.com/clock
//                                     lists a time source in dir/skewcheck.json's
//                                     allowed_endpoints (creating the file or the key) and
//                                     re-writes the policy so connect-src lists its origin
//   node scripts/csp.mjs --check-release dir
//                                     refuses (exit 1) a dir that was not built for release
//                                     (scripts/package runs it on dist/)
//   node scripts/csp.mjs --fill-host file dir
//                                     writes dir's policy into a host configuration with a
//                                     policy block (deploy/apache.htaccess)
//
// It hashes (sha256) every inline <script> Trunk wrote into index.html (its wasm loader) and
// writes the policy these ways:
//   * a <meta http-equiv="Content-Security-Policy"> in index.html, before any script, so the
//     page is protected on any host, even one that sends no headers at all;
//   * `_headers` (Netlify, Cloudflare Pages), `nginx-headers.conf` (`add_header` lines) and
//     `caddy-headers.conf` (a `header` block deploy/Caddyfile imports), which add what a meta
//     tag cannot carry: `frame-ancestors 'none'`, plus `X-Content-Type-Options: nosniff` and
//     `Referrer-Policy: no-referrer`;
//   * in the release layout (dir/../hosts/apache.htaccess exists), the policy block of that
//     file;
//   * `.skewcheck-build.json`, how it was built (profile, policy, each connect-src source and
//     where it came from), which scripts/package checks and does not ship.
// A file it writes that has precompressed copies beside it (the release's index.html.br and
// .gz, scripts/precompress.mjs) gets them written again, so a host never serves an old policy.
//
// connect-src is 'self' (the default time source is the page's own Date header) plus the
// sources in SKEWCHECK_CONNECT_SRC (space- or comma-separated, e.g.
// "https://time.example.com") and the origins of the time sources skewcheck.json names.
// SKEWCHECK_BUILD_PROFILE names the build (`release` when unset; the end-to-end build says
// `e2e`); only a `release` build is packaged.
//
// Any surprise fails the build (exit 1) rather than shipping a page that its own policy
// would break, or no policy at all.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

function caddySnippet(headers) {
  return [
    '# Written by scripts/csp.mjs at build time. deploy/Caddyfile imports it (`import` of a file',
    '# that is not there stops Caddy from starting: no silent page without these headers).',
    'header {',
    ...Object.entries(headers).map(([name, value]) => `\t${name} "${value}"`),
    '}',
    '',
  ].join('\n');
}

/** How a host configuration marks its policy block (deploy/apache.htaccess). */
const HOST_BLOCK = /^([ \t]*)# BEGIN skewcheck policy\b[^\n]*\n[\s\S]*?^[ \t]*# END skewcheck policy[^\n]*$/m;
/** The line a host configuration carries until its policy is written: not a directive. */
const HOST_PLACEHOLDER = 'SKEWCHECK_POLICY_NOT_FILLED_IN';

/** `text` (an Apache configuration) with `policy` in its policy block. */
function withHostPolicy(text, file, policy) {
  const block = HOST_BLOCK.exec(text);
  if (!block) fail(`${file} has no "# BEGIN skewcheck policy" … "# END skewcheck policy" block to write the policy into`);
  const indent = block[1];
  const filled = [
    `${indent}# BEGIN skewcheck policy (written by scripts/csp.mjs from the release's _headers: re-run it, never edit)`,
    `${indent}Header always set Content-Security-Policy "${policy}"`,
    `${indent}# END skewcheck policy`,
  ].join('\n');
  return `${text.slice(0, block.index)}${filled}${text.slice(block.index + block[0].length)}`;
}

const RECORD_FILE = '.skewcheck-build.json';

/**
 * The precompressed copies of `file` (the release's <file>.br and <file>.gz, written by
 * scripts/precompress.mjs with the same settings) re-written for `text`, where they exist: a
 * host that serves them (nginx gzip_static, Caddy precompressed) would send the old page.
 */
function refreshCompressed(file, text) {
  const data = Buffer.from(text);
  if (existsSync(`${file}.br`)) {
    writeFileSync(`${file}.br`, brotliCompressSync(data, { params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    } }));
  }
  if (existsSync(`${file}.gz`)) writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
}

function write(file, text) {
  try {
    writeFileSync(file, text);
    refreshCompressed(file, text);
  } catch (err) {
    fail(`cannot write ${file}: ${err.message}`);
  }
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${err.message}`);
  }
}

/** The build profile SKEWCHECK_BUILD_PROFILE names (`release` when unset). */
function buildProfile() {
  const profile = process.env.SKEWCHECK_BUILD_PROFILE || 'release';
  if (!/^[a-z0-9-]{1,20}$/.test(profile)) fail(`SKEWCHECK_BUILD_PROFILE: ${JSON.stringify(profile)} is not a profile name such as release or e2e`);
  return profile;
}

/** The index.html of `dir` and the policy this script derives from it and `connectSources`. */
function derivePolicy(dir, connectSources) {
  const indexFile = path.join(dir, 'index.html');
  const html = readText(indexFile);
  if (/<style\b/i.test(html)) fail('index.html has an inline <style>, which style-src \'self\' blocks: link a stylesheet instead');
  const hashes = inlineScriptHashes(html);
  if (hashes.length === 0) fail(`no inline script in ${indexFile} to hash: Trunk's loader is missing, so the page would not start`);
  const policy = pagePolicy(hashes, connectSources.map((c) => c.source));
  if (policy.includes('"')) fail('the policy contains a double quote');
  return { indexFile, html, hashes, policy };
}

/** Writes the policy for `dir` everywhere it ships, and the build record. */
function writePolicy(dir) {
  const named = [
    ...extraConnectSources(process.env.SKEWCHECK_CONNECT_SRC).map((source) => ({ source, from: 'SKEWCHECK_CONNECT_SRC' })),
    ...extraConnectSources(configuredConnectSources(dir).join(' ')).map((source) => ({ source, from: 'skewcheck.json' })),
  ];
  const connectSources = named.filter((c, i) => named.findIndex((d) => d.source === c.source) === i);
  const profile = buildProfile();
  const { indexFile, html, hashes, policy } = derivePolicy(dir, connectSources);
  const headers = responseHeaders(policy);
  write(indexFile, withPolicyMeta(html, policy));
  write(path.join(dir, '_headers'), headersFile(headers));
  write(path.join(dir, 'nginx-headers.conf'), nginxSnippet(headers));
  write(path.join(dir, 'caddy-headers.conf'), caddySnippet(headers));
  const written = ['index.html', '_headers', 'nginx-headers.conf', 'caddy-headers.conf'];
  // The release layout: update-csp.mjs beside site/ and hosts/.
  const apache = path.join(dir, '..', 'hosts', 'apache.htaccess');
  if (existsSync(apache)) {
    write(apache, withHostPolicy(readText(apache), apache, headers['Content-Security-Policy']));
    written.push(path.relative(dir, apache));
  }
  write(path.join(dir, RECORD_FILE), `${JSON.stringify({ written_by: 'scripts/csp.mjs', profile, connect_src: connectSources, policy }, null, 2)}\n`);
  console.error(`csp: ${hashes.length} inline script hash(es); policy (${profile} build) written to ${written.join(', ')}`);
  console.error(`csp: ${policy}`);
}

/** A loopback host, or a scheme that is not encrypted: not what a release should reach. */
function insecureSource(source) {
  const lower = source.toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):(?:\/\/|$)/.exec(lower)?.[1];
  if (scheme === 'http' || scheme === 'ws') return true;
  const host = (scheme ? lower.slice(lower.indexOf('//') + 2) : lower).replace(/[/].*$/, '').replace(/:(\d+|\*)$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host)
    || host === '0.0.0.0' || host === '[::1]' || host === '[::]' || host.startsWith('[::ffff:127.');
}

/**
 * What `dir` was built with, checked: its build record, and a policy that this script
 * derives again from its index.html and the record's sources and finds, unchanged, in every
 * copy it writes. Fails (exit 1) naming the first thing that does not hold.
 */
function verifiedBuild(dir) {
  const recordFile = path.join(dir, RECORD_FILE);
  const rebuild = 'build it again (scripts/package, or trunk build --release --offline)';
  if (!existsSync(recordFile)) fail(`${dir}/ has no ${RECORD_FILE}: it was not built by this version's scripts/csp.mjs; ${rebuild}`);
  let record;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8'));
  } catch (err) {
    fail(`${recordFile} is not valid JSON (${err.message}); ${rebuild}`);
  }
  const sources = Array.isArray(record?.connect_src) ? record.connect_src : [];
  if (sources.some((c) => typeof c?.source !== 'string' || !SOURCE_PATTERN.test(c.source) || c.source === '*')) {
    fail(`${recordFile} lists a connect-src source that is not one; ${rebuild}`);
  }
  const { html, policy } = derivePolicy(dir, sources);
  const headers = responseHeaders(policy);
  const copies = {
    [`${RECORD_FILE}`]: record.policy === policy,
    'index.html': html.includes(`<meta http-equiv="Content-Security-Policy" content="${policy}" />`),
    _headers: readText(path.join(dir, '_headers')) === headersFile(headers),
    'nginx-headers.conf': readText(path.join(dir, 'nginx-headers.conf')) === nginxSnippet(headers),
    'caddy-headers.conf': existsSync(path.join(dir, 'caddy-headers.conf')) && readText(path.join(dir, 'caddy-headers.conf')) === caddySnippet(headers),
  };
  const changed = Object.keys(copies).filter((name) => !copies[name]);
  if (changed.length) fail(`${dir}/: the policy in ${changed.join(', ')} is not the one its build derives (changed after the build?); ${rebuild}`);
  return { profile: record.profile, sources, policy, headers };
}

/** scripts/package's gate: only a release build, and no loopback or plain-http source unless asked for. */
function checkRelease(dir) {
  const { profile, sources } = verifiedBuild(dir);
  const listing = sources.map((c) => `${c.source} (from ${c.from})`).join(', ') || "only 'self'";
  if (profile !== 'release') {
    fail(`refusing to package ${dir}/: it was built for the ${JSON.stringify(profile)} profile, not for release ` +
      `(tests/e2e/build.mjs builds the end-to-end tests' dist/), and its connect-src allows ${listing}. ` +
      'Build the release: scripts/package without SKEWCHECK_SKIP_BUILD (or trunk build --release --offline).');
  }
  const asked = new Set((process.env.SKEWCHECK_ALLOW_INSECURE_SOURCES ?? '').split(/[\s,]+/).filter(Boolean));
  const insecure = sources.filter((c) => insecureSource(c.source) && !asked.has(c.source));
  if (insecure.length) {
    fail(`refusing to package ${dir}/: its connect-src allows a loopback or plain-http source: ` +
      `${insecure.map((c) => `${c.source} (from ${c.from})`).join(', ')}. A release page reaches its time sources over https. ` +
      'Build without it, or, if the release must reach it, say so: SKEWCHECK_ALLOW_INSECURE_SOURCES="' +
      `${insecure.map((c) => c.source).join(' ')}" scripts/package`);
  }
  console.error(`csp: ${dir}/ is a release build; connect-src: 'self'${sources.length ? `, ${listing}` : ''}`);
}

/** Writes `dir`'s (checked) policy into the policy block of the host configuration `file`. */
function fillHost(file, dir) {
  const { headers } = verifiedBuild(dir);
  write(file, withHostPolicy(readText(file), file, headers['Content-Security-Policy']));
  if (readText(file).includes(HOST_PLACEHOLDER)) fail(`${file} still carries ${HOST_PLACEHOLDER}`);
  console.error(`csp: policy written into ${file}`);
}

/**
 * `entry` checked as an `allowed_endpoints` entry: an http(s) origin or URL prefix (no
 * userinfo, query, fragment, wildcard or dot segment: spelled as a URL parser leaves it), or
 * a path on the page's own origin. Returns the origin it needs in connect-src ('self': none).
 */
function allowedEntryOrigin(entry) {
  const refuse = (why) => fail(`--allow ${JSON.stringify(entry)}: ${why}; give an origin or URL prefix such as https://time.example.com or https://example.com/clock/, or a path such as /time`);
  if (!entry) refuse('empty');
  if (/[\s\\\u0000-\u001f\u007f'";,]/.test(entry)) refuse('it contains a space, a control character, a backslash, a quote, a ; or a ,');
  if (/[?#]/.test(entry)) refuse('a query or fragment is not part of an allowed source');
  if (entry.includes('*')) refuse('a wildcard is not an endpoint');
  const absolute = /^https?:\/\//i.test(entry);
  if (!absolute && !(entry.startsWith('/') && !entry.startsWith('//'))) refuse('not an http(s) address or a path');
  const pathPart = absolute ? entry.replace(/^https?:\/\/[^/]*/i, '') : entry;
  if (pathPart.split('/').some((segment) => ['.', '..'].includes(segment.toLowerCase().replaceAll('%2e', '.')))) refuse('a . or .. segment');
  if (!absolute) return null;
  let url;
  try {
    url = new URL(entry);
  } catch {
    return refuse('not a URL');
  }
  if (url.username || url.password || entry.replace(/^https?:\/\//i, '').split('/')[0].includes('@')) refuse('userinfo (user@) is not part of an allowed source');
  if (!SOURCE_PATTERN.test(url.origin)) refuse('its origin is not a CSP source');
  if (url.protocol === 'http:') console.error(`csp: note: ${url.origin} is plain http: a page served over https cannot reach it, and scripts/package refuses it unless SKEWCHECK_ALLOW_INSECURE_SOURCES lists it`);
  return url.origin;
}

/** Lists `entry` in `dir`/skewcheck.json's allowed_endpoints (the rest of the file kept). */
function allowInConfig(dir, entry) {
  allowedEntryOrigin(entry);
  const file = path.join(dir, 'skewcheck.json');
  let config = {};
  if (existsSync(file)) {
    try {
      config = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      fail(`${file} is not valid JSON (${err.message}): fix it first; nothing was changed`);
    }
    if (config === null || typeof config !== 'object' || Array.isArray(config)) fail(`${file} is not a JSON object; nothing was changed`);
  }
  const list = config.allowed_endpoints ?? [];
  if (!Array.isArray(list)) fail(`${file}: allowed_endpoints is not a list; nothing was changed`);
  const same = (a) => typeof a === 'string' && (a.trim() === entry || (/^https?:/i.test(entry) && URL.canParse(a.trim()) && new URL(a.trim()).href === new URL(entry).href));
  if (list.some(same)) {
    console.error(`csp: ${file} already lists ${entry} in allowed_endpoints`);
    return;
  }
  config.allowed_endpoints = [...list, entry];
  write(file, `${JSON.stringify(config, null, 2)}\n`);
  console.error(`csp: ${entry} added to allowed_endpoints in ${file}`);
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--check-release') {
    if (args.length !== 2) fail('usage: node scripts/csp.mjs --check-release dir');
    return checkRelease(args[1].replace(/\/+$/, ''));
  }
  if (args[0] === '--fill-host') {
    if (args.length !== 3) fail('usage: node scripts/csp.mjs --fill-host file dir');
    return fillHost(args[1], args[2].replace(/\/+$/, ''));
  }
  const allow = [];
  const rest = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--allow') {
      if (i + 1 >= args.length) fail('--allow needs a source, e.g. --allow https://time.example.com/clock');
      allow.push(args[i + 1].trim());
      i += 1;
    } else if (args[i].startsWith('--')) {
      fail(`unknown option ${args[i]}`);
    } else {
      rest.push(args[i]);
    }
  }
  if (rest.length > 1) fail('one directory only');
  const dir = rest[0] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail('no directory: run as a Trunk post_build hook (TRUNK_STAGING_DIR) or pass one');
  if (allow.length && !existsSync(path.join(dir, 'index.html'))) fail(`${dir} has no index.html: give the folder of the page (site in the release, dist in the repository)`);
  for (const entry of allow) allowInConfig(dir, entry);
  writePolicy(dir);
}

main();
