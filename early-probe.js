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
  // Rust's str::trim (Unicode White_Space, not String#trim's set).
  var RUST_WHITESPACE = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  function rustTrim(text) {
    return text.replace(RUST_WHITESPACE, '');
  }
  // The shell's words (index.html, watchdog.js) in every language the page speaks: the early
  // script picks one as the app will (src/language.rs, crates/skewcheck-core/src/lang.rs: the
  // link's `lang`, else navigator.languages; the deployment's `language` only the app reads),
  // sets <html lang dir> at once, and the watchdog writes them into the shell (it runs right
  // after the shell, before the first paint). English is index.html's own. Apple's labels in
  // the Lockdown Mode and update steps are followed by the English ones in parentheses: not
  // confirmed against Apple's localized guides here.
  var SHELL_WORDS = {
    es: {
      title: 'skewcheck — ¿la hora de este dispositivo es correcta?',
      heading: '¿La hora de este dispositivo es correcta?',
      lede: 'skewcheck compara el reloj de este dispositivo con un servidor de hora y te dice si se aceptarán las subidas firmadas.',
      status: 'Comprobando el reloj de este dispositivo…',
      progress: 'Descargando la comprobación del reloj',
      slow: 'Todavía descargando: la conexión es lenta. Mantén esta página abierta.',
      noWasm: 'Este navegador no permite que se ejecute la comprobación del reloj',
      noWasmWhy: 'La comprobación necesita WebAssembly, que este navegador tiene desactivado. Ocurre en el Modo de aislamiento (Lockdown Mode) del iPhone y el iPad, y en algunos navegadores gestionados por una organización.',
      noWasmLockdown: 'En iPhone o iPad con el Modo de aislamiento: en Safari, toca <strong>aA</strong> en la barra de direcciones, luego <strong>Ajustes del sitio web</strong> (Website Settings) y desactiva <strong>Modo de aislamiento</strong> (Lockdown Mode) para este sitio. La página se vuelve a cargar y la comprobación se ejecuta.',
      noWasmManaged: 'En un dispositivo gestionado: abre este enlace en otro navegador o pide a tu departamento de informática que permita WebAssembly para este sitio.',
      tooOld: 'Este navegador es demasiado antiguo para la comprobación del reloj',
      tooOldIos: 'En iPhone o iPad: actualiza a iOS / iPadOS 15 o posterior (Ajustes › General › Actualización de software), y vuelve a abrir este enlace.',
      tooOldOther: 'Si no: abre este enlace en Safari, Chrome, Edge o Firefox actualizados.',
      loadFailed: 'No se pudo iniciar la comprobación del reloj',
      loadFailedWhy: 'Una parte de la página no se cargó o no funciona en este navegador.',
      loadFailedReload: 'Vuelve a cargar la página. Si la conexión es mala, inténtalo de nuevo donde sea mejor.',
      loadFailedOther: 'Si sigue fallando, abre este enlace en otro navegador (Safari, Chrome, Edge o Firefox).',
      detail: 'Detalle técnico: '
    },
    fr: {
      title: 'skewcheck — l’horloge de cet appareil est-elle juste ?',
      heading: 'L’horloge de cet appareil est-elle juste ?',
      lede: 'skewcheck compare l’horloge de cet appareil à un serveur de temps et vous dit si les envois signés seront acceptés.',
      status: 'Vérification de l’horloge de cet appareil…',
      progress: 'Téléchargement de la vérification de l’horloge',
      slow: 'Téléchargement en cours : la connexion est lente. Gardez cette page ouverte.',
      noWasm: 'Ce navigateur ne permet pas d’exécuter la vérification de l’horloge',
      noWasmWhy: 'La vérification a besoin de WebAssembly, que ce navigateur a désactivé. C’est le cas en mode Isolement (Lockdown Mode) sur iPhone et iPad, et dans certains navigateurs gérés par une organisation.',
      noWasmLockdown: 'Sur iPhone ou iPad en mode Isolement : dans Safari, touchez <strong>aA</strong> dans la barre d’adresse, puis <strong>Réglages du site web</strong> (Website Settings), et désactivez le <strong>mode Isolement</strong> (Lockdown Mode) pour ce site. La page se recharge et la vérification s’exécute.',
      noWasmManaged: 'Sur un appareil géré : ouvrez ce lien dans un autre navigateur, ou demandez à votre service informatique d’autoriser WebAssembly pour ce site.',
      tooOld: 'Ce navigateur est trop ancien pour la vérification de l’horloge',
      tooOldIos: 'Sur iPhone ou iPad : mettez à jour vers iOS / iPadOS 15 ou ultérieur (Réglages › Général › Mise à jour logicielle), puis rouvrez ce lien.',
      tooOldOther: 'Sinon : ouvrez ce lien dans Safari, Chrome, Edge ou Firefox à jour.',
      loadFailed: 'La vérification de l’horloge n’a pas pu démarrer',
      loadFailedWhy: 'Une partie de la page ne s’est pas chargée ou ne fonctionne pas dans ce navigateur.',
      loadFailedReload: 'Rechargez la page. Si la connexion est mauvaise, réessayez là où elle est meilleure.',
      loadFailedOther: 'Si cela échoue encore, ouvrez ce lien dans un autre navigateur (Safari, Chrome, Edge ou Firefox).',
      detail: 'Détail technique : '
    },
    de: {
      title: 'skewcheck — geht die Uhr dieses Geräts richtig?',
      heading: 'Geht die Uhr dieses Geräts richtig?',
      lede: 'skewcheck vergleicht die Uhr dieses Geräts mit einem Zeitserver und sagt Ihnen, ob signierte Uploads angenommen werden.',
      status: 'Die Uhr dieses Geräts wird geprüft …',
      progress: 'Die Uhrprüfung wird heruntergeladen',
      slow: 'Der Download läuft noch: Die Verbindung ist langsam. Lassen Sie diese Seite geöffnet.',
      noWasm: 'Dieser Browser lässt die Uhrprüfung nicht laufen',
      noWasmWhy: 'Die Prüfung braucht WebAssembly, das in diesem Browser ausgeschaltet ist. Das ist im Blockierungsmodus (Lockdown Mode) auf iPhone und iPad so und in manchen Browsern, die eine Organisation verwaltet.',
      noWasmLockdown: 'Auf iPhone oder iPad im Blockierungsmodus: Tippen Sie in Safari in der Adressleiste auf <strong>aA</strong>, dann auf <strong>Website-Einstellungen</strong> (Website Settings), und schalten Sie <strong>Blockierungsmodus</strong> (Lockdown Mode) für diese Website aus. Die Seite lädt neu und die Prüfung läuft.',
      noWasmManaged: 'Auf einem verwalteten Gerät: Öffnen Sie diesen Link in einem anderen Browser oder bitten Sie Ihre IT-Abteilung, WebAssembly für diese Website zu erlauben.',
      tooOld: 'Dieser Browser ist für die Uhrprüfung zu alt',
      tooOldIos: 'Auf iPhone oder iPad: Aktualisieren Sie auf iOS / iPadOS 15 oder neuer (Einstellungen › Allgemein › Softwareupdate) und öffnen Sie diesen Link dann erneut.',
      tooOldOther: 'Sonst: Öffnen Sie diesen Link in einem aktuellen Safari, Chrome, Edge oder Firefox.',
      loadFailed: 'Die Uhrprüfung konnte nicht starten',
      loadFailedWhy: 'Ein Teil der Seite wurde nicht geladen oder läuft in diesem Browser nicht.',
      loadFailedReload: 'Laden Sie die Seite neu. Ist die Verbindung schlecht, versuchen Sie es dort, wo sie besser ist.',
      loadFailedOther: 'Scheitert es weiterhin, öffnen Sie diesen Link in einem anderen Browser (Safari, Chrome, Edge oder Firefox).',
      detail: 'Technisches Detail: '
    },
    'pt-BR': {
      title: 'skewcheck — o relógio deste dispositivo está certo?',
      heading: 'O relógio deste dispositivo está certo?',
      lede: 'O skewcheck compara o relógio deste dispositivo com um servidor de hora e diz se os envios assinados serão aceitos.',
      status: 'Verificando o relógio deste dispositivo…',
      progress: 'Baixando a verificação do relógio',
      slow: 'Ainda baixando: a conexão está lenta. Mantenha esta página aberta.',
      noWasm: 'Este navegador não permite que a verificação do relógio seja executada',
      noWasmWhy: 'A verificação precisa de WebAssembly, que este navegador desativou. Isso acontece no Modo de Isolamento (Lockdown Mode) do iPhone e do iPad e em alguns navegadores gerenciados por uma organização.',
      noWasmLockdown: 'No iPhone ou iPad no Modo de Isolamento: no Safari, toque em <strong>aA</strong> na barra de endereços, depois em <strong>Ajustes do Site</strong> (Website Settings), e desative o <strong>Modo de Isolamento</strong> (Lockdown Mode) para este site. A página é recarregada e a verificação é executada.',
      noWasmManaged: 'Em um dispositivo gerenciado: abra este link em outro navegador ou peça ao seu departamento de TI para permitir WebAssembly neste site.',
      tooOld: 'Este navegador é antigo demais para a verificação do relógio',
      tooOldIos: 'No iPhone ou iPad: atualize para o iOS / iPadOS 15 ou posterior (Ajustes › Geral › Atualização de Software) e abra este link de novo.',
      tooOldOther: 'Caso contrário: abra este link em um Safari, Chrome, Edge ou Firefox atualizado.',
      loadFailed: 'Não foi possível iniciar a verificação do relógio',
      loadFailedWhy: 'Uma parte da página não carregou ou não funciona neste navegador.',
      loadFailedReload: 'Recarregue a página. Se a conexão estiver ruim, tente de novo onde ela for melhor.',
      loadFailedOther: 'Se ainda falhar, abra este link em outro navegador (Safari, Chrome, Edge ou Firefox).',
      detail: 'Detalhe técnico: '
    },
    ja: {
      title: 'skewcheck — このデバイスの時計は正確ですか？',
      heading: 'このデバイスの時計は正確ですか？',
      lede: 'skewcheck はこのデバイスの時計を時刻サーバーと比べ、署名付きアップロードが受け付けられるかどうかをお知らせします。',
      status: 'このデバイスの時計を確認しています…',
      progress: '時計の確認をダウンロードしています',
      slow: 'ダウンロード中です。接続が遅くなっています。このページを開いたままにしてください。',
      noWasm: 'このブラウザでは時計の確認を実行できません',
      noWasmWhy: '確認には WebAssembly が必要ですが、このブラウザではオフになっています。iPhone や iPad のロックダウンモード（Lockdown Mode）や、組織が管理する一部のブラウザで起こります。',
      noWasmLockdown: 'ロックダウンモードの iPhone や iPad では: Safari のアドレスバーで <strong>aA</strong> をタップし、<strong>Webサイトの設定</strong>（Website Settings）で、このサイトの<strong>ロックダウンモード</strong>（Lockdown Mode）をオフにしてください。ページが再読み込みされ、確認が実行されます。',
      noWasmManaged: '管理されているデバイスでは: このリンクを別のブラウザで開くか、このサイトで WebAssembly を許可するよう IT 部門に依頼してください。',
      tooOld: 'このブラウザは時計の確認には古すぎます',
      tooOldIos: 'iPhone や iPad では: iOS / iPadOS 15 以降にアップデートしてから（設定 › 一般 › ソフトウェアアップデート）、このリンクをもう一度開いてください。',
      tooOldOther: 'それ以外では: 最新の Safari、Chrome、Edge、Firefox でこのリンクを開いてください。',
      loadFailed: '時計の確認を開始できませんでした',
      loadFailedWhy: 'ページの一部が読み込まれなかったか、このブラウザで動作しませんでした。',
      loadFailedReload: 'ページを再読み込みしてください。接続が悪い場合は、接続のよい場所でもう一度お試しください。',
      loadFailedOther: 'それでも失敗する場合は、別のブラウザ（Safari、Chrome、Edge、Firefox）でこのリンクを開いてください。',
      detail: '技術的な詳細: '
    },
    'zh-CN': {
      title: 'skewcheck — 这台设备的时钟准吗？',
      heading: '这台设备的时钟准吗？',
      lede: 'skewcheck 将这台设备的时钟与时间服务器对比，并告诉您签名上传是否会被接受。',
      status: '正在检查这台设备的时钟…',
      progress: '正在下载时钟检查',
      slow: '仍在下载：网络连接较慢。请保持此页面打开。',
      noWasm: '此浏览器不允许运行时钟检查',
      noWasmWhy: '检查需要 WebAssembly，而此浏览器已将其关闭。iPhone 和 iPad 的锁定模式（Lockdown Mode）以及一些由机构管理的浏览器会这样。',
      noWasmLockdown: '在锁定模式下的 iPhone 或 iPad 上：在 Safari 中轻点地址栏里的 <strong>aA</strong>，再轻点<strong>网站设置</strong>（Website Settings），为此网站关闭<strong>锁定模式</strong>（Lockdown Mode）。页面会重新载入并运行检查。',
      noWasmManaged: '在受管理的设备上：请用其他浏览器打开此链接，或请您的 IT 部门为此网站允许 WebAssembly。',
      tooOld: '此浏览器太旧，无法运行时钟检查',
      tooOldIos: '在 iPhone 或 iPad 上：请更新到 iOS / iPadOS 15 或更高版本（设置 › 通用 › 软件更新），然后重新打开此链接。',
      tooOldOther: '其他设备：请在最新版的 Safari、Chrome、Edge 或 Firefox 中打开此链接。',
      loadFailed: '时钟检查未能启动',
      loadFailedWhy: '页面的一部分没有载入，或无法在此浏览器中运行。',
      loadFailedReload: '请重新载入页面。如果网络连接不好，请换到连接更好的地方再试。',
      loadFailedOther: '如果仍然失败，请在其他浏览器（Safari、Chrome、Edge 或 Firefox）中打开此链接。',
      detail: '技术细节：'
    },
    ar: {
      title: 'skewcheck — هل ساعة هذا الجهاز مضبوطة؟',
      heading: 'هل ساعة هذا الجهاز مضبوطة؟',
      lede: 'يقارن skewcheck ساعة هذا الجهاز بخادم وقت ويخبرك هل ستُقبل عمليات الرفع الموقّعة.',
      status: 'جارٍ فحص ساعة هذا الجهاز…',
      progress: 'جارٍ تنزيل فحص الساعة',
      slow: 'ما زال التنزيل جاريًا: الاتصال بطيء. أبقِ هذه الصفحة مفتوحة.',
      noWasm: 'هذا المتصفح لا يسمح بتشغيل فحص الساعة',
      noWasmWhy: 'يحتاج الفحص إلى WebAssembly، وهو متوقف في هذا المتصفح. يحدث ذلك في وضع المنع (Lockdown Mode) على iPhone وiPad، وفي بعض المتصفحات التي تديرها مؤسسة.',
      noWasmLockdown: 'على iPhone أو iPad في وضع المنع: في Safari، اضغط على <strong>aA</strong> في شريط العنوان، ثم <strong>إعدادات موقع الويب</strong> (Website Settings)، وأوقف <strong>وضع المنع</strong> (Lockdown Mode) لهذا الموقع. يُعاد تحميل الصفحة ويعمل الفحص.',
      noWasmManaged: 'على جهاز مُدار: افتح هذا الرابط في متصفح آخر، أو اطلب من قسم تقنية المعلومات السماح بـ WebAssembly لهذا الموقع.',
      tooOld: 'هذا المتصفح أقدم من أن يشغّل فحص الساعة',
      tooOldIos: 'على iPhone أو iPad: حدّث إلى iOS / iPadOS 15 أو أحدث (الإعدادات › عام › تحديث البرنامج) (Settings › General › Software Update)، ثم افتح هذا الرابط مرة أخرى.',
      tooOldOther: 'وإلا: افتح هذا الرابط في إصدار حديث من Safari أو Chrome أو Edge أو Firefox.',
      loadFailed: 'تعذّر بدء فحص الساعة',
      loadFailedWhy: 'جزء من الصفحة لم يُحمَّل أو لا يعمل في هذا المتصفح.',
      loadFailedReload: 'أعد تحميل الصفحة. إذا كان الاتصال ضعيفًا، فحاول مرة أخرى في مكان أفضل اتصالًا.',
      loadFailedOther: 'إذا استمر الفشل، فافتح هذا الرابط في متصفح آخر (Safari أو Chrome أو Edge أو Firefox).',
      detail: 'تفاصيل تقنية: '
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
  try {
    var shellTag = shellLanguage();
    document.documentElement.setAttribute('lang', shellTag);
    document.documentElement.setAttribute('dir', shellTag === 'ar' ? 'rtl' : 'ltr');
    var shellWords = SHELL_WORDS[shellTag];
    if (shellWords) {
      document.title = shellWords.title;
      // For watchdog.js, which writes them into the shell once it is parsed.
      window.__skewcheckShellWords = shellWords;
      // The language's file, fetched now, in parallel with the wasm (src/net/early.rs takes
      // it): same origin, revalidated, no cookies, as src/net.rs fetch_language asks.
      window.__skewcheckLanguage = {
        tag: shellTag,
        text: fetch('lang/' + shellTag + '.json', { cache: 'no-cache', credentials: 'omit', redirect: 'follow' })
          .then(function (response) { return response.status === 200 ? response.text() : null; })
          .then(null, function () { return null; })
      };
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
    if (permalink || new URLSearchParams(location.search).has('endpoint')) return;
    // A Promise of the readings, or of null when the request failed.
    window.__skewcheckEarlyProbe = probe();
  } catch (error) {
    window.__skewcheckEarlyProbe = Promise.resolve(null);
  }
})();
