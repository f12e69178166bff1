#!/usr/bin/env node
// Accuracy benchmark: skewcheck against peer clock estimators, in headless
// Chromium, against a server whose clock is wrong by a known offset and whose
// time responses suffer injected delay, jitter and asymmetry (bench/server.mjs).
//
//   node bench/accuracy.mjs [--reps N] [--scenario NAME[,NAME…]] [--markdown FILE] [--baseline FILE]
//
// --baseline FILE: a markdown report of an earlier run (e.g. bench/accuracy-sequential-93ae90b.md,
// the one-request-per-tick schedule before volleys); skewcheck's figures are then also shown
// side by side with that run's.
//
// Run from anywhere; uses the existing dist/ (never builds). Prints figures and
// the team's targets (PASS/MISS, for information): exits 0 unless it crashed.
// --scenario matches scenario names by substring, e.g. `--scenario date/` or
// `--scenario ms/300ms`.

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { distDir } from '../tests/e2e/build.mjs';
import { launchBrowser } from '../tests/e2e/browser.mjs';
import { benchEnvironment, wasmName } from './environment.mjs';
import { hashSeed, startBenchServer } from './server.mjs';

const RUN_TIMEOUT_MS = 40_000;
// True device offset = BASE + rep × STEP: the step moves the offset's
// sub-second phase, so Date-header truncation is exercised at different phases.
const TRUE_OFFSET_BASE_MS = 7_777;
const TRUE_OFFSET_STEP_MS = 137;
// data-offset-ms / data-uncertainty-ms are integers.
const ROUNDING_MS = 1;
// Page work allowed on top of one round trip for the "first verdict" target.
const FIRST_VERDICT_SLACK_MS = 25;

const symmetric = (rttMs, jitterMs) => ({ rttMs, jitterMs, outboundShare: 0.5 });
const NETWORKS = [
  { key: 'loopback', what: 'RTT ≈ 1 ms (no injected delay)', network: symmetric(0, 0) },
  { key: '50ms', what: 'RTT 50 ± 10 ms', network: symmetric(50, 10) },
  { key: '300ms', what: 'RTT 300 ± 60 ms', network: symmetric(300, 60) },
  { key: '300ms-asym', what: 'RTT 300 ± 60 ms, 80 % outbound / 20 % inbound', network: { rttMs: 300, jitterMs: 60, outboundShare: 0.8 } },
];
const SOURCES = [
  { key: 'ms', what: 'ms-JSON (/time/ms)', search: '?endpoint=/time/ms', estimators: ['skewcheck', 'timesync'] },
  { key: 'date', what: 'Date-only (page HEAD)', search: '', estimators: ['skewcheck', 'server-date', 'naive'] },
];
const SCENARIOS = SOURCES.flatMap((source) => NETWORKS.map((net) => ({
  name: `${source.key}/${net.key}`,
  what: `${source.what}, ${net.what}`,
  source,
  network: net.network,
})));

// ------------------------------------------------------------- estimators

// Init script for the skewcheck page: when the verdict first reads "done" and
// when it settles (done and not refining), in performance.now() ms since
// navigation start. data-refining may not exist (older builds): then the first
// "done" is also the settled one.
function observeVerdict() {
  const seen = { firstDoneAt: null, first: null, settledAt: null, errorAt: null, sawRefining: false };
  window.__benchVerdict = seen;
  const check = () => {
    const el = document.querySelector('[data-testid="verdict"]');
    if (!el) return;
    const now = performance.now();
    const { state, refining } = el.dataset;
    if (refining !== undefined) seen.sawRefining = true;
    if (state === 'error') seen.errorAt ??= now;
    if (state !== 'done') return;
    if (seen.firstDoneAt === null) {
      seen.firstDoneAt = now;
      // The early verdict's own interval: it must contain the truth as well.
      seen.first = { offsetMs: Number(el.dataset.offsetMs), uncertaintyMs: Number(el.dataset.uncertaintyMs) };
    }
    seen.settledAt = refining === 'true' ? null : (seen.settledAt ?? now);
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-refining'],
  });
}

async function runSkewcheck(page, { server, scenario }) {
  await page.addInitScript(observeVerdict);
  await page.goto(server.baseUrl + '/' + scenario.source.search);
  await page.waitForFunction(() => {
    const v = window.__benchVerdict;
    return v && (v.settledAt !== null || v.errorAt !== null);
  }, null, { timeout: RUN_TIMEOUT_MS, polling: 50 });
  return page.evaluate(() => {
    const v = window.__benchVerdict;
    const el = document.querySelector('[data-testid="verdict"]');
    const attr = (name) => (el.hasAttribute(name) ? Number(el.getAttribute(name)) : null);
    if (v.errorAt !== null && v.settledAt === null) {
      return { error: document.querySelector('[data-testid="error"]')?.textContent ?? 'state error' };
    }
    // Start of the first time sample (the page tags samples with ?skewcheck=):
    // the fallback origin for "time to first verdict" when the page does not
    // report data-first-verdict-ms.
    const starts = performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).searchParams.has('skewcheck')).map((e) => e.startTime);
    const sampleStart = starts.length ? Math.min(...starts) : 0;
    const pageFirst = attr('data-first-verdict-ms');
    return {
      offsetMs: attr('data-offset-ms'),
      early: v.first,
      uncertaintyMs: attr('data-uncertainty-ms'),
      pageRequests: attr('data-requests'),
      firstMs: pageFirst ?? v.firstDoneAt - sampleStart,
      firstFrom: pageFirst !== null ? 'page' : 'sample',
      // Same origin as firstMs (app start or first sample).
      settledMs: (pageFirst ?? v.firstDoneAt - sampleStart) + (v.settledAt - v.firstDoneAt),
      navMs: v.firstDoneAt,
      settledNavMs: v.settledAt,
      attrs: ['data-refining', 'data-requests', 'data-first-verdict-ms'].filter((a) => el.hasAttribute(a) || (a === 'data-refining' && v.sawRefining)),
    };
  });
}

async function runPeer(page, { server, estimator }) {
  await page.goto(`${server.baseUrl}/peers.html?estimator=${estimator}`);
  await page.waitForFunction(() => window.__benchResult, null, { timeout: RUN_TIMEOUT_MS, polling: 50 });
  return page.evaluate(() => window.__benchResult);
}

const ESTIMATORS = {
  skewcheck: { run: runSkewcheck, hasUncertainty: true },
  timesync: { run: runPeer, hasUncertainty: false },
  'server-date': { run: runPeer, hasUncertainty: true },
  naive: { run: runPeer, hasUncertainty: false },
};

const contains = ({ offsetMs, uncertaintyMs }, truthMs) =>
  (uncertaintyMs == null ? null : Math.abs(offsetMs - truthMs) <= uncertaintyMs + ROUNDING_MS);

/** One estimator, one repetition, in a fresh browser context (cold cache, new connections). */
async function measure(browser, server, { scenario, estimator, rep }) {
  const truthMs = TRUE_OFFSET_BASE_MS + rep * TRUE_OFFSET_STEP_MS;
  // Same seed for every estimator of a repetition: the n-th time request of
  // each sees the same network legs.
  server.configure({ offsetMs: truthMs, network: scenario.network, seed: hashSeed(`${scenario.name}#${rep}`) });
  const runId = `${scenario.name}#${rep}:${estimator}`;
  server.setRun(runId);
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  let result;
  try {
    result = await ESTIMATORS[estimator].run(page, { server, scenario, estimator });
  } catch (err) {
    result = { error: `${err.message.split('\n')[0]}${pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : ''}` };
  } finally {
    await context.close();
    server.setRun(null);
  }
  result.serverRequests = server.timeRequests(runId).length;
  result.requests = result.pageRequests ?? result.serverRequests;
  result.truthMs = truthMs;
  if (result.error === undefined) {
    result.absErrorMs = Math.abs(result.offsetMs - truthMs);
    result.contained = contains(result, truthMs);
    if (result.early) result.earlyContained = contains(result.early, truthMs);
  }
  return result;
}

// ---------------------------------------------------------------- figures

const median = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const max = (xs) => (xs.length ? Math.max(...xs) : null);
const fmtMs = (x) => (x == null ? '–' : Math.abs(x) < 10 && !Number.isInteger(x) ? x.toFixed(1) : String(Math.round(x)));
const fmtRatio = (x) => (x == null || Number.isNaN(x) ? '–' : x === Infinity ? '∞' : x < 0.1 ? x.toFixed(3) : x.toFixed(2));

function summarize(runs, hasUncertainty) {
  const ok = runs.filter((r) => r.error === undefined);
  const contained = ok.filter((r) => r.contained).length;
  const early = ok.filter((r) => r.early);
  return {
    runs: runs.length,
    ok: ok.length,
    contained,
    containment: hasUncertainty ? `${contained}/${ok.length}` : 'n/a',
    earlyRuns: early.length,
    earlyContained: early.filter((r) => r.earlyContained).length,
    medianErr: median(ok.map((r) => r.absErrorMs)),
    maxErr: max(ok.map((r) => r.absErrorMs)),
    requests: median(runs.map((r) => r.requests)),
    firstMs: median(ok.map((r) => r.firstMs)),
    settledMs: median(ok.map((r) => r.settledMs)),
    navMs: median(ok.map((r) => r.navMs)),
    settledNavMs: median(ok.map((r) => r.settledNavMs)),
    uncertainty: hasUncertainty ? median(ok.map((r) => r.uncertaintyMs)) : null,
    firstFrom: ok.find((r) => r.firstFrom)?.firstFrom,
    errors: runs.filter((r) => r.error !== undefined).map((r) => r.error),
  };
}

const RESULT_COLUMNS = ['scenario', 'estimator', 'ok/runs', 'median |err| ms', 'max |err| ms', 'truth in ±',
  'requests', 'first ms', 'settled ms', 'first@nav ms', 'settled@nav ms', 'median ± ms'];

function resultRows(summaries) {
  return summaries.map(({ scenario, estimator, s }) => [
    scenario.name, estimator, `${s.ok}/${s.runs}`, fmtMs(s.medianErr), fmtMs(s.maxErr), s.containment,
    fmtMs(s.requests), fmtMs(s.firstMs), fmtMs(s.settledMs), fmtMs(s.navMs), fmtMs(s.settledNavMs),
    s.uncertainty == null ? 'n/a' : fmtMs(s.uncertainty),
  ]);
}

/** skewcheck's rows of an earlier report's Results table, by scenario, as {column: text}. */
async function readBaseline(file) {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const start = lines.findIndex((l) => l.trim() === '### Results');
  const table = lines.slice(start + 1).filter((l) => l.startsWith('|'));
  const cells = (l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replaceAll('\\|', '|'));
  const header = cells(table[0] ?? '|');
  const rows = new Map();
  for (const line of table.slice(2)) {
    const row = Object.fromEntries(cells(line).map((c, i) => [header[i], c]));
    if (row.estimator === 'skewcheck') rows.set(row.scenario, row);
  }
  if (start < 0 || !rows.size) throw usageError(`--baseline ${file}: no skewcheck rows in a "### Results" table`);
  return rows;
}

const BASELINE_COLUMNS = ['scenario', 'settled ms: baseline', 'now', 'settled@nav ms: baseline', 'now',
  'median |err| ms: baseline', 'now', 'median ± ms: baseline', 'now', 'requests: baseline', 'now'];

function baselineRows(summaries, baseline) {
  return summaries.filter((x) => x.estimator === 'skewcheck' && baseline.has(x.scenario.name)).map(({ scenario, s }) => {
    const old = baseline.get(scenario.name);
    // Reports before settled@nav: first@nav + (settled − first) is the same quantity.
    const oldNav = old['settled@nav ms'] ?? fmtMs(Number(old['first@nav ms']) + Number(old['settled ms']) - Number(old['first ms']));
    return [scenario.name, old['settled ms'], fmtMs(s.settledMs), oldNav, fmtMs(s.settledNavMs),
      old['median |err| ms'], fmtMs(s.medianErr), old['median ± ms'], fmtMs(s.uncertainty), old.requests, fmtMs(s.requests)];
  });
}

function ratioRows(scenarios, bySc) {
  const rows = [];
  for (const scenario of scenarios) {
    const own = bySc.get(scenario.name).skewcheck;
    for (const peer of scenario.source.estimators.filter((e) => e !== 'skewcheck')) {
      const theirs = bySc.get(scenario.name)[peer];
      rows.push([scenario.name, `skewcheck / ${peer}`, fmtRatio(own.medianErr / theirs.medianErr),
        `${peer} / skewcheck`, fmtRatio(theirs.medianErr / own.medianErr)]);
    }
  }
  return rows;
}

function targetRows(scenarios, bySc) {
  const rows = [];
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  for (const scenario of scenarios) {
    const own = bySc.get(scenario.name).skewcheck;
    if (scenario.name === 'date/loopback') {
      const sd = bySc.get(scenario.name)['server-date'];
      rows.push(['date/loopback', 'median |err| ≤ 25 ms', fmtMs(own.medianErr), verdict(own.medianErr != null && own.medianErr <= 25)]);
      rows.push(['date/loopback', 'median |err| ≤ 0.05 × server-date', `${fmtMs(own.medianErr)} vs ${fmtMs(0.05 * sd.medianErr)}`,
        verdict(own.medianErr != null && own.medianErr <= 0.05 * sd.medianErr)]);
    }
    if (scenario.source.key === 'ms') {
      const ts = bySc.get(scenario.name).timesync;
      const ok = own.medianErr != null && own.medianErr <= 0.5 * ts.medianErr;
      // Both clocks read whole milliseconds: below ~1 ms the comparison is noise.
      const note = !ok && own.medianErr <= 1 ? ' (within 1 ms resolution)' : '';
      rows.push([scenario.name, 'median |err| ≤ 0.5 × timesync', `${fmtMs(own.medianErr)} vs ${fmtMs(0.5 * ts.medianErr)}${note}`, verdict(ok)]);
    }
    const limit = scenario.network.rttMs + scenario.network.jitterMs + FIRST_VERDICT_SLACK_MS;
    rows.push([scenario.name, `first verdict ≤ 1 RTT (≤ ${limit} ms)`, fmtMs(own.firstMs), verdict(own.firstMs != null && own.firstMs <= limit)]);
  }
  // Failed runs count against containment: no interval at all is no success.
  const own = scenarios.map((sc) => bySc.get(sc.name).skewcheck);
  const sum = (f) => own.reduce((n, s) => n + f(s), 0);
  const runs = sum((s) => s.runs);
  rows.push(['all', 'every final interval contains the truth', `${sum((s) => s.contained)}/${runs}`, verdict(sum((s) => s.contained) === runs)]);
  const earlyRuns = sum((s) => s.earlyRuns);
  rows.push(['all', 'every first (early) verdict\'s interval too', `${sum((s) => s.earlyContained)}/${earlyRuns}`,
    verdict(earlyRuns === runs && sum((s) => s.earlyContained) === runs)]);
  return rows;
}

// Plain text: columns padded; numbers right-aligned.
function textTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((v, i) => (i > 1 ? String(v).padStart(widths[i]) : String(v).padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(header, rows) {
  const esc = (v) => String(v).replaceAll('|', '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map((_, i) => (i > 1 ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

const LEGEND = [
  'offset = device − reference (ms, positive = device fast); truth = the bench server clock\'s error, 7777 ms + rep × 137 ms.',
  '|err| = |reported offset − truth|; "truth in ±" = runs with |err| ≤ the claimed uncertainty (+1 ms rounding).',
  'requests = time requests used (skewcheck: data-requests if the page has it, else counted by the server).',
  'first / settled ms = from the estimator\'s first time request (skewcheck: from app start when the page reports data-first-verdict-ms) to its first and to its final result; first@nav / settled@nav = first / final result in ms since navigation start (includes loading the page).',
  'timesync\'s first result is the one-sample offset it applies at once; its final one ends its 5-request sync (README defaults).',
  'server-date = NodeGuy/server-date getServerDate(): best of 10 HEADs by RTT, server time = Date + 500 ms at the response, ± RTT/2 + 500 ms.',
  'Asymmetric paths bias every round-trip method by (outbound − inbound)/2 (≈ 90 ms here) and no client can observe it: there the claimed uncertainty must cover it.',
  'naive = one HEAD, Date.now() at the response − Date header, no RTT compensation (Google Authenticator style).',
];

// -------------------------------------------------------------------- main

const usageError = (message) => Object.assign(new Error(message), { usage: true });

function parseCli() {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string', default: '5' },
      scenario: { type: 'string' },
      markdown: { type: 'string' },
      baseline: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`usage: node bench/accuracy.mjs [--reps N] [--scenario NAME[,NAME…]] [--markdown FILE] [--baseline FILE]\nscenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    process.exit(0);
  }
  const reps = Number(values.reps);
  if (!Number.isInteger(reps) || reps < 1) throw usageError(`--reps needs a positive integer, got ${values.reps}`);
  const wanted = values.scenario?.split(',').map((s) => s.trim()).filter(Boolean);
  const scenarios = wanted ? SCENARIOS.filter((s) => wanted.some((w) => s.name.includes(w))) : SCENARIOS;
  if (!scenarios.length) throw usageError(`no scenario matches ${values.scenario}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  return { reps, scenarios, markdown: values.markdown, baselineFile: values.baseline };
}

async function environment(browser, reps) {
  return [...await benchEnvironment(browser), ['reps', String(reps)]];
}

async function main() {
  const { reps, scenarios, markdown, baselineFile } = parseCli();
  const baseline = baselineFile ? await readBaseline(baselineFile) : null;
  if (!existsSync(path.join(distDir, 'index.html'))) {
    console.error(`accuracy: ${distDir}/index.html is missing; build the page first (trunk build --release). The bench never builds.`);
    process.exit(1);
  }
  const started = Date.now();
  const wasmAtStart = await wasmName();
  const server = await startBenchServer({ distDir });
  const browser = await launchBrowser();
  const summaries = [];
  const bySc = new Map();
  const attrsSeen = new Set();
  let env;
  try {
    env = await environment(browser, reps);
    for (const scenario of scenarios) {
      const runs = Object.fromEntries(scenario.source.estimators.map((e) => [e, []]));
      for (let rep = 0; rep < reps; rep++) {
        for (const estimator of scenario.source.estimators) {
          const r = await measure(browser, server, { scenario, estimator, rep });
          runs[estimator].push(r);
          r.attrs?.forEach((a) => attrsSeen.add(a));
          console.error(`[${scenario.name} ${rep + 1}/${reps}] ${estimator.padEnd(11)} ${r.error !== undefined ? `FAILED: ${r.error}`
            : `offset ${r.offsetMs} (truth ${r.truthMs}, |err| ${fmtMs(r.absErrorMs)})${r.uncertaintyMs == null ? '' : ` ± ${fmtMs(r.uncertaintyMs)}`}, ${r.requests} req${r.requests === r.serverRequests ? '' : ` (server saw ${r.serverRequests})`}, first ${fmtMs(r.firstMs)} ms, settled ${fmtMs(r.settledMs)} ms`}`);
        }
      }
      const entry = {};
      for (const estimator of scenario.source.estimators) {
        const s = summarize(runs[estimator], ESTIMATORS[estimator].hasUncertainty);
        entry[estimator] = s;
        summaries.push({ scenario, estimator, s });
      }
      bySc.set(scenario.name, entry);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const skew = summaries.filter((x) => x.estimator === 'skewcheck').map((x) => x.s);
  const pageAttrs = ['data-refining', 'data-requests', 'data-first-verdict-ms']
    .map((a) => `${a} ${attrsSeen.has(a) ? 'yes' : 'no (fallback)'}`).join(', ');
  env.push(['page attributes', pageAttrs]);
  env.push(['first ms of skewcheck from', [...new Set(skew.map((s) => s.firstFrom).filter(Boolean))]
    .map((f) => (f === 'page' ? 'data-first-verdict-ms (app start)' : 'first time request (resource timing)')).join(', ') || '–']);
  env.push(['wall time', `${((Date.now() - started) / 1000).toFixed(0)} s`]);
  if (await wasmName() !== wasmAtStart) env.push(['WARNING', `dist/ changed during the run (${wasmAtStart} → ${await wasmName()}): rerun`]);

  const results = resultRows(summaries);
  const compared = baseline ? baselineRows(summaries, baseline) : [];
  if (baseline) env.push(['baseline', baselineFile]);
  const ratios = ratioRows(scenarios, bySc);
  const targets = targetRows(scenarios, bySc);
  const failures = summaries.flatMap(({ scenario, estimator, s }) => s.errors.map((e) => `${scenario.name} ${estimator}: ${e}`));
  const RATIO_HEADER = ['scenario', 'ratio', 'median |err|', 'inverse', 'median |err|'];
  const TARGET_HEADER = ['scenario', 'target', 'skewcheck', 'status'];
  const scenarioRows = scenarios.map((s) => [s.name, s.what]);

  const text = [
    'skewcheck accuracy benchmark',
    ...env.map(([k, v]) => `  ${k}: ${v}`),
    '', 'Scenarios', textTable(['scenario', 'description'], scenarioRows),
    '', 'Results', textTable(RESULT_COLUMNS, results),
    ...(baseline ? ['', `skewcheck against the baseline (${baselineFile})`, textTable(BASELINE_COLUMNS, compared)] : []),
    '', 'Ratios of median |error| (below 1 = skewcheck is closer)', textTable(RATIO_HEADER, ratios),
    '', 'Targets (information only)', textTable(TARGET_HEADER, targets),
    '', ...LEGEND.map((l) => `* ${l}`),
    ...(failures.length ? ['', 'Failed runs', ...failures.map((f) => `  ${f}`)] : []),
  ].join('\n');
  console.log(text);

  if (markdown) {
    const md = [
      '## Accuracy benchmark', '',
      ...env.map(([k, v]) => `- **${k}**: ${v}`), '',
      '### Scenarios', '', markdownTable(['scenario', 'description'], scenarioRows), '',
      '### Results', '', markdownTable(RESULT_COLUMNS, results), '',
      ...(baseline ? [`### skewcheck against the baseline (${baselineFile})`, '', markdownTable(BASELINE_COLUMNS, compared), ''] : []),
      '### Ratios of median |error|', '', markdownTable(RATIO_HEADER, ratios), '',
      '### Targets', '', markdownTable(TARGET_HEADER, targets), '',
      ...LEGEND.map((l) => `- ${l}`),
      ...(failures.length ? ['', '### Failed runs', '', ...failures.map((f) => `- ${f}`)] : []),
      '',
    ].join('\n');
    await writeFile(markdown, md);
    console.error(`accuracy: wrote ${markdown}`);
  }
}

main().catch((err) => {
  console.error(err.usage || err.code?.startsWith('ERR_PARSE_ARGS') ? `accuracy: ${err.message}` : err);
  process.exit(1);
});
