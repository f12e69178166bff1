// The shell's watchdog, inlined into index.html after the shell by Trunk (the CSP hook hashes
// it). A classic script in ES5 only, so that it runs in the browsers the app cannot start in.
// It reveals a failure when WebAssembly is missing, when a script or its download fails, when
// the loader's syntax is too new (index.html's syntax probe never ran), or when the download
// stops moving; shell-initializer.js reports the load's progress.
(function () {
  var shell = document.getElementById('shell');
  if (!shell) return;
  var STALL_MS = 15000; // no new bytes for this long: the download has stopped
  var COMPILE_MS = 15000; // all bytes in, still not running: something hangs
  var state = { detail: '', fallback: false, fallbackReason: '', syntax: false, syntaxError: '', started: false, done: false, lastProgress: 0, complete: false };
  var progress = shell.querySelector('progress');
  // The shell's words in the page's language, as early-probe.js picked them (English, the
  // shell's own, when it picked none): our own constants, some with <strong> labels.
  // The failures' words arrive later (early-probe.js adds them to the same object), so this
  // runs again when they do.
  var words = window.__skewcheckShellWords || {};
  function speak() {
    var texts = shell.querySelectorAll('[data-shell-text]');
    for (var i = 0; i < texts.length; i++) {
      var text = words[texts[i].getAttribute('data-shell-text')];
      if (text) texts[i].innerHTML = text;
    }
    if (progress && words.progress) progress.setAttribute('aria-label', words.progress);
    var detailEl = shell.querySelector('[data-testid="shell-error"]');
    if (state.detail && detailEl) detailEl.textContent = (words.detail || 'Technical detail: ') + state.detail;
  }
  speak();
  function now() { return new Date().getTime(); }
  function show(selector, visible) {
    var el = shell.querySelector(selector);
    if (el) el.hidden = !visible;
  }
  function fail(reason, detail) {
    if (state.done) return;
    state.done = true;
    // A first verdict already shown stays, the failure below it.
    show('.shell-card', true);
    shell.setAttribute('data-shell-state', 'failed');
    shell.setAttribute('data-shell-reason', reason);
    shell.setAttribute('aria-busy', 'false');
    show('.shell-loading', false);
    show('.shell-failure[data-shell-reason="' + reason + '"]', true);
    state.detail = detail;
    speak();
  }
  function describe(error) {
    if (!error) return '';
    return String(error.message ? (error.name ? error.name + ': ' : '') + error.message : error);
  }
  // The first verdict card, from the first module (early-probe.js, crates/skewcheck-first):
  // the app's first card (src/components/verdict_panel.rs) with the same structure and
  // classes, so the app's own card takes its place at the same size (the app replaces the
  // shell once it has the same first verdict: skewcheckShell.mounted). Text only
  // (textContent): the words are the module's, never markup.
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== null && text !== undefined) el.textContent = text;
    return el;
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function emptyGauge(card) {
    var figure = element('figure', 'gauge card');
    figure.setAttribute('data-empty', 'true');
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 320 70');
    svg.setAttribute('class', 'gauge-svg');
    svg.setAttribute('aria-hidden', 'true');
    var track = document.createElementNS(SVG, 'rect');
    var box = { 'class': 'gauge-track', x: '10', y: '24', width: '300', height: '14', rx: '7' };
    for (var name in box) track.setAttribute(name, box[name]);
    svg.appendChild(track);
    figure.appendChild(svg);
    if (card.gaugeDirection) figure.appendChild(element('p', 'gauge-note', card.gaugeDirection));
    return figure;
  }
  function drawFirstCard(card) {
    var place = shell.querySelector('.shell-card');
    if (state.done || !place || !card || typeof card !== 'object' || typeof card.headline !== 'string') return;
    var section = element('section', 'verdict verdict-' + card.verdict + ' state-' + card.state);
    var facts = {
      'data-testid': 'first-verdict', 'data-state': card.state, 'data-verdict': card.verdict,
      'data-offset-ms': card.offsetMs, 'data-uncertainty-ms': card.uncertaintyMs,
      'data-service': card.service, 'data-limit-ms': card.limitMs,
      'data-refining': card.refining, 'data-requests': card.requests,
      'aria-live': 'polite', 'aria-busy': 'false'
    };
    for (var fact in facts) section.setAttribute(fact, String(facts[fact]));
    var icon = element('div', 'verdict-icon', card.glyph);
    icon.setAttribute('aria-hidden', 'true');
    section.appendChild(icon);
    var body = element('div', 'verdict-body');
    body.appendChild(element('h2', 'headline', card.headline));
    body.appendChild(element('p', 'compared-with', card.comparedWith));
    body.appendChild(element('p', 'clock-checked', card.clockChecked));
    if (card.notice) body.appendChild(element('p', 'notice', card.notice)).setAttribute('role', 'status');
    var sentences = element('div');
    for (var i = 0; i < card.sentences.length; i++) sentences.appendChild(element('p', '', card.sentences[i]));
    body.appendChild(sentences);
    if (card.errorSeen) {
      var seen = body.appendChild(element('p', 'error-seen', card.errorSeen.intro));
      seen.appendChild(element('code', '', card.errorSeen.code));
    }
    if (card.fix) {
      var fix = element('p', card.fix.zone ? 'fix zone-hint' : 'fix');
      fix.appendChild(element('strong', '', card.howToFix));
      fix.appendChild(document.createTextNode(card.fix.text));
      body.appendChild(fix);
    }
    if (card.dualBoot) body.appendChild(element('p', 'fix', card.dualBoot));
    section.appendChild(body);
    section.appendChild(emptyGauge(card));
    // The masthead and the status beside "Check again", as the app will show them.
    var heading = shell.querySelector('h1');
    var lede = shell.querySelector('.lede');
    if (heading) { heading.removeAttribute('data-shell-text'); heading.textContent = card.title; }
    if (lede) { lede.removeAttribute('data-shell-text'); lede.textContent = card.lede; }
    var actions = shell.querySelector('.actions');
    if (actions && card.refiningText) {
      var status = element('p', 'refining');
      status.appendChild(element('span', '', card.refiningText));
      actions.appendChild(status);
    }
    document.documentElement.setAttribute('lang', card.lang);
    document.documentElement.setAttribute('dir', card.dir);
    place.hidden = true;
    place.parentNode.insertBefore(section, place);
    shell.setAttribute('data-shell-state', 'first-verdict');
    shell.setAttribute('aria-busy', 'false');
  }
  if (window.__skewcheckFirstCard) window.__skewcheckFirstCard.then(drawFirstCard).then(null, function () {});
  window.skewcheckShell = {
    speak: speak,
    syntaxOk: function () { state.syntax = true; },
    started: function () { state.started = true; state.lastProgress = now(); },
    progress: function (current, total) {
      state.lastProgress = now();
      if (progress && total > 0) {
        progress.max = total;
        progress.value = Math.min(current, total);
      }
      if (total > 0 && current >= total) state.complete = true;
    },
    // The app's main has run: it mounts once its language is loaded (a moment at most), and
    // must within COMPILE_MS.
    running: function () { state.lastProgress = now(); state.complete = true; },
    // The app is running: it replaces the shell now, in this task, so no frame shows both.
    mounted: function () {
      state.done = true;
      if (shell.parentNode) shell.parentNode.removeChild(shell);
    },
    // The wasm loader gave up. Without WebAssembly that is expected: the fallback decides.
    // WebAssembly refused by the page's own policy runs the fallback too. Returns whether
    // this is the page's failure (worth logging).
    failed: function (error) {
      if (state.fallback) return false;
      if (typeof WebAssembly === 'object' && refusedByPolicy(error) && startFallback('load-failed')) return false;
      fail(typeof WebAssembly === 'object' ? 'load-failed' : 'no-wasm', describe(error));
      return true;
    }
  };
  // Browsers that predate the policy's 'wasm-unsafe-eval' (Safari before 16, Chrome before
  // 97) compile WebAssembly only under 'unsafe-eval', which the policy never grants. Their
  // refusal names the policy: "Refused to create a WebAssembly object because 'unsafe-eval'
  // is not an allowed source of script in the following Content Security Policy directive"
  // (WebKit), "... WebAssembly module because 'unsafe-eval' ..." (Chromium). Any engine that
  // refuses under a stricter policy a host adds gets the fallback too ("... blocked by CSP":
  // Firefox).
  function refusedByPolicy(error) {
    return /unsafe-eval|Content Security Policy|blocked by CSP/i.test(describe(error));
  }
  // The same app translated to JavaScript (scripts/wasm2js-fallback.mjs; no eval), when the
  // build made one and the browser runs module scripts. Returns whether it is loading; if it
  // then fails too, the shell explains `reason`.
  function startFallback(reason) {
    if (state.fallback) return true;
    var src = shell.getAttribute('data-fallback-src');
    if (!src || !('noModule' in document.createElement('script'))) return false;
    state.fallback = true;
    state.fallbackReason = reason;
    shell.setAttribute('data-shell-fallback', 'wasm2js');
    var script = document.createElement('script');
    script.type = 'module';
    script.src = src;
    script.onerror = function () { fail(reason, 'could not download ' + src); };
    window.addEventListener('error', function (event) {
      fail(reason, describe(event.error) || event.message);
    });
    document.head.appendChild(script);
    return true;
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    // No WebAssembly: the fallback, or say what to do.
    if (!startFallback('no-wasm')) fail('no-wasm');
    return;
  }
  // A script or stylesheet that fails to download (capture: those events do not bubble), or
  // an exception thrown while the app (or, once it runs, the fallback) is starting.
  window.addEventListener('error', function (event) {
    if (state.done) return;
    var target = event.target;
    var download = target && target !== window && (target.tagName === 'SCRIPT' || target.tagName === 'LINK');
    if (download && target.tagName === 'LINK' && !/modulepreload|stylesheet/.test(target.rel || '')) return;
    var detail = download ? 'could not download ' + (target.src || target.href || 'a script') : describe(event.error) || event.message;
    if (state.fallback) fail(state.fallbackReason, detail);
    else if (download) fail('load-failed', detail);
    // The probe has not run and a script could not be parsed: syntax newer than this browser
    // (decided at DOMContentLoaded, once every module script has had its turn).
    else if (!state.syntax && /SyntaxError/.test(String(event.message) + describe(event.error))) state.syntaxError = detail;
    else fail('load-failed', detail);
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    if (!state.done) fail(state.fallback ? state.fallbackReason : 'load-failed', describe(event.reason));
  });
  // By DOMContentLoaded every module script has run its synchronous part: the probe, and the
  // loader's start (which reports `started`). The probe never ran: the browser cannot parse
  // the loader (Safari before 15, Chrome before 89) or runs no module scripts; the fallback
  // needs less (a module script, optional chaining), so it gets its chance first.
  // The loader starts once the first module has arrived (early-probe.js holds it until then).
  document.addEventListener('DOMContentLoaded', function () {
    var gate = window.__skewcheckAppMayLoad || { then: function (go) { go(); } };
    gate.then(function () { setTimeout(check, 1000); });
    function check() {
      if (state.done || state.fallback) return;
      if (!state.syntax) {
        if (!startFallback('too-old')) fail('too-old', state.syntaxError);
      } else if (!state.started) fail('load-failed', 'the loader did not start');
    }
  });
  // Slow is not failed: while bytes keep arriving the shell only says the connection is slow.
  var startedAt = now();
  var timer = setInterval(function () {
    if (state.done) { clearInterval(timer); return; }
    var t = now();
    if (t - startedAt > 4000) show('.shell-slow', true);
    if (!state.started || state.fallback) return;
    if (t - state.lastProgress > (state.complete ? COMPILE_MS : STALL_MS)) {
      fail('load-failed', state.complete ? 'the app downloaded but did not start' : 'the download stopped');
    }
  }, 500);
}());
