// skewcheck's early requests: one same-origin HEAD, and the deployment's skewcheck.json, sent
// while the WebAssembly is still downloading, so the first verdict need not wait for a round
// trip after it has loaded.
// Raw readings only (clocks around the request, status, headers) — nothing is computed here: the
// engine checks them (crates/skewcheck-core/src/sample/early.rs) and does all the math. Inlined
// into index.html by Trunk; the CSP hook hashes it.
(function () {
  'use strict';
  // Filled in by the build from crates/skewcheck-core/src/limits.rs (scripts/limits.mjs).
  var LIMITS = {};
  // Rust's str::trim (Unicode White_Space, not String#trim's set).
  var RUST_WHITESPACE = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  function rustTrim(text) {
    return text.replace(RUST_WHITESPACE, '');
  }
  function probe() {
    var url = new URL(location.href);
    url.hash = '';
    // A unique query, as the page's own requests use, so no cache can answer.
    url.searchParams.append('skewcheck', String(Math.floor(Math.random() * 1e9)));
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, LIMITS.REQUEST_TIMEOUT_MS);
    var monotonicSentMs = performance.now();
    var wallSentMs = Date.now();
    // As src/net.rs take_sample sends every time request: no cookies (`credentials: 'omit'`),
    // and no redirect followed (`redirect: 'manual'`: the browser never asks the address a
    // redirect names; the answer is an `opaqueredirect`, status 0, without headers).
    return fetch(url.href, { method: 'HEAD', cache: 'no-store', credentials: 'omit', redirect: 'manual', signal: controller.signal })
      .then(function (response) {
        var monotonicReceivedMs = performance.now();
        var wallReceivedMs = Date.now();
        clearTimeout(timer);
        // A redirect is no answer: reported as status 0, which the engine refuses
        // (EarlyReadings::status), so it never becomes a sample; the page's own HEAD then
        // meets the same redirect and says so.
        var redirect = response.type === 'opaqueredirect';
        return {
          monotonicSentMs: monotonicSentMs,
          monotonicReceivedMs: monotonicReceivedMs,
          wallSentMs: wallSentMs,
          wallReceivedMs: wallReceivedMs,
          status: redirect ? 0 : response.status,
          // [name, value] pairs as the browser exposes them: Date, and a cache's Age, X-Cache…
          headers: redirect ? [] : Array.from(response.headers),
        };
      }, function () {
        clearTimeout(timer);
        return null;
      });
  }
  // The deployment's skewcheck.json, asked for now rather than once the app has started
  // (src/site.rs), as src/net.rs fetch_site_config would: `cache: 'no-cache'` (revalidated),
  // no cookies (`credentials: 'omit'`: a static file needs none, and no request of the page
  // carries any), redirects followed (`redirect: 'follow'`: unlike a time source's, the file's
  // address is fixed beside the page, never a link's choice, so its redirect is the deployer's
  // own), given up after SITE_CONFIG_TIMEOUT_MS, a body read only for 200 and only up to
  // MAX_BODY_BYTES. Raw results: crates/skewcheck-core/src/site_config/early.rs
  // checks them; on null the page asks for the file itself.
  // As Rust's declares_too_large (crates/skewcheck-core/src/fetch.rs): a Content-Length is
  // read as a trimmed u64, or announces nothing (the body is then counted as it streams).
  function declaresTooLarge(contentLength) {
    if (contentLength === null) return false;
    var digits = /^\+?([0-9]+)$/.exec(rustTrim(contentLength));
    if (!digits) return false;
    var value = digits[1].replace(/^0+(?=[0-9])/, '');
    if (value.length > 20 || (value.length === 20 && value > '18446744073709551615')) return false;
    return Number(value) > LIMITS.MAX_BODY_BYTES;
  }
  // The body as text, or null (the stream cancelled) beyond the limit, as src/net.rs
  // read_limited_text reads it (but TextDecoder drops a byte order mark; from_utf8_lossy keeps it).
  function readLimited(response) {
    if (declaresTooLarge(response.headers.get('content-length'))) return Promise.resolve(null);
    if (!response.body) return Promise.resolve('');
    var reader = response.body.getReader();
    var chunks = [];
    var size = 0;
    function next() {
      return reader.read().then(function (chunk) {
        if (chunk.done) {
          var bytes = new Uint8Array(size);
          var at = 0;
          for (var i = 0; i < chunks.length; i++) {
            bytes.set(chunks[i], at);
            at += chunks[i].length;
          }
          return new TextDecoder().decode(bytes);
        }
        size += chunk.value.length;
        if (size > LIMITS.MAX_BODY_BYTES) {
          reader.cancel().catch(function () {});
          return null;
        }
        chunks.push(chunk.value);
        return next();
      });
    }
    return next();
  }
  function siteConfig() {
    var controller = new AbortController();
    var timedOut = false;
    var timer = setTimeout(function () { timedOut = true; controller.abort(); }, LIMITS.SITE_CONFIG_TIMEOUT_MS);
    return fetch(new URL('skewcheck.json', location.href).href, { cache: 'no-cache', credentials: 'omit', redirect: 'follow', signal: controller.signal })
      .then(function (response) {
        if (response.status !== 200) return { status: response.status };
        return readLimited(response).then(function (text) {
          return text === null ? { status: 200, tooLarge: true } : { status: 200, text: text };
        });
      })
      .then(function (result) {
        clearTimeout(timer);
        return result;
      }, function () {
        clearTimeout(timer);
        return timedOut ? { status: 0, timedOut: true } : null;
      });
  }
  // A permalink (`#R1/…`, or the older `#report=…`): the page shows a past report. Decided as
  // page_fragment (src/browser.rs) and is_report_fragment (crates/skewcheck-core/src/report/
  // payload.rs) do.
  function isReportFragment(hash) {
    var fragment = rustTrim(hash.charAt(0) === '#' ? hash.slice(1) : hash);
    if (fragment.charAt(0) === '#') fragment = fragment.slice(1);
    return fragment.indexOf('R1/') === 0 || fragment.indexOf('report=') !== -1;
  }
  var permalink = isReportFragment(location.hash);
  try {
    // A permalink shows a past report and reads no file; any other page reads
    // it, also one whose link names an endpoint (its allowed_endpoints decide whether the
    // endpoint may be asked).
    if (!permalink) window.__skewcheckSiteConfig = siteConfig();
  } catch (error) {
    window.__skewcheckSiteConfig = Promise.resolve(null);
  }
  try {
    // Only when the page will measure its own origin: a permalink shows a past report and
    // measures nothing; a link naming an endpoint measures that instead.
    if (permalink || new URLSearchParams(location.search).has('endpoint')) return;
    // A Promise of the readings, or of null when the request failed.
    window.__skewcheckEarlyProbe = probe();
  } catch (error) {
    window.__skewcheckEarlyProbe = Promise.resolve(null);
  }
})();
