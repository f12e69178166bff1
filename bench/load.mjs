#!/usr/bin/env node
// Load benchmark: how long a first visit takes from navigation to the first verdict and to
// the settled result, in headless Chromium, with dist/ served compressed (bench/load-server.mjs)
// and the network and CPU of a field tablet emulated through the DevTools protocol
// (`Network.emulateNetworkConditions`, `Emulation.setCPUThrottlingRate`), cache disabled,
// median of N runs per profile; plus the bytes of every file, raw, gzip and brotli.
//
//   node bench/load.mjs [--reps N] [--profile NAME[,NAME…]] [--encoding gzip|br] [--lang TAG[,TAG…]] [--markdown FILE] [--dist DIR]
//   (--dist: another build than dist/, e.g. one made with SKEWCHECK_FIRST=0 to compare)
//
// `--lang en,de,ar` runs every profile once per language (`?lang=TAG`) and prints each
// language's first verdict beside English's (issue 20: no language may delay it by more than
// 50 ms on loopback).
//
// Uses the existing dist/ (never builds; `./scripts/bench load` builds first). Prints the
// report as Markdown; exits 0 unless it crashed (targets are information).

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

import { launchBrowser } from '../tests/e2e/browser.mjs';
import { distDir } from '../tests/e2e/build.mjs';
import { benchEnvironment } from './environment.mjs';
import { startLoadServer } from './load-server.mjs';

const RUN_TIMEOUT_MS = 90_000;
const POLL_MS = 50;
const KBIT = 1000 / 8; // bytes per second in one kbit/s

// Issue 9's profiles and its "measured today" first verdicts (Chromium, gzip, median of 5).
const PROFILES = [
// Issue 22's targets, against its "first verdict now" (before the first module, `before22Ms`).
  { key: 'loopback', what: 'no emulation, CPU 1×', network: null, cpu: 1, baselineMs: 251, before22Ms: 220, targetMs: 220 },
  { key: 'fast-4g', what: '40 ms, 9 Mbit/s, CPU 2×', network: { latencyMs: 40, kbps: 9_000 }, cpu: 2, baselineMs: 620, before22Ms: 670, targetMs: 450 },
  { key: 'slow-4g', what: '150 ms, 1.6 Mbit/s, CPU 4×', network: { latencyMs: 150, kbps: 1_600 }, cpu: 4, baselineMs: 2_085, before22Ms: 2_220, targetMs: 1_200 },
  { key: '3g', what: '300 ms, 400 kbit/s, CPU 4×', network: { latencyMs: 300, kbps: 400 }, cpu: 4, baselineMs: 6_321, before22Ms: 6_930, targetMs: 3_000 },
];

// Init script: when the shell, the first verdict and the settled result appear, in
// performance.now() ms, i.e. since navigation start (the DOM contract's data-* words).
function observeLoad() {
  const seen = { shellAt: null, shellFrameAt: null, firstAt: null, firstModuleAt: null, appAt: null, settledAt: null, errorAt: null, verdict: null };
  window.__loadBench = seen;
  const check = () => {
    const now = performance.now();
    if (seen.shellAt === null && document.querySelector('[data-testid="shell"]')) {
      seen.shellAt = now;
      // The frame that first shows it (when it was not already in the first contentful paint).
      requestAnimationFrame(() => { seen.shellFrameAt = performance.now(); });
    }
    // The first module's card (the shell's, before the app) is the first verdict when it comes first.
    const first = document.querySelector('[data-testid="first-verdict"]');
    if (first && first.dataset.state === 'done') {
      seen.firstModuleAt ??= now;
      seen.firstAt ??= now;
      seen.verdict ??= first.dataset.verdict;
    }
    const el = document.querySelector('[data-testid="verdict"]');
    if (!el) return;
    const { state, refining } = el.dataset;
    if (state === 'error') seen.errorAt ??= now;
    if (state !== 'done' || el.closest('[hidden]')) return;
    seen.appAt ??= now;
    seen.firstAt ??= now;
    seen.verdict ??= el.dataset.verdict;
    if (refining !== 'true') seen.settledAt ??= now;
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-refining', 'hidden'],
  });
}

// In the page once it has settled: paint and resource timings (ms since navigation start).
function readTimings() {
  const seen = window.__loadBench;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
  const resources = performance.getEntriesByType('resource');
  const wasm = resources.find((e) => e.name.endsWith('_bg.wasm'));
  const firstModule = resources.find((e) => /skewcheck-first-[0-9a-f]+\.wasm$/.test(e.name));
  const shellPaint = seen.shellAt === null ? null : (fcp !== null && seen.shellAt <= fcp ? fcp : seen.shellFrameAt);
  return { ...seen, fcp, shellPaint, wasmEnd: wasm?.responseEnd ?? null, moduleEnd: firstModule?.responseEnd ?? null };
}

/** One cold first visit under `profile`; returns its timings, or `{ error }`. */
async function visit(browser, server, profile, lang) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    await context.addInitScript(observeLoad);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) {
      const throughput = profile.network.kbps * KBIT;
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: profile.network.latencyMs, downloadThroughput: throughput, uploadThroughput: throughput,
      });
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    server.sent.length = 0;
    const url = lang === undefined ? server.url : `${server.url}?lang=${encodeURIComponent(lang)}`;
    await page.goto(url, { waitUntil: 'commit', timeout: RUN_TIMEOUT_MS });
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    for (;;) {
      const seen = await page.evaluate(() => window.__loadBench ?? null);
      if (seen?.errorAt != null) return { error: `the page shows an error state: ${await page.locator('[data-testid="error"]').textContent().catch(() => '?')}` };
      if (seen?.settledAt != null) break;
      if (Date.now() > deadline) return { error: `not settled within ${RUN_TIMEOUT_MS} ms: ${JSON.stringify(seen)}` };
      await sleep(POLL_MS);
    }
    const timings = await page.evaluate(readTimings);
    return { ...timings, bytes: server.sent.reduce((n, s) => n + s.bytes, 0), encodings: [...new Set(server.sent.map((s) => s.encoding))] };
  } catch (err) {
    return { error: err.message };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ report

const median = (values) => {
  const v = values.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const ms = (v) => (v === null ? '–' : `${Math.round(v).toLocaleString('en-US').replaceAll(',', ' ')} ms`);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const range = (values) => {
  const v = values.filter((x) => x !== null && x !== undefined);
  return v.length ? `${Math.round(Math.min(...v))}–${Math.round(Math.max(...v))}` : '–';
};

/** A Markdown table; every column but the first is right-aligned. */
function table(header, rows) {
  const cell = (v) => String(v).replaceAll('|', '\\|');
  const line = (r) => `| ${r.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Each language's median first verdict beside English's in the same profile. */
function languageRows(results) {
  const firstOf = (runs) => median(runs.filter((r) => r.error === undefined).map((r) => r.firstAt));
  const english = new Map(results.filter(({ profile }) => profile.lang === 'en').map(({ profile, runs }) => [profile.key.replace(/ · en$/, ''), firstOf(runs)]));
  return results.map(({ profile, runs }) => {
    const first = firstOf(runs);
    const base = english.get(profile.key.replace(/ · [^·]+$/, ''));
    const delta = first === null || base === undefined || base === null ? '–' : `${first - base >= 0 ? '+' : '−'}${ms(Math.abs(first - base))}`;
    return [profile.key, ms(first), delta];
  });
}

function timingRows(results) {
  return results.map(({ profile, runs }) => {
    const ok = runs.filter((r) => r.error === undefined);
    const pick = (key) => ok.map((r) => r[key]);
    const first = median(pick('firstAt'));
    const target = profile.targetMs === undefined ? '' : `≤ ${ms(profile.targetMs)}: ${first !== null && first <= profile.targetMs ? 'met' : 'missed'}`;
    return [
      profile.key, ms(median(pick('shellPaint'))), ms(median(pick('fcp'))), ms(median(pick('moduleEnd'))),
      ms(median(pick('wasmEnd'))), ms(first), range(pick('firstAt')), ms(median(pick('appAt'))),
      ms(profile.before22Ms), ms(profile.baselineMs),
      first === null ? '–' : (first / profile.baselineMs).toFixed(2),
      ms(median(pick('settledAt'))), range(pick('settledAt')),
      ok.length ? kib(median(pick('bytes'))) : '–', `${ok.length}/${runs.length}`, target,
    ];
  });
}

function byteRows(files) {
  const total = { identity: 0, gzip: 0, br: 0 };
  // The wasm2js fallback is downloaded only where WebAssembly is missing: listed, not counted.
  const isFallback = (name) => name.includes('-fallback-');
  const rows = [...files].map(([name, bodies]) => {
    if (!isFallback(name)) for (const k of Object.keys(total)) total[k] += bodies[k].length;
    return [isFallback(name) ? `${name} (only without WebAssembly; not in the total)` : name, bodies.identity.length, bodies.gzip.length, bodies.br.length];
  });
  rows.push(['**total** (what a browser with WebAssembly downloads)', `${total.identity} (${kib(total.identity)})`, `${total.gzip} (${kib(total.gzip)})`, `${total.br} (${kib(total.br)})`]);
  return rows;
}

const TIMING_HEADER = ['profile', 'shell paint', 'first paint (FCP)', 'first module arrived', 'wasm arrived', 'first verdict', 'range',
  'the app\'s verdict', 'before (issue 22)', 'baseline (issue 9)', 'ratio', 'settled', 'range', 'transferred', 'runs ok', 'target'];

const LEGEND = [
  'All times are medians in ms from navigation start (performance.now() in the page), each run a cold first visit: a fresh browser context, HTTP cache disabled. One unrecorded warm-up run precedes the measured ones.',
  'first verdict = the first of the first module\'s card (`[data-testid="first-verdict"]`, the shell\'s) and the app\'s `[data-testid="verdict"]` (shown, not hidden behind the shell) with `data-state="done"`; the app\'s verdict = the latter alone; settled = the app\'s `data-state="done"` and `data-refining` no longer `true`.',
  'shell paint = the first contentful paint when `[data-testid="shell"]` was in the document by then, else the frame after it appeared; – when the page has no shell.',
  'first module arrived, wasm arrived = the first module\'s (`skewcheck-first-….wasm`) and the app\'s (`…_bg.wasm`) responseEnd; transferred = response bodies the server sent in one run (compressed).',
  'Emulation: CDP `Network.emulateNetworkConditions` (latency added per request; upload throughput = download) and `Emulation.setCPUThrottlingRate` on this machine\'s CPU.',
  'ratio = first verdict now / the baseline of issue 9 (below 1 = faster).',
];

async function environment(browser, reps, encoding) {
  return [
    ...await benchEnvironment(browser),
    ['served', encoding === 'br' ? 'brotli where accepted, else gzip' : 'gzip (level 9)'],
    ['runs', `${reps} per profile (median)`],
  ];
}

// -------------------------------------------------------------------- main

function parseCli() {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string', default: '5' },
      profile: { type: 'string' },
      encoding: { type: 'string', default: 'gzip' },
      markdown: { type: 'string' },
      dist: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`usage: node bench/load.mjs [--reps N] [--profile NAME[,NAME…]] [--encoding gzip|br] [--lang TAG[,TAG…]] [--markdown FILE] [--dist DIR]\nprofiles: ${PROFILES.map((p) => p.key).join(', ')}`);
    process.exit(0);
  }
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps needs a positive integer, got ${values.reps}`);
  if (!['gzip', 'br'].includes(values.encoding)) throw new Error(`--encoding is gzip or br, got ${values.encoding}`);
  const wanted = values.profile?.split(',').map((s) => s.trim()).filter(Boolean);
  const profiles = wanted ? PROFILES.filter((p) => wanted.includes(p.key)) : PROFILES;
  if (!profiles.length) throw new Error(`no profile named ${values.profile}; known: ${PROFILES.map((p) => p.key).join(', ')}`);
  const langs = values.lang?.split(',').map((s) => s.trim()).filter(Boolean);
  return { reps, profiles, encoding: values.encoding, markdown: values.markdown, langs, dist: values.dist ?? distDir };
}

async function main() {
  const { reps, profiles, encoding, markdown, langs, dist } = parseCli();
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing; build the page first (./scripts/bench load builds it)`);
  const server = await startLoadServer({ distDir: dist, encoding });
  const browser = await launchBrowser();
  const results = [];
  let env;
  try {
    env = await environment(browser, reps, encoding);
    await visit(browser, server, PROFILES[0]); // warm-up: the browser's first renderer start is not a page cost
    // Without --lang, one run per profile in the page's own choice (English for en-US). With
    // it, each profile's languages take turns run by run, so a machine that slows down or
    // speeds up during the bench weighs on every language alike.
    for (const base of profiles) {
      const entries = (langs ?? [undefined]).map((lang) => ({
        profile: lang === undefined ? base : { ...base, key: `${base.key} · ${lang}`, lang },
        lang,
        runs: [],
      }));
      for (let rep = 1; rep <= reps; rep++) {
        for (const { profile, lang, runs } of entries) {
          const r = await visit(browser, server, profile, lang);
          runs.push(r);
          console.error(`[${profile.key} ${rep}/${reps}] ${r.error !== undefined ? `FAILED: ${r.error}`
            : `shell ${ms(r.shellPaint)}, FCP ${ms(r.fcp)}, wasm ${ms(r.wasmEnd)}, first verdict ${ms(r.firstAt)} (${r.verdict}), settled ${ms(r.settledAt)}, ${kib(r.bytes)} ${r.encodings.join('+')}`}`);
        }
      }
      for (const { profile, runs } of entries) results.push({ profile, runs });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const failures = results.flatMap(({ profile, runs }) => runs.filter((r) => r.error !== undefined).map((r) => `${profile.key}: ${r.error}`));
  const report = [
    '## Load benchmark', '',
    ...env.map(([k, v]) => `- **${k}**: ${v}`), '',
    '### Profiles', '', table(['profile', 'network and CPU'], profiles.map((p) => [p.key, p.what])), '',
    '### From navigation to verdict', '', table(TIMING_HEADER, timingRows(results)), '',
    ...(langs ? ['### Each language against English (first verdict, median)', '', table(['profile · language', 'first verdict', 'against en'], languageRows(results)), ''] : []),
    '### Bytes per file', '', table(['file', 'raw', 'gzip -9', 'brotli -q 11'], byteRows(server.files)), '',
    ...LEGEND.map((l) => `- ${l}`),
    ...(failures.length ? ['', '### Failed runs', '', ...failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
  console.log(report);
  if (markdown) {
    await writeFile(markdown, report);
    console.error(`load: wrote ${markdown}`);
  }
}

main().catch((err) => {
  console.error(`load: ${err.stack ?? err}`);
  process.exit(1);
});
