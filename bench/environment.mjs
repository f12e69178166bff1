// What a bench report says about where it ran: date, browser, node, machine, and which dist/
// (its .wasm name and the checkout's commit). Shared by bench/accuracy.mjs and bench/load.mjs.

import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import os from 'node:os';

import { distDir, repoRoot } from '../tests/e2e/build.mjs';

/** The name of dist/'s .wasm file, or '(none)'. */
export const wasmName = async () => (await readdir(distDir).catch(() => [])).find((f) => f.endsWith('.wasm')) ?? '(none)';

/** `[label, value]` rows describing this run's environment; `browser` is a launched Playwright browser. */
export async function benchEnvironment(browser) {
  const wasm = await wasmName();
  let commit = 'unknown';
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
  return [
    ['date', new Date().toISOString()],
    ['browser', `Chromium ${browser.version()} (headless)`],
    ['node', process.version],
    ['machine', `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()}`],
    // Other work on the machine slows a CPU-bound page: say how busy it was.
    ['load average at start', `${os.loadavg().map((v) => v.toFixed(1)).join(', ')} (1, 5, 15 min)`],
    ['dist', `${wasm} (git ${commit}; working tree may differ)`],
  ];
}
