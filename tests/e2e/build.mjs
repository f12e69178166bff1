// Builds dist/ with Trunk once per test process.
//
// Set SKEWCHECK_SKIP_BUILD=1 to test an existing dist/ (e.g. one CI built in
// an earlier step).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const distDir = path.join(repoRoot, 'dist');

/** connect-src sources the e2e build adds: every test server (loopback, ephemeral port). */
export const TEST_CONNECT_SRC = ['http://127.0.0.1:*', 'http://localhost:*'];

let pending = null;

/** Build dist/ (unless SKEWCHECK_SKIP_BUILD=1), check it, return its absolute path. */
export function ensureDist() {
  pending ??= (async () => {
    if (process.env.SKEWCHECK_SKIP_BUILD !== '1') await trunkBuild();
    if (!existsSync(path.join(distDir, 'index.html'))) {
      throw new Error(`${distDir}/index.html is missing: build the page with \`trunk build --release\` first` +
        (process.env.SKEWCHECK_SKIP_BUILD === '1' ? ' (SKEWCHECK_SKIP_BUILD=1 skipped the build)' : ''));
    }
    return distDir;
  })();
  return pending;
}

function trunkBuild() {
  // node_modules/.bin first: Trunk must use wasm-opt from the pinned npm
  // binaryen package instead of downloading one (it cannot: --offline).
  const PATH = [
    path.join(repoRoot, 'node_modules', '.bin'),
    path.join(os.homedir(), '.cargo', 'bin'),
    process.env.PATH,
  ].join(path.delimiter);
  const args = ['build', '--release', '--offline'];
  // The tests' time servers listen on loopback with ephemeral ports, and some tests name an
  // endpoint on another of them (another origin): declare those as the deployment's extra
  // time sources, as SKEWCHECK_CONNECT_SRC is meant to be used (scripts/csp.mjs). Only
  // loopback, any port; a deployment built with plain `trunk build` allows just 'self'.
  // SKEWCHECK_BUILD_PROFILE=e2e records that in dist/.skewcheck-build.json, so scripts/package
  // refuses to ship this dist/.
  const SKEWCHECK_CONNECT_SRC = [process.env.SKEWCHECK_CONNECT_SRC, ...TEST_CONNECT_SRC].filter(Boolean).join(' ');
  console.error(`[e2e] trunk ${args.join(' ')} (in ${repoRoot})`);

  return new Promise((resolve, reject) => {
    // Both streams go to stderr: under `node --test`, stdout of a test file is
    // the reporter protocol, and Trunk's log lines do not belong there.
    const child = spawn('trunk', args, { cwd: repoRoot, env: { ...process.env, PATH, SKEWCHECK_CONNECT_SRC, SKEWCHECK_BUILD_PROFILE: 'e2e' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(process.stderr, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    child.on('error', (err) => reject(err.code === 'ENOENT'
      ? new Error('trunk was not found on PATH (nor in ~/.cargo/bin); install trunk 0.21.14, or set SKEWCHECK_SKIP_BUILD=1 to test an existing dist/')
      : new Error(`could not start trunk: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`\`trunk ${args.join(' ')}\` failed (${signal ? `signal ${signal}` : `exit code ${code}`}); see its output above`));
    });
  });
}

// `node tests/e2e/build.mjs` builds without running the tests.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureDist().then((dir) => console.error(`[e2e] dist ready: ${dir}`), (err) => {
    console.error(`[e2e] ${err.message}`);
    process.exitCode = 1;
  });
}
