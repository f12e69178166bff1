// skewcheck's early time request: one same-origin HEAD sent while the WebAssembly is still
// downloading, so the first verdict need not wait for a round trip after it has loaded.
// Raw readings only (clocks around the request, status, headers) — nothing is computed here: the engine checks them (src/engine/sample/
// early.rs) and does all the math. Inlined into index.html by Trunk; the CSP hook hashes it.
(function () {
  'use strict';
  function probe() {
    var url = new URL(location.href);
    url.hash = '';
    // A unique query, as the page's own requests use, so no cache can answer.
    url.searchParams.append('skewcheck', String(Math.floor(Math.random() * 1e9)));
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, 5000);
    var monotonicSentMs = performance.now();
    var wallSentMs = Date.now();
    return fetch(url.href, { method: 'HEAD', cache: 'no-store', redirect: 'follow', signal: controller.signal })
      .then(function (response) {
        var monotonicReceivedMs = performance.now();
        var wallReceivedMs = Date.now();
        clearTimeout(timer);
        return {
          monotonicSentMs: monotonicSentMs,
          monotonicReceivedMs: monotonicReceivedMs,
          wallSentMs: wallSentMs,
          wallReceivedMs: wallReceivedMs,
          status: response.redirected ? 0 : response.status,
          // [name, value] pairs as the browser exposes them: Date, and a cache's Age, X-Cache…
          headers: Array.from(response.headers),
        };
      }, function () {
        clearTimeout(timer);
        return null;
      });
  }
  try {
    // Only when the page will measure its own origin: a permalink (#report=) shows a past
    // report and measures nothing; a link naming an endpoint measures that instead.
    if (location.hash.indexOf('report=') !== -1 || new URLSearchParams(location.search).has('endpoint')) return;
    // A Promise of the readings, or of null when the request failed.
    window.__skewcheckEarlyProbe = probe();
  } catch (error) {
    window.__skewcheckEarlyProbe = Promise.resolve(null);
  }
})();
