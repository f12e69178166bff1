// The release zip's hygiene (issue 18, points 9 and 10): scripts/package zips only a dist/
// built for release — never the end-to-end build, whose connect-src allows the test servers'
// loopback origins — and leaves no policy placeholder in the host configurations; and one
// command (`node update-csp.mjs site --allow …` in the release, `node scripts/csp.mjs dir
// --allow …` in the repository) lists a time source in skewcheck.json's allowed_endpoints and
// in every copy of the policy's connect-src. No browser: the files are read as shipped.
//
// Run from the repo root: `node --test tests/e2e/release.test.mjs` (SKEWCHECK_SKIP_BUILD=1 to
// reuse an existing dist/).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { TEST_CONNECT_SRC, ensureDist, repoRoot } from './build.mjs';
import { EXTENSIONS, HOST_FILES, MIN_BYTES } from '../../scripts/precompress.mjs';

const run = promisify(execFile);
const CSP = path.join(repoRoot, 'scripts', 'csp.mjs');
const PACKAGE = path.join(repoRoot, 'scripts', 'package');
const PLACEHOLDER = 'SKEWCHECK_POLICY_NOT_FILLED_IN';

let dist;
let version;
const cleanups = [];

before(async () => {
  dist = await ensureDist();
  version = /^version = "([^"]+)"/m.exec(await readFile(path.join(repoRoot, 'Cargo.toml'), 'utf8'))[1];
});

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function tempDir(name) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `skewcheck-${name}-`));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment without the variables that steer scripts/csp.mjs, plus `extra`. */
function cleanEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of ['TRUNK_STAGING_DIR', 'SKEWCHECK_CONNECT_SRC', 'SKEWCHECK_BUILD_PROFILE', 'SKEWCHECK_ALLOW_INSECURE_SOURCES', 'SKEWCHECK_DIST_DIR']) delete env[name];
  return { ...env, ...extra };
}

/** Runs a command; resolves to its exit code and output, never rejects on a non-zero exit. */
async function attempt(command, args, options) {
  try {
    const { stdout, stderr } = await run(command, args, options);
    return { code: 0, stdout, stderr };
  } catch (err) {
    if (typeof err.code !== 'number') throw err;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/**
 * A copy of dist/ whose policy scripts/csp.mjs wrote again with `env`, as Trunk's hook does:
 * the page is the same release build, so only how its policy was made differs
 * (`{ SKEWCHECK_BUILD_PROFILE: 'e2e', SKEWCHECK_CONNECT_SRC: … }` is tests/e2e/build.mjs's).
 */
async function distBuiltWith(env = {}) {
  const dir = await tempDir('dist');
  await cp(dist, dir, { recursive: true });
  await rm(path.join(dir, 'skewcheck.json'), { force: true });
  await run('node', [CSP, dir], { env: cleanEnv(env) });
  return dir;
}

/** scripts/package on `distDir` (dist/ when null); the zip's folder when it wrote one. */
async function packageDist(distDir, env = {}) {
  const out = await tempDir('package');
  const result = await attempt(PACKAGE, [], {
    cwd: repoRoot, env: cleanEnv({ SKEWCHECK_SKIP_BUILD: '1', SKEWCHECK_PACKAGE_DIR: out, ...(distDir ? { SKEWCHECK_DIST_DIR: distDir } : {}), ...env }),
  });
  const zip = path.join(out, `skewcheck-${version}.zip`);
  return { ...result, out, zip: existsSync(zip) ? zip : null };
}

async function unzipped(zip) {
  const dir = path.dirname(zip);
  await run('unzip', ['-q', zip, '-d', dir]);
  return path.join(dir, `skewcheck-${version}`);
}

/** Every file under `dir`, relative, dotfiles included. */
async function listFiles(dir) {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** The Content-Security-Policy header value as `_headers` carries it. */
const headersPolicy = (text) => /^ {2}Content-Security-Policy: (.*)$/m.exec(text)?.[1];

/** connect-src of every copy of the policy in `site` (and the release's hosts/ beside it). */
async function connectSrcEverywhere(site) {
  const read = (file) => readFile(file, 'utf8');
  const connectSrc = (text) => /connect-src ([^;"]*)/.exec(text)?.[1] ?? null;
  const copies = {
    'index.html': connectSrc(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(await read(path.join(site, 'index.html')))?.[1] ?? ''),
    _headers: connectSrc(await read(path.join(site, '_headers'))),
    'nginx-headers.conf': connectSrc(await read(path.join(site, 'nginx-headers.conf'))),
    'caddy-headers.conf': connectSrc(await read(path.join(site, 'caddy-headers.conf'))),
  };
  const apache = path.join(site, '..', 'hosts', 'apache.htaccess');
  if (existsSync(apache)) copies['hosts/apache.htaccess'] = connectSrc(/^\s*Header always set Content-Security-Policy "(.*)"$/m.exec(await read(apache))?.[1] ?? '');
  return copies;
}

describe('scripts/package zips only a dist/ built for release (issue 18, point 9)', () => {
  test('packaging the end-to-end dist/ fails: the message names its e2e profile and its loopback connect-src, and no zip is written', async () => {
    const e2e = await distBuiltWith({ SKEWCHECK_BUILD_PROFILE: 'e2e', SKEWCHECK_CONNECT_SRC: TEST_CONNECT_SRC.join(' ') });
    const result = await packageDist(e2e);
    assert.notEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /refusing to package .*: it was built for the "e2e" profile, not for release/);
    assert.match(result.stderr, /connect-src allows http:\/\/127\.0\.0\.1:\* \(from SKEWCHECK_CONNECT_SRC\), http:\/\/localhost:\* \(from SKEWCHECK_CONNECT_SRC\)/);
    assert.match(result.stderr, /Build the release: scripts\/package without SKEWCHECK_SKIP_BUILD/);
    assert.equal(result.zip, null, 'no zip was written');
    // The dist/ the end-to-end tests built, as it is: refused as well.
    const record = JSON.parse(await readFile(path.join(dist, '.skewcheck-build.json'), 'utf8').catch(() => '{}'));
    if (record.profile === 'e2e') {
      const own = await packageDist(null);
      assert.notEqual(own.code, 0, own.stderr);
      assert.match(own.stderr, /refusing to package dist\/: it was built for the "e2e" profile/);
      assert.equal(own.zip, null);
    }
  });

  test('a release dist/ is packaged: no build record and no placeholder in the zip, hosts/apache.htaccess carries exactly the policy of _headers', async () => {
    const release = await distBuiltWith();
    const result = await packageDist(release);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.zip, 'the zip was written');
    const root = await unzipped(result.zip);
    const files = await listFiles(root);
    assert.ok(files.includes('site/index.html') && files.includes('site/caddy-headers.conf') && files.includes('hosts/apache.htaccess'), files.join('\n'));
    // check.sh ships beside index.html (docs/check-script.md).
    assert.ok(files.includes('site/check.sh'), files.join('\n'));
    // Every language's file ships beside index.html, in lang/ (the early script fetches it).
    for (const tag of ['es', 'fr', 'de', 'pt-BR', 'ja', 'zh-CN', 'ar']) {
      assert.ok(files.includes(`site/lang/${tag}.json`), `site/lang/${tag}.json\n${files.join('\n')}`);
      // …and the shell's failure words, fetched with it.
      assert.ok(files.includes(`site/lang/shell/${tag}.json`), `site/lang/shell/${tag}.json\n${files.join('\n')}`);
      // …and the field sheet's words, fetched at #sheet.
      assert.ok(files.includes(`site/lang/sheet/${tag}.json`), `site/lang/sheet/${tag}.json\n${files.join('\n')}`);
    }
    assert.ok(!files.some((file) => file.endsWith('.skewcheck-build.json')), 'the build record is not shipped');
    for (const file of files) {
      assert.ok(!(await readFile(path.join(root, file), 'latin1')).includes(PLACEHOLDER) || file === 'update-csp.mjs', `${file} carries the placeholder`);
    }
    const policy = headersPolicy(await readFile(path.join(root, 'site', '_headers'), 'utf8'));
    assert.match(policy, /connect-src 'self'; .*frame-ancestors 'none'$/);
    const apache = await readFile(path.join(root, 'hosts', 'apache.htaccess'), 'utf8');
    assert.deepEqual(apache.split('\n').filter((line) => /^\s*Header always set Content-Security-Policy/.test(line)),
      [`Header always set Content-Security-Policy "${policy}"`]);
    assert.ok(!apache.split('\n').some((line) => /^\s*(<IfModule|Header .*PASTE)/.test(line)), apache);
  });

  test('a release build with a loopback or plain-http connect-src source is refused unless SKEWCHECK_ALLOW_INSECURE_SOURCES lists it', async () => {
    const loopback = await distBuiltWith({ SKEWCHECK_CONNECT_SRC: 'https://time.acme.example http://localhost:8080' });
    const refused = await packageDist(loopback);
    assert.notEqual(refused.code, 0, refused.stderr);
    assert.match(refused.stderr, /its connect-src allows a loopback or plain-http source: http:\/\/localhost:8080 \(from SKEWCHECK_CONNECT_SRC\)\./);
    assert.match(refused.stderr, /SKEWCHECK_ALLOW_INSECURE_SOURCES="http:\/\/localhost:8080" scripts\/package/);
    assert.equal(refused.zip, null);
    const plain = await distBuiltWith({ SKEWCHECK_CONNECT_SRC: 'http://clock.lan' });
    assert.match((await packageDist(plain)).stderr, /plain-http source: http:\/\/clock\.lan/);
    const asked = await packageDist(loopback, { SKEWCHECK_ALLOW_INSECURE_SOURCES: 'http://localhost:8080' });
    assert.equal(asked.code, 0, asked.stderr);
    assert.ok(asked.zip);
  });

  test('a dist/ without its build record, or with a policy changed after the build, is refused', async () => {
    const unrecorded = await distBuiltWith();
    await rm(path.join(unrecorded, '.skewcheck-build.json'));
    const result = await packageDist(unrecorded);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /has no \.skewcheck-build\.json: it was not built by this version's scripts\/csp\.mjs/);
    // Loopback sources pasted into the headers after a release build.
    const edited = await distBuiltWith();
    const headers = path.join(edited, '_headers');
    await writeFile(headers, (await readFile(headers, 'utf8')).replace("connect-src 'self'", "connect-src 'self' http://127.0.0.1:*"));
    const changed = await packageDist(edited);
    assert.notEqual(changed.code, 0);
    assert.match(changed.stderr, /the policy in _headers is not the one its build derives/);
    assert.equal(changed.zip, null);
  });

  test('deploy/apache.htaccess from the repository carries a placeholder Apache refuses, and --fill-host writes the policy in its place', async () => {
    // Apache is not installed here: the file is checked as text. The placeholder line is
    // neither a comment nor a directive (Apache answers 500 for the folder), and nothing
    // else sends a policy, so an unfilled file never serves the page without frame-ancestors.
    const template = await readFile(path.join(repoRoot, 'deploy', 'apache.htaccess'), 'utf8');
    const lines = template.split('\n');
    assert.equal(lines.filter((line) => line.trimStart().startsWith(PLACEHOLDER)).length, 1, template);
    assert.ok(!lines.some((line) => /^\s*Header\b.*Content-Security-Policy/.test(line)), 'no policy header line to fall back on');
    assert.ok(!lines.some((line) => /^\s*<IfModule/.test(line)), 'no IfModule that would skip the headers silently');
    const release = await distBuiltWith();
    const file = path.join(await tempDir('apache'), '.htaccess');
    await writeFile(file, template);
    await run('node', [CSP, '--fill-host', file, release], { env: cleanEnv() });
    const filled = await readFile(file, 'utf8');
    assert.ok(!filled.includes(PLACEHOLDER), filled);
    const policy = headersPolicy(await readFile(path.join(release, '_headers'), 'utf8'));
    assert.ok(filled.split('\n').includes(`Header always set Content-Security-Policy "${policy}"`), filled);
    // Filling it again leaves one policy line.
    await run('node', [CSP, '--fill-host', file, release], { env: cleanEnv() });
    assert.equal(await readFile(file, 'utf8'), filled);
  });
});

/** Whether `file` under `dir` has its .br and .gz, each decompressing to it byte for byte; the reason if not. */
async function copiesProblem(dir, file) {
  const original = await readFile(path.join(dir, file));
  for (const [ext, decode] of [['br', brotliDecompressSync], ['gz', gunzipSync]]) {
    if (!existsSync(path.join(dir, `${file}.${ext}`))) return `${file}.${ext} is missing`;
    const copy = await readFile(path.join(dir, `${file}.${ext}`));
    if (!decode(copy).equals(original)) return `${file}.${ext} does not decompress to ${file}`;
    if (copy.length >= original.length) return `${file}.${ext} is no smaller than ${file}`;
  }
  return null;
}

describe('the release carries precompressed copies for hosts that serve files as they are (issue 22)', () => {
  test('every text and wasm file of site/ has its .br and .gz, each decompressing to it byte for byte; none for host files, small files or images', async () => {
    const result = await packageDist(await distBuiltWith());
    assert.equal(result.code, 0, result.stderr);
    const site = path.join(await unzipped(result.zip), 'site');
    const files = await listFiles(site);
    const originals = files.filter((file) => !/\.(?:br|gz)$/.test(file));
    const sizes = Object.fromEntries(await Promise.all(originals.map(async (file) => [file, (await readFile(path.join(site, file))).length])));
    const eligible = originals.filter((file) => EXTENSIONS.includes(path.extname(file).slice(1).toLowerCase())
      && !HOST_FILES.includes(path.basename(file)) && sizes[file] >= MIN_BYTES);
    // The page's own files are among them, whatever the list says.
    const wasm = originals.filter((file) => file.endsWith('.wasm'));
    assert.ok(wasm.length >= 1, files.join('\n'));
    for (const file of ['index.html', 'check.sh', 'lang/ja.json', 'lang/shell/ar.json', ...wasm,
      ...originals.filter((f) => /\.(?:js|css)$/.test(f) && sizes[f] >= MIN_BYTES)]) {
      assert.ok(eligible.includes(file), `${file} is compressed (${sizes[file]} B)`);
    }
    const problems = (await Promise.all(eligible.map((file) => copiesProblem(site, file)))).filter(Boolean);
    assert.deepEqual(problems, []);
    // gzip -n: no file name (FLG.FNAME) and no modification time in the header, so the zip is reproducible.
    for (const file of eligible) {
      const header = (await readFile(path.join(site, `${file}.gz`))).subarray(0, 10);
      assert.equal(header[3] & 0x08, 0, `${file}.gz carries a file name`);
      assert.equal(header.readUInt32LE(4), 0, `${file}.gz carries a time`);
    }
    // Nothing else has a copy: not the host files, not a small file, not a copy of a copy.
    const copies = files.filter((file) => /\.(?:br|gz)$/.test(file));
    assert.deepEqual(copies.filter((file) => !eligible.includes(file.replace(/\.(?:br|gz)$/, ''))), []);
    assert.equal(copies.length, eligible.length * 2);
    for (const host of HOST_FILES) assert.ok(!files.includes(`${host}.br`) && !files.includes(`${host}.gz`), host);
  });

  test('update-csp.mjs re-writes the copies of index.html with the policy it writes: a host never serves the old one', async () => {
    const result = await packageDist(await distBuiltWith());
    assert.equal(result.code, 0, result.stderr);
    const root = await unzipped(result.zip);
    const site = path.join(root, 'site');
    const before = await readFile(path.join(site, 'index.html.br'));
    await run('node', [path.join(root, 'update-csp.mjs'), 'site', '--allow', 'https://time.example.com/clock'], { cwd: root, env: cleanEnv() });
    const html = await readFile(path.join(site, 'index.html'), 'utf8');
    assert.match(html, /connect-src 'self' https:\/\/time\.example\.com/);
    assert.ok(!before.equals(await readFile(path.join(site, 'index.html.br'))), 'index.html.br was written again');
    assert.equal(await copiesProblem(site, 'index.html'), null);
    // skewcheck.json, new, has no copies (the host sends it as it is); none appear.
    assert.ok(!existsSync(path.join(site, 'skewcheck.json.br')) && !existsSync(path.join(site, 'skewcheck.json.gz')));
  });
});

describe('one command lists a time source in skewcheck.json and in the policy (issue 18, point 10)', () => {
  test('node update-csp.mjs site --allow https://time.example.com/clock: allowed_endpoints lists it, every policy copy\'s connect-src its origin; a second run changes nothing', async () => {
    const result = await packageDist(await distBuiltWith());
    assert.equal(result.code, 0, result.stderr);
    const root = await unzipped(result.zip);
    const site = path.join(root, 'site');
    assert.ok(!existsSync(path.join(site, 'skewcheck.json')));
    const allow = () => run('node', [path.join(root, 'update-csp.mjs'), 'site', '--allow', 'https://time.example.com/clock'], { cwd: root, env: cleanEnv() });
    await allow();
    assert.deepEqual(JSON.parse(await readFile(path.join(site, 'skewcheck.json'), 'utf8')), { allowed_endpoints: ['https://time.example.com/clock'] });
    const expected = "'self' https://time.example.com";
    assert.deepEqual(await connectSrcEverywhere(site), {
      'index.html': expected, _headers: expected, 'nginx-headers.conf': expected, 'caddy-headers.conf': expected, 'hosts/apache.htaccess': expected,
    });
    const snapshot = async () => Object.fromEntries(await Promise.all(
      (await listFiles(root)).map(async (file) => [file, await readFile(path.join(root, file), 'utf8')])));
    const before = await snapshot();
    await allow();
    assert.deepEqual(await snapshot(), before, 'a second run changes nothing');
  });

  test('node scripts/csp.mjs dist --allow keeps the rest of an existing skewcheck.json, adds the key, and a relative path needs no connect-src', async () => {
    const dir = await distBuiltWith();
    const config = { title: 'Acme — clock check', service: 'kerberos', support: { email: 'help@acme.example', name: 'Acme' } };
    await writeFile(path.join(dir, 'skewcheck.json'), JSON.stringify(config));
    await run('node', [CSP, dir, '--allow', 'https://clock.acme.example:8443/prefix/', '--allow', '/time'], { env: cleanEnv() });
    assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'skewcheck.json'), 'utf8')),
      { ...config, allowed_endpoints: ['https://clock.acme.example:8443/prefix/', '/time'] });
    for (const [copy, sources] of Object.entries(await connectSrcEverywhere(dir))) {
      assert.equal(sources, "'self' https://clock.acme.example:8443", copy);
    }
    // Another spelling of a listed entry is not listed twice.
    await run('node', [CSP, dir, '--allow', 'https://CLOCK.acme.example:8443/prefix/'], { env: cleanEnv() });
    assert.equal(JSON.parse(await readFile(path.join(dir, 'skewcheck.json'), 'utf8')).allowed_endpoints.length, 2);
  });

  test('--allow refuses an invalid source and changes nothing', async () => {
    const dir = await distBuiltWith();
    const files = ['index.html', '_headers', 'nginx-headers.conf', 'caddy-headers.conf'];
    const before = await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')));
    for (const bad of ['time.example.com', 'ftp://time.example.com', 'https://user@time.example.com', 'https://time.example.com/a/../admin',
      'https://time.example.com/%2e%2e/x', 'https://*.example.com', "https://time.example.com; script-src 'unsafe-inline'",
      'https://time.example.com/?q=1', '//time.example.com/clock', 'javascript:alert(1)', '']) {
      const result = await attempt('node', [CSP, dir, '--allow', bad], { env: cleanEnv() });
      assert.notEqual(result.code, 0, `${JSON.stringify(bad)} was accepted`);
      assert.match(result.stderr, /--allow .*: .*; give an origin or URL prefix such as https:\/\/time\.example\.com/, result.stderr);
      assert.ok(!existsSync(path.join(dir, 'skewcheck.json')), `${JSON.stringify(bad)} wrote skewcheck.json`);
    }
    assert.deepEqual(await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8'))), before);
    // A skewcheck.json that is not JSON is not overwritten.
    await writeFile(path.join(dir, 'skewcheck.json'), '{ "title": ');
    const broken = await attempt('node', [CSP, dir, '--allow', 'https://time.example.com'], { env: cleanEnv() });
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /skewcheck\.json is not valid JSON .*: fix it first; nothing was changed/);
    assert.equal(await readFile(path.join(dir, 'skewcheck.json'), 'utf8'), '{ "title": ');
  });
});
