// A minimal W3C WebDriver client over HTTP (fetch only, no npm dependencies), shared by the
// WebKit and Firefox smoke tests (tests/webdriver/smoke.mjs): start a driver binary on a free
// port in its own process group, open a session, navigate, run scripts, clean up.

import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** One W3C WebDriver command; returns `value`, throws WebDriver errors with their message. */
export async function webdriver(method, url, body, timeoutMs = 60_000) {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const { value } = await res.json();
  if (!res.ok || value?.error) throw new Error(`WebDriver ${method} ${new URL(url).pathname}: ${value?.error}: ${value?.message}`);
  return value;
}

/**
 * Start a WebDriver server and wait until it accepts sessions.
 * @param {object} options
 * @param {string} options.name  for messages, e.g. 'geckodriver'
 * @param {(port: number, tmpDir: string) => string[]} options.command  the command line (program first),
 *   given the port to listen on and a private temporary directory that is removed on stop()
 * @param {number} options.startTimeoutMs
 * @returns {Promise<{url: string, stop: () => Promise<void>}>}
 */
export async function startDriver({ name, command, startTimeoutMs }) {
  const port = await freePort();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'skewcheck-webdriver-'));
  const [program, ...args] = command(port, tmp);
  // Own process group (detached), so stop() ends the driver, its browser and any wrapper
  // (xvfb-run, Xvfb) together: killing a wrapper alone orphans the rest.
  const child = spawn(program, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep the driver's chatter out of the test report, but at hand for errors.
  let log = '';
  const keep = (chunk) => { log = (log + chunk).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const gone = new Promise((resolve) => {
    child.on('exit', (code, signal) => { exited = signal ?? code; resolve(); });
    child.on('error', (err) => { exited = err.message; resolve(); });
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      if (!await Promise.race([gone.then(() => true), sleep(5_000, false)])) {
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
        await gone;
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline && exited === null) {
    try {
      if ((await webdriver('GET', `${url}/status`, undefined, 2_000)).ready) return { url, stop };
    } catch { /* not listening yet */ }
    await sleep(200);
  }
  await stop();
  throw new Error(`${name} did not become ready on port ${port} (${exited === null ? 'timed out' : `exited: ${exited}`}); output:\n${log}`);
}

/** An open WebDriver session: navigate, run scripts, quit. */
export class Session {
  /** Open a session on `driverUrl` whose capabilities `alwaysMatch` the given ones. */
  static async open(driverUrl, alwaysMatch) {
    const { sessionId } = await webdriver('POST', `${driverUrl}/session`, { capabilities: { alwaysMatch } });
    return new Session(`${driverUrl}/session/${sessionId}`);
  }

  constructor(url) {
    this.url = url;
  }

  /** Load `url` and wait for the document to load (the page's own scripts may still be starting). */
  navigate(url) {
    return webdriver('POST', `${this.url}/url`, { url });
  }

  /** Run `script` (a function body; `arguments` holds `args`) in the page; returns its JSON result. */
  execute(script, args = []) {
    return webdriver('POST', `${this.url}/execute/sync`, { script, args });
  }

  /** End the session (closes the browser). */
  quit() {
    return webdriver('DELETE', this.url, undefined, 10_000);
  }
}

/** A TCP port that was free a moment ago, on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether `cmd` is an executable file in a directory on PATH. */
export function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => isExecutable(path.join(dir, cmd)));
}

/** Whether `file` exists and may be executed. */
export function isExecutable(file) {
  try { accessSync(file, constants.X_OK); return true; } catch { return false; }
}
