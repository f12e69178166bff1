// Peer clock estimators, run in the browser against the bench server.
//
// Each reports in skewcheck's sign convention: offset = device − reference
// (positive = device fast). Times are performance.now() differences from the
// estimator's start (just before its first request), plus `navMs`: the
// first result's time since navigation start.
//
// Result in window.__benchResult:
//   { offsetMs, uncertaintyMs|null, firstMs, settledMs, navMs, error? }

// The skewcheck page's own URL: server-date HEADs its page, Google
// Authenticator one host; both read the same delayed, shifted Date header
// skewcheck's default source reads.
const PAGE_URL = '/';

let nonce = 0;

/** One HEAD of the page with a cache-buster and no-store; device times at send and at headers. */
async function headSample(tag) {
  const url = `${PAGE_URL}?${tag}=${Date.now()}-${nonce++}`;
  const requestDate = Date.now();
  const response = await fetch(url, { method: 'HEAD', cache: 'no-store' });
  const responseDate = Date.now();
  if (!response.ok) throw new Error(`HEAD ${url}: HTTP ${response.status}`);
  const serverDate = Date.parse(response.headers.get('Date'));
  if (!Number.isFinite(serverDate)) throw new Error(`HEAD ${url}: no usable Date header`);
  return { requestDate, responseDate, serverDate };
}

// server-date (NodeGuy/server-date, getServerDate): 10 sequential samples; the
// one with the lowest uncertainty = RTT/2 + 500 wins (first one on ties);
// server time = Date + 500 ms at the moment the response arrived (no RTT/2 is
// added to the estimate itself: it only widens the uncertainty).
async function serverDate(mark) {
  let best = { uncertaintyMs: Infinity };
  for (let i = 0; i < 10; i++) {
    const { requestDate, responseDate, serverDate: date } = await headSample('serverdate');
    const uncertaintyMs = (responseDate - requestDate) / 2 + 500;
    if (uncertaintyMs < best.uncertaintyMs) {
      best = { offsetMs: responseDate - (date + 500), uncertaintyMs };
    }
  }
  mark.first();
  return best;
}

// Google Authenticator style: one Date header, no round-trip compensation.
async function naive(mark) {
  const { responseDate, serverDate: date } = await headSample('naive');
  mark.first();
  return { offsetMs: responseDate - date, uncertaintyMs: null };
}

// timesync configured as its README shows (defaults: repeat 5, delay 1000 ms,
// interval 1 h). Its first 'change' is the single first sample, applied at
// once; the first synchronization ends ('sync' 'end') with the filtered mean.
function timesyncPeer(mark) {
  return new Promise((resolve, reject) => {
    const ts = window.timesync.create({ server: '/timesync' });
    ts.on('change', () => mark.first());
    ts.on('error', (err) => { ts.destroy(); reject(err); });
    ts.on('sync', (phase) => {
      if (phase !== 'end') return;
      ts.destroy();
      // timesync's offset is reference − device (ts.now() = Date.now() + offset).
      if (mark.firstMs === null) reject(new Error('timesync produced no offset'));
      else resolve({ offsetMs: -ts.offset, uncertaintyMs: null });
    });
  });
}

const ESTIMATORS = { 'server-date': serverDate, naive, timesync: timesyncPeer };

async function main() {
  const name = new URLSearchParams(location.search).get('estimator');
  const estimator = ESTIMATORS[name];
  if (!estimator) throw new Error(`unknown estimator ${JSON.stringify(name)}`);
  const start = performance.now();
  const mark = {
    firstMs: null,
    navMs: null,
    first() {
      if (this.firstMs !== null) return;
      this.navMs = performance.now();
      this.firstMs = this.navMs - start;
    },
  };
  const result = await estimator(mark);
  return { ...result, firstMs: mark.firstMs, navMs: mark.navMs, settledMs: performance.now() - start };
}

main().then(
  (result) => { window.__benchResult = result; },
  (err) => { window.__benchResult = { error: String(err?.message ?? err) }; },
).finally(() => {
  document.getElementById('result').textContent = JSON.stringify(window.__benchResult, null, 2);
});
