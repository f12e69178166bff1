// skewcheck's early requests: one same-origin HEAD, the deployment's skewcheck.json, and the
// page's language file (lang/<tag>.json, when the link or the browser names a language other
// than English), sent while the WebAssembly is still downloading, so the first verdict need not wait for a round
// trip after it has loaded.
// Raw readings only (clocks around the request, status, headers) — nothing is computed here: the
// engine checks them (crates/skewcheck-core/src/sample/early.rs) and does all the math. Inlined
// into index.html by Trunk; the CSP hook hashes it.
(function () {
  'use strict';
  // Filled in by the build from crates/skewcheck-core/src/limits.rs (scripts/limits.mjs).
  var LIMITS = {};
  // The first module's file name (crates/skewcheck-first), filled in by the build
  // (scripts/first-module.mjs); empty when the build made none.
  var FIRST_MODULE = '';
  // The longest the app's files wait for the first module: a module that stalls must not
  // hold the app back for good.
  var APP_WAITS_AT_MOST_MS = 8000;
  // Once the module's bytes are in, the app waits for the card to be drawn (a few ms: the
  // early answers came long before), but not longer than this (a slow skewcheck.json).
  var APP_WAITS_FOR_CARD_MS = 500;

  // Rust's str::trim (Unicode White_Space, not String#trim's set).
  var RUST_WHITESPACE = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  function rustTrim(text) {
    return text.replace(RUST_WHITESPACE, '');
  }
  // The shell's first words (index.html, watchdog.js) in every language the page speaks: the
  // early script picks one as the app will (src/language.rs, crates/skewcheck-core/src/lang.rs:
  // the link's `lang`, else navigator.languages; the deployment's `language`, which only its
  // skewcheck.json tells, is the first module's to apply: it answers `needLang`, below), sets
  // <html lang dir> at once, and the watchdog writes them into the shell (it runs
  // right after the shell, before the first paint). English is index.html's own. The words of
  // the shell's failures, needed only when the app cannot start, are not carried here in every
  // language (≈ 4 KiB gzip of every first load): they are the language's `lang/shell/<tag>.json`
  // (hand-written beside the generated files, checked by the core's tests/languages.rs),
  // fetched now with the language's file, and the watchdog writes them in when they arrive.
  var SHELL_WORDS = {
    es: {
      title: 'skewcheck — ¿está bien la hora de este dispositivo?',
      heading: '¿Está bien la hora de este dispositivo?',
      lede: 'skewcheck compara el reloj de este dispositivo con un servidor de hora y te dice si se aceptarán las subidas a Amazon S3.',
      status: 'Comprobando el reloj de este dispositivo…',
      progress: 'Descargando la comprobación del reloj',
      slow: 'Todavía descargando: la conexión es lenta. Mantén esta página abierta.'
    },
    fr: {
      title: 'skewcheck — l\'horloge de cet appareil est-elle à l\'heure ?',
      heading: 'L\'horloge de cet appareil est-elle à l\'heure ?',
      lede: 'skewcheck compare l\'horloge de cet appareil à un serveur d\'heure et vous dit si les envois vers Amazon S3 seront acceptés.',
      status: 'Vérification de l’horloge de cet appareil…',
      progress: 'Téléchargement de la vérification de l’horloge',
      slow: 'Téléchargement en cours : la connexion est lente. Gardez cette page ouverte.'
    },
    de: {
      title: 'skewcheck — geht die Uhr dieses Geräts richtig?',
      heading: 'Geht die Uhr dieses Geräts richtig?',
      lede: 'skewcheck vergleicht die Uhr dieses Geräts mit einem Zeitserver und sagt Ihnen, ob Uploads zu Amazon S3 angenommen werden.',
      status: 'Die Uhr dieses Geräts wird geprüft …',
      progress: 'Die Uhrprüfung wird heruntergeladen',
      slow: 'Der Download läuft noch: Die Verbindung ist langsam. Lassen Sie diese Seite geöffnet.'
    },
    'pt-BR': {
      title: 'skewcheck — o relógio deste dispositivo está certo?',
      heading: 'O relógio deste dispositivo está certo?',
      lede: 'O skewcheck compara o relógio deste dispositivo com um servidor de horário e diz se os envios para Amazon S3 serão aceitos.',
      status: 'Verificando o relógio deste dispositivo…',
      progress: 'Baixando a verificação do relógio',
      slow: 'Ainda baixando: a conexão está lenta. Mantenha esta página aberta.'
    },
    ja: {
      title: 'skewcheck — このデバイスの時計は合っていますか？',
      heading: 'このデバイスの時計は合っていますか？',
      lede: 'skewcheck はこのデバイスの時計を時刻サーバーと比べ、Amazon S3 へのアップロードが受け付けられるかどうかをお知らせします。',
      status: 'このデバイスの時計を確認しています…',
      progress: '時計の確認をダウンロードしています',
      slow: 'ダウンロード中です。接続が遅くなっています。このページを開いたままにしてください。'
    },
    'zh-CN': {
      title: 'skewcheck — 此设备的时钟准吗？',
      heading: '此设备的时钟准吗？',
      lede: 'skewcheck 会将此设备的时钟与时间服务器对比，并告诉您上传到 Amazon S3 是否会被接受。',
      status: '正在检查这台设备的时钟…',
      progress: '正在下载时钟检查',
      slow: '仍在下载：网络连接较慢。请保持此页面打开。'
    },
    ar: {
      title: 'skewcheck — هل ساعة هذا الجهاز مضبوطة؟',
      heading: 'هل ساعة هذا الجهاز مضبوطة؟',
      lede: 'يقارن skewcheck ساعة هذا الجهاز بخادم وقت ويخبرك ما إذا كانت عمليات الرفع إلى Amazon S3 ستُقبل.',
      status: 'جارٍ فحص ساعة هذا الجهاز…',
      progress: 'جارٍ تنزيل فحص الساعة',
      slow: 'ما زال التنزيل جاريًا: الاتصال بطيء. أبقِ هذه الصفحة مفتوحة.'
    }
  };
  // A tag as the page speaks it, or null: as Lang::from_tag (crates/skewcheck-core/src/lang.rs).
  function spokenTag(tag) {
    var parts = String(tag).replace(/^\s+|\s+$/g, '').toLowerCase().replace(/_/g, '-').split('-');
    var language = parts[0];
    if (language === 'pt') return 'pt-BR';
    if (language === 'zh') {
      for (var i = 1; i < parts.length; i++) {
        if (parts[i] === 'hant' || parts[i] === 'tw' || parts[i] === 'hk' || parts[i] === 'mo') return null;
      }
      return 'zh-CN';
    }
    return /^(en|es|fr|de|ja|ar)$/.test(language) ? language : null;
  }
  // The link's `lang` (the last one, as lang::link_tag reads it), else navigator.languages.
  function shellLanguage() {
    var wanted = [];
    var pairs = location.search.replace(/^\?/, '').split('&');
    var link = null;
    for (var i = 0; i < pairs.length; i++) {
      var eq = pairs[i].indexOf('=');
      var name = eq < 0 ? pairs[i] : pairs[i].slice(0, eq);
      if (name === 'lang') {
        try { link = decodeURIComponent(pairs[i].slice(eq + 1).replace(/\+/g, ' ')); } catch (error) { link = null; }
      }
    }
    if (link !== null) wanted.push(link);
    var browser = navigator.languages || [navigator.language || ''];
    for (var j = 0; j < browser.length; j++) wanted.push(browser[j]);
    for (var k = 0; k < wanted.length; k++) {
      var tag = spokenTag(wanted[k]);
      if (tag) return tag;
    }
    return 'en';
  }
  // The language file of `tag`: its text, or null (none for English, failed, not 200).
  function languageFile(tag) {
    if (tag === 'en') return Promise.resolve(null);
    return fetch('lang/' + tag + '.json', { cache: 'no-cache', credentials: 'omit', redirect: 'follow' })
      .then(function (response) { return response.status === 200 ? response.text() : null; })
      .then(null, function () { return null; });
  }
  try {
    // index.html's own title, before the shell's language may replace it.
    var englishTitle = document.title;
    var shellTag = shellLanguage();
    document.documentElement.setAttribute('lang', shellTag);
    document.documentElement.setAttribute('dir', shellTag === 'ar' ? 'rtl' : 'ltr');
    var shellWords = SHELL_WORDS[shellTag];
    if (shellWords) {
      document.title = shellWords.title;
      // For watchdog.js, which writes them into the shell once it is parsed.
      window.__skewcheckShellWords = shellWords;
      // The masthead's words before any paint: the parser may paint before watchdog.js runs,
      // and a heading or lede of another length would then move everything below it (a
      // layout shift). A mutation observer's callback runs before the next paint; once the
      // clocks follow the masthead in the document, the masthead is whole.
      var masthead = typeof MutationObserver === 'function' && new MutationObserver(function () {
        if (!document.querySelector('.clocks')) return;
        masthead.disconnect();
        var texts = document.querySelectorAll('.masthead [data-shell-text]');
        for (var i = 0; i < texts.length; i++) {
          var text = shellWords[texts[i].getAttribute('data-shell-text')];
          if (text) texts[i].innerHTML = text;
        }
      });
      if (masthead) masthead.observe(document.documentElement, { childList: true, subtree: true });
      // The failures' words: added to the same object, written in if the shell shows (or
      // later shows) a failure; a browser without them keeps index.html's English ones.
      fetch('lang/shell/' + shellTag + '.json', { cache: 'no-cache', credentials: 'omit', redirect: 'follow' })
        .then(function (response) { return response.status === 200 ? response.json() : null; })
        .then(function (failureWords) {
          if (!failureWords || typeof failureWords !== 'object') return;
          for (var name in failureWords) {
            if (typeof failureWords[name] === 'string' && !(name in shellWords)) shellWords[name] = failureWords[name];
          }
          if (window.skewcheckShell) window.skewcheckShell.speak();
        })
        .then(null, function () {});
      // The language's file, fetched now, in parallel with the wasm (src/net/early.rs takes
      // it): same origin, revalidated, no cookies, as src/net.rs fetch_language asks.
      window.__skewcheckLanguage = { tag: shellTag, text: languageFile(shellTag) };
    }
  } catch (error) {
    // The shell stays in English; the app still chooses and loads the language itself.
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
  // The field sheet (`#sheet`, as is_sheet_fragment in crates/skewcheck-core/src/sheet.rs
  // decides): it measures nothing and reads no file either.
  function isSheetFragment(hash) {
    var fragment = rustTrim(hash.charAt(0) === '#' ? hash.slice(1) : hash);
    if (fragment.charAt(0) === '#') fragment = fragment.slice(1);
    return fragment === 'sheet';
  }
  var permalink = isReportFragment(location.hash) || isSheetFragment(location.hash);
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
    // A Promise of the readings, or of null when the request failed.
    if (!permalink && !new URLSearchParams(location.search).has('endpoint')) window.__skewcheckEarlyProbe = probe();
  } catch (error) {
    window.__skewcheckEarlyProbe = Promise.resolve(null);
  }
  // The app's loader (Trunk's, in index.html) awaits this before it fetches the app's wasm.
  window.__skewcheckAppMayLoad = Promise.resolve();
  try {
    if (FIRST_MODULE && window.__skewcheckEarlyProbe && typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function') {
      startFirstModule();
    }
  } catch (error) {
    // The app draws the first verdict, as without a first module.
  }
  // The first module: fetched now, beside the early request, at high priority; the app's
  // files start once it is in and its card drawn (`__skewcheckAppMayLoad`), so the two never
  // share the connection. The module turns what this script already has into the first verdict card's
  // facts and words (crates/skewcheck-first: the core's own functions, nothing decided
  // here), and watchdog.js draws them (`__skewcheckFirstCard`, a Promise of the card or null).
  function startFirstModule() {
    var release;
    window.__skewcheckAppMayLoad = new Promise(function (resolve) {
      release = resolve;
      setTimeout(resolve, APP_WAITS_AT_MOST_MS);
    });
    // Compiled while it streams where the host serves it as application/wasm (what
    // instantiateStreaming requires), else from its bytes once they are all in.
    var compiled = fetch(FIRST_MODULE, { credentials: 'omit', priority: 'high' })
      .then(function (response) {
        if (response.status !== 200) throw new Error('the first module: HTTP ' + response.status);
        if (typeof WebAssembly.instantiateStreaming === 'function' && /^application\/wasm\b/i.test(response.headers.get('content-type') || '')) {
          return WebAssembly.instantiateStreaming(response, {});
        }
        return response.arrayBuffer().then(function (buffer) { return WebAssembly.instantiate(buffer, {}); });
      });
    compiled.then(function () { setTimeout(release, APP_WAITS_FOR_CARD_MS); }, function () { release(); });
    // The card waits for skewcheck.json as the app does (it may name another service or
    // time source), at most until the request gives up (SITE_CONFIG_TIMEOUT_MS).
    var siteFile = window.__skewcheckSiteConfig || Promise.resolve(null);
    var language = window.__skewcheckLanguage;
    window.__skewcheckFirstCard = compiled
      .then(function (result) {
        return Promise.all([window.__skewcheckEarlyProbe, siteFile, language ? language.text : null]).then(function (got) {
          if (!got[0]) return null;
          var card = firstCard(result.instance.exports, got[0], got[1], language ? language.tag : 'en', got[2]);
          var tag = card && card.needLang;
          if (typeof tag !== 'string') return card;
          // The deployment's settings chose another language than the shell's (the module
          // asks as the app will): its file, left for the app as the shell's was (src/net/
          // early.rs), then the card in it, with the document's title.
          var text = languageFile(tag);
          window.__skewcheckLanguage = { tag: tag, text: text };
          return text.then(function (langText) {
            var again = firstCard(result.instance.exports, got[0], got[1], tag, langText);
            if (!again || typeof again.needLang === 'string') return null;
            document.title = SHELL_WORDS[tag] ? SHELL_WORDS[tag].title : englishTitle || document.title;
            return again;
          });
        });
      })
      .then(null, function () { return null; });
    // The card first (drawn by watchdog.js's reaction, which follows this one), then the app:
    // its download and start-up would otherwise compete with the card's last steps.
    window.__skewcheckFirstCard.then(function () { release(); });
  }
  // One call into the module: the input as UTF-8 JSON in its memory (`first_alloc`), the
  // answer back (`first_card`: a little-endian u32 length, then UTF-8 JSON).
  function firstCard(exports, readings, site, tag, langText) {
    var input = new TextEncoder().encode(JSON.stringify({
      href: location.href.split('#')[0],
      search: location.search,
      readings: readings,
      site: site,
      lang: tag,
      langText: langText,
      wallMs: Date.now(),
      monotonicMs: performance.now(),
      userAgent: navigator.userAgent,
      languages: navigator.languages || [navigator.language || ''],
      maxTouchPoints: navigator.maxTouchPoints || 0,
      platform: navigator.platform || ''
    }));
    var at = exports.first_alloc(input.length);
    new Uint8Array(exports.memory.buffer, at, input.length).set(input);
    var answer = exports.first_card(at, input.length);
    var length = new DataView(exports.memory.buffer).getUint32(answer, true);
    return JSON.parse(new TextDecoder().decode(new Uint8Array(exports.memory.buffer, answer + 4, length)));
  }
})();
