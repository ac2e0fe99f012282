// <mirsad-explorer>: the Mirsad widget, one class for both builds.
//
// - dist/embed/mirsad.js: an ES module; the wasm is fetched next to the module.
// - dist/mirsad.html: one classic inline script (file:// refuses module scripts and
//   wasm fetches); the wasm bytes are inlined and started with initSync.
// www/build-single.mjs joins this file with wasm-bindgen's glue and a few lines that
// call `MirsadExplorer.define(backend)`; for the classic script it strips `export`.
//
// What happens where: Rust analyses, searches and renders (article HTML, snippets,
// the timeline SVG, all escaped by Rust); this file does I/O (attributes, `src`, the
// URL fragment), keeps the view state and builds the rest of the DOM with
// createElement/textContent. Only strings that Rust built and escaped go through
// innerHTML, and each such place says so.
//
// Inputs, in order of precedence: the `articles` property (`[{id, text, dct?}]`), the
// `src` attribute (a JSON array of the same, or `{articles: [...]}`), or child
// `<article data-id=".." data-dct="YYYY-MM-DD">text</article>` elements, which also
// serve as the light-DOM fallback until the widget is ready.
// Or `index="archive/"`: a folder written by `mirsad index` (thousands of articles);
// each search fetches only the index pieces it needs, an opened article is analysed
// on its own.
// Attributes: `src`, `index`, `lang` (ar|en), `hash` (mirror the view in the URL fragment:
// `#q=…&a=…&e=…&ev=…&lang=…`; the full page sets it, an embed usually does not),
// `theme` (light|dark|auto: auto follows the system; a toggle lets the reader choose),
// `height` (a CSS length, or pixels; or set --mirsad-height),
// `own-articles` (a reader may add articles: pasted, dropped or opened files, kept in
// IndexedDB, and share them in a link's fragment `#d=…`; the full page sets it).
// Analysis runs in a Web Worker when one starts (mirsad-engine.js), so every call to
// the corpus is asynchronous and each render drops an answer a newer one overtook.
// Events (bubbling, composed): `mirsad:ready` (detail: {analysis}), `mirsad:change`
// (detail: the view state, once the view shows it), `mirsad:select` (the reader chose an
// article, entity or event: detail {kind, id, name}), `mirsad:error` (detail: {message}).

const TYPES = ['PER', 'LOC', 'ORG'];
const SEARCH_DEBOUNCE_MS = 80;
const SEARCH_LIMIT = 50;
const ARCHIVE_LIMIT = 20; // each result shown is a piece to fetch
const ENTITIES_SHOWN = 8; // per type, until "show more"; keeps the timeline within reach
const NARROW_PX = 760; // keep in step with the @container query in mirsad.css
const STATE_KEYS = ['q', 'a', 'e', 'ev', 'tz', 'off', 'lang']; // tz: the timeline's window (a TIMEX3 range)
const HIGHLIGHT_KINDS = ['per', 'loc', 'org', 'date']; // legend toggles; `off` lists the hidden ones
const SHARE_KEY = 'd'; // the fragment key of shared articles (mirsad-share.js)
// As src/error.rs: the largest article and set the analysis accepts.
const ARTICLE_MAX_BYTES = 5 * 1024 * 1024;
const TOTAL_MAX_BYTES = 50 * 1024 * 1024;
const STORE_NAME = 'mirsad-articles';

// Internal: the wasm side and the analysis engine, started once per page whatever
// the number of widgets.
let backendPromise = null;
let enginePromise = null;

const utf8Length = (text) => new TextEncoder().encode(text).length;
const isHtmlName = (name) => /\.x?html?$/i.test(name);

// Internal: Intl objects are costly to build; cache them per locale and options.
const intlCache = new Map();
function intl(Kind, locale, options = {}) {
  const key = `${Kind.name}|${locale}|${JSON.stringify(options)}`;
  let f = intlCache.get(key);
  if (!f) {
    f = new Kind(locale, options);
    intlCache.set(key, f);
  }
  return f;
}

// Internal: parse `#q=..&a=..` (values encodeURIComponent'ed; '+' is a literal '+').
function parseFragment(hash) {
  const state = {};
  for (const part of String(hash).replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq);
    if (!STATE_KEYS.includes(key)) continue;
    try {
      state[key] = decodeURIComponent(part.slice(eq + 1));
    } catch {
      // A malformed escape: ignore that key rather than the whole link.
    }
  }
  return state;
}

// Internal: one raw value of the fragment (the shared articles' base64url), or ''.
function fragmentValue(hash, key) {
  for (const part of String(hash).replace(/^#/, '').split('&')) {
    if (part.startsWith(`${key}=`)) return part.slice(key.length + 1);
  }
  return '';
}

function formatFragment(state) {
  return STATE_KEYS.filter((k) => state[k] && !(k === 'lang' && state[k] === 'ar'))
    .map((k) => `${k}=${encodeURIComponent(state[k])}`)
    .join('&');
}

// Internal: Rust's article HTML cut after a paragraph's end into slices of about
// `size` characters (one slice for an ordinary article).
const READER_SLICE_CHARS = 256 * 1024;
function* paragraphSlices(html, size) {
  let from = 0;
  while (html.length - from > size) {
    const end = html.indexOf('</p>', from + size);
    if (end < 0) break;
    yield html.slice(from, end + 4);
    from = end + 4;
  }
  yield html.slice(from);
}

// Internal: the text of an inline <article>, with the markup's indentation removed.
function inlineArticleText(el) {
  return el.textContent
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

// Internal: a parsed page as the flat events of src/text/html.rs: [name, attr, value, …]
// opens an element, a string is text, 0 closes. An explicit stack, not recursion, so a
// page of 10,000 nested elements walks fine; `skip` (the widget itself) is left out.
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
function pageEvents(doc, skip = null) {
  const events = [];
  const stack = [[doc.documentElement, false]];
  while (stack.length) {
    const [node, entered] = stack.pop();
    if (entered) {
      events.push(0);
      continue;
    }
    if (node.nodeType === Node.TEXT_NODE) {
      events.push(node.data);
    } else if (node.nodeType === Node.ELEMENT_NODE && node !== skip) {
      const open = [node.localName];
      for (const a of node.attributes) open.push(a.name, a.value);
      events.push(open);
      // Void elements get no close event (as html5ever's walk in Rust).
      if (!VOID_ELEMENTS.has(node.localName)) stack.push([node, true]);
      // <template> keeps its children in .content, which is not the page's text.
      for (let c = node.lastChild; c; c = c.previousSibling) stack.push([c, false]);
    }
  }
  return events;
}

// Internal: `{id, html}` (a page's source) or `{id, events}` → `{id, text, page}` by the
// Rust extractor; `{id, text}` passes through. DOMParser documents run no script and
// load nothing.
function articleFromInput(a, wasm) {
  if (a && typeof a.html === 'string') {
    const doc = new DOMParser().parseFromString(a.html, 'text/html');
    return { ...wasm.articleFromPage(String(a.id), pageEvents(doc)), ...(a.dct ? { dct: a.dct } : {}) };
  }
  if (a && Array.isArray(a.events)) return wasm.articleFromPage(String(a.id), a.events);
  return a;
}

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export class MirsadExplorer extends HTMLElement {
  // Set by define(): {load: () => Promise<{Corpus}>, style: {href}|{text}, i18n: {ar, en}}.
  static backend = null;

  static get observedAttributes() {
    return ['lang', 'src', 'index', 'own-articles', 'theme', 'height'];
  }

  // Register the element (once) with the backend that provides wasm, CSS and strings.
  static define(backend, tag = 'mirsad-explorer', registry = customElements) {
    MirsadExplorer.backend = backend;
    if (!registry.get(tag)) registry.define(tag, MirsadExplorer);
    return MirsadExplorer;
  }

  #articles = null; // the inputs [{id, text, dct?}]
  #bundled = []; // the given articles, as analysed (after HTML extraction)
  #own = []; // the reader's own: [{id, text, dct?, page?, name, added, bytes, unsaved?}]
  #shared = []; // the articles of a shared link (#d=…), until kept
  #sharedParam = ''; // that link's value, kept in the fragment while they are shown
  #store = null; // Promise of the IndexedDB store of own articles
  #engine = null;
  #corpus = null; // the engine's corpus: {analysis, call(op, ...args), free()}
  #readerToken = 0;
  #timelineToken = 0;
  #analysisToken = 0;
  #mentionTarget = null; // the mention whose card is shown
  #rendered = Promise.resolve();
  #archive = null; // an index folder's Archive (the `index` attribute)
  #archiveBase = null; // its URL
  #archiveFiles = new Map(); // path → Promise of the file's bytes, fetched once
  #readers = new Map(); // id → Corpus of that one archived article, once opened
  #wasm = null;
  #listToken = 0; // bumps on every list render; a slower archive search then gives up
  #analysis = null;
  #byId = new Map(); // id → {input, analysis}
  #state = { q: '', a: '', e: '', ev: '', tz: '', off: '', lang: 'ar' };
  #tab = 'list';
  #ui = null; // element references
  #searchTimer = 0;
  #lastHash = null;
  #timelineWidth = 0;
  #coocToken = 0;
  #resizeObserver = null;
  #expanded = new Set(); // entity types shown in full
  #started = false;
  #generation = 0; // bumps on every (re)start; a slower earlier start then gives up
  #onHashChange = () => this.#readFragment();
  #themeChoice = null; // the reader's toggle: 'light', 'dark' or null (the attribute decides)
  #darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  #onSystemTheme = () => this.#applyTheme();

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  // The analysis object of INTERFACE.md (null until ready).
  get analysis() {
    return this.#analysis;
  }

  // The current view: {q, a, e, ev, lang}.
  get state() {
    return { ...this.#state };
  }

  get articles() {
    return this.#articles;
  }

  set articles(list) {
    this.#articles = Array.isArray(list) ? list : [];
    if (this.#started) this.#start();
  }

  connectedCallback() {
    // A property set before the element was defined shadows the accessor: re-set it.
    if (Object.prototype.hasOwnProperty.call(this, 'articles')) {
      const list = this.articles;
      delete this.articles;
      this.#articles = Array.isArray(list) ? list : [];
    }
    if (this.hasAttribute('hash')) {
      window.addEventListener('hashchange', this.#onHashChange);
      // The full page remembers the reader's theme (an embed leaves the host's storage alone).
      try {
        this.#themeChoice = ['light', 'dark'].includes(localStorage.getItem('mirsad-theme')) ? localStorage.getItem('mirsad-theme') : null;
      } catch {
        // Storage refused: the choice lasts for this page only.
      }
    }
    this.#darkQuery?.addEventListener('change', this.#onSystemTheme);
    if (!this.#started) {
      this.#started = true;
      this.#start();
    }
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#darkQuery?.removeEventListener('change', this.#onSystemTheme);
    this.#resizeObserver?.disconnect();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#started || oldValue === value) return;
    if (name === 'lang' && value) this.#setState({ lang: value === 'en' ? 'en' : 'ar' });
    if (name === 'theme') this.#applyTheme();
    if (name === 'height') this.#applyHeight();
    if (name === 'src' || name === 'index' || name === 'own-articles') this.#start();
  }

  // Resolves when the view shows the current state (renders are asynchronous).
  get updated() {
    return this.#rendered;
  }

  // Which engine analyses: 'worker' or 'thread' (null until ready).
  get engine() {
    return this.#engine?.kind ?? null;
  }

  // ---------------------------------------------------------------- start-up

  async #start() {
    const generation = ++this.#generation;
    this.#buildSkeleton();
    this.#status(this.#t('loading'));
    this.setAttribute('aria-busy', 'true');
    try {
      const index = this.getAttribute('index');
      const [collected, backend] = await Promise.all([index ? [] : this.#collectArticles(), this.#loadBackend()]);
      const { wasm } = backend;
      const [archive, engine] = await Promise.all([index ? this.#openArchive(wasm, index) : null, this.#loadEngine(backend)]);
      if (generation !== this.#generation) {
        archive?.free();
        return;
      }
      this.#wasm = wasm;
      this.#engine = engine;
      this.#bundled = collected.map((a) => articleFromInput(a, wasm));
      await this.#loadExtraArticles();
      if (generation !== this.#generation) return;
      let corpus;
      const extra = [...this.#own, ...this.#shared];
      try {
        corpus = await engine.open(this.#inputs(), (stage, n) => this.#progress(stage, n));
      } catch (err) {
        // The reader's or a link's articles must not keep the given ones from showing.
        if (!extra.length) throw err;
        this.#notice(this.#t('extra_failed', { message: err.message || String(err) }), true);
        this.#own = [];
        this.#shared = [];
        this.#sharedParam = '';
        corpus = await engine.open(this.#inputs());
      } finally {
        this.#progress(null);
      }
      if (generation !== this.#generation) {
        corpus.free();
        return;
      }
      this.#archive?.free();
      this.#archive = archive;
      this.#freeReaders();
      this.#useCorpus(corpus);
    } catch (err) {
      if (generation !== this.#generation) return;
      const message = err && err.message ? err.message : String(err);
      this.#status(this.#t('error', { message }), true);
      this.setAttribute('data-state', 'error');
      this.removeAttribute('aria-busy');
      this.#emit('mirsad:error', { message });
      return;
    }
    const initial = { ...this.#state };
    if (this.getAttribute('lang') === 'en') initial.lang = 'en';
    if (this.hasAttribute('hash')) Object.assign(initial, parseFragment(location.hash));
    this.#ui.search.value = initial.q || '';
    this.#setState(initial, { force: true });
    await this.#rendered;
    if (generation !== this.#generation) return;
    this.removeAttribute('aria-busy');
    this.setAttribute('data-state', 'ready');
    this.setAttribute('data-engine', this.#engine.kind);
    this.#emit('mirsad:ready', { analysis: this.#analysis });
  }

  // What the corpus is built from: the given articles, then the reader's, then a link's.
  #inputs() {
    const plain = (a) => ({ id: a.id, text: a.text, ...(a.dct ? { dct: a.dct } : {}), ...(a.page ? { page: a.page } : {}) });
    return [...this.#bundled, ...this.#own.map(plain), ...this.#shared.map(plain)];
  }

  #useCorpus(corpus) {
    this.#corpus = corpus;
    this.#analysis = corpus.analysis;
    this.#byId = new Map();
    const byAnalysis = new Map(this.#analysis.articles.map((a) => [a.id, a]));
    const origin = [[this.#bundled, 'given'], [this.#own, 'mine'], [this.#shared, 'shared']];
    for (const [list, kind] of origin) {
      for (const input of list) this.#byId.set(input.id, { input, info: byAnalysis.get(input.id), origin: kind });
    }
  }

  #freeReaders() {
    for (const p of this.#readers.values()) p.then((c) => c.free(), () => {});
    this.#readers.clear();
  }

  // The backend's wasm, once per page: {wasm, module?, makeWorker?}.
  #loadBackend() {
    const backend = MirsadExplorer.backend;
    if (!backend) return Promise.reject(new Error('MirsadExplorer.define(backend) was not called'));
    backendPromise ??= Promise.resolve().then(() => backend.load());
    return backendPromise;
  }

  #loadEngine({ wasm, module, makeWorker }) {
    enginePromise ??= startEngine(wasm, module, makeWorker);
    return enginePromise;
  }

  async #openArchive(wasm, index) {
    this.#archiveBase = new URL(index.endsWith('/') ? index : `${index}/`, document.baseURI);
    this.#archiveFiles = new Map();
    return wasm.Archive.open(await this.#archiveFile('index.bin'));
  }

  #archiveFile(path) {
    if (!this.#archiveFiles.has(path)) {
      this.#archiveFiles.set(path, fetch(new URL(path, this.#archiveBase)).then(async (res) => {
        if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        // The files are gzipped (unless the server inflated them on the way).
        if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
        const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
        return new Uint8Array(await new Response(inflated).arrayBuffer());
      }));
    }
    return this.#archiveFiles.get(path);
  }

  // A search of the archive: load what it asks for until it answers (at most 8 rounds).
  async #searchArchive(q) {
    const archive = this.#archive;
    const t0 = performance.now();
    for (let round = 0; round < 8; round++) {
      const res = archive.search(q, ARCHIVE_LIMIT);
      if (!res.fetch) return { ...res, took_us: Math.round((performance.now() - t0) * 1000) };
      const files = await Promise.all(res.fetch.map((f) => this.#archiveFile(f)));
      if (archive !== this.#archive) return null;
      res.fetch.forEach((f, i) => archive.load(f, files[i]));
    }
    throw new Error('the index kept asking for more files');
  }

  // An archived article, once a search loaded it: analysed alone for the reader.
  #readerCorpus(id) {
    const entry = this.#byId.get(id);
    if (!entry?.archived) return Promise.resolve(this.#corpus);
    if (!this.#readers.has(id)) this.#readers.set(id, this.#engine.open([{ id, text: entry.input.text, ...(entry.info.dct.value ? { dct: entry.info.dct.value } : {}) }]));
    return this.#readers.get(id);
  }

  async #collectArticles() {
    if (this.#articles) return this.#articles;
    // The article of the page the widget sits on (its JSON-LD, <article> or main text).
    if (this.getAttribute('source') === 'page') {
      return [{ id: location.pathname.split('/').pop() || 'page', events: pageEvents(document, this) }];
    }
    const src = this.getAttribute('src');
    if (src) {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
      const data = await res.json();
      const list = Array.isArray(data) ? data : data && data.articles;
      if (!Array.isArray(list)) throw new Error(`${src}: expected an array of {id, text}`);
      return list;
    }
    return [...this.querySelectorAll(':scope > article')].map((el, i) => {
      const article = { id: el.dataset.id || `article-${i + 1}`, text: inlineArticleText(el) };
      if (el.dataset.dct) article.dct = el.dataset.dct;
      return article;
    });
  }

  // ---------------------------------------------------------------- strings

  #strings(lang = this.#state.lang) {
    const i18n = MirsadExplorer.backend?.i18n || {};
    return (i18n[lang] || i18n.ar || { strings: {} }).strings;
  }

  // A UI string with {placeholders}; plural tables are objects keyed by Intl.PluralRules.
  #t(key, vars = {}) {
    const lang = this.#state.lang;
    let s = this.#strings(lang)[key] ?? this.#strings('ar')[key] ?? key;
    if (typeof s === 'object') {
      const cat = intl(Intl.PluralRules, lang).select(vars.n ?? 0);
      s = s[cat] ?? s.other ?? '';
    }
    return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? this.#number(vars[k]) : m));
  }

  #locale() {
    // Western digits in Arabic too, as the articles themselves use them.
    return this.#state.lang === 'en' ? 'en-GB' : 'ar-u-nu-latn';
  }

  #number(v) {
    return typeof v === 'number' ? intl(Intl.NumberFormat, this.#locale()).format(v) : String(v);
  }

  // A TIMEX-style date value (YYYY, YYYY-MM or YYYY-MM-DD) for display.
  #date(value) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value || '');
    if (!m) return value || this.#t('no_date');
    const [, y, mo, d] = m;
    const options = { timeZone: 'UTC', year: 'numeric' };
    if (mo) options.month = 'long';
    if (d) options.day = 'numeric';
    const date = new Date(Date.UTC(+y, mo ? +mo - 1 : 0, d ? +d : 1));
    return intl(Intl.DateTimeFormat, this.#locale(), options).format(date);
  }

  #title(id) {
    const entry = this.#byId.get(id);
    return (entry && entry.info && entry.info.title) || id || this.#t('untitled');
  }

  #entity(id) {
    return this.#analysis?.entities.find((e) => e.id === id) || null;
  }

  #entityName(ent) {
    if (!ent) return '';
    return this.#state.lang === 'en' && ent.name_en ? ent.name_en : ent.name;
  }

  // ---------------------------------------------------------------- skeleton

  #buildSkeleton() {
    const root = this.shadowRoot;
    root.replaceChildren();
    const style = MirsadExplorer.backend?.style || {};
    if (style.href) root.append(h('link', { rel: 'stylesheet', href: style.href }));
    else if (style.text) root.append(h('style', { text: style.text }));

    const ui = {};
    ui.name = h('h1', { class: 'name' });
    ui.tagline = h('p', { class: 'tagline' });
    ui.langButton = h('button', { type: 'button', class: 'tool lang-toggle', onclick: () => this.#setState({ lang: this.#state.lang === 'ar' ? 'en' : 'ar' }) });
    ui.themeButton = h('button', { type: 'button', class: 'tool theme-toggle', onclick: () => this.#toggleTheme() });
    ui.exportButton = h('button', { type: 'button', class: 'tool export', onclick: () => this.#export() });
    // A reader's own articles and links to the view: only where the host allows them.
    ui.mineButton = this.hasAttribute('own-articles') ? h('button', { type: 'button', class: 'tool mine', 'aria-haspopup': 'dialog', onclick: () => this.#openMine() }) : null;
    ui.linkButton = this.hasAttribute('hash') ? h('button', { type: 'button', class: 'tool copy-link', onclick: () => this.#copyLink() }) : null;
    const header = h('header', { class: 'bar' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }), h('div', {}, ui.name, ui.tagline)),
      h('div', { class: 'tools' }, ui.mineButton, ui.linkButton, ui.exportButton, ui.themeButton, ui.langButton));
    ui.noticeText = h('p', { class: 'notice-text' });
    ui.noticeClose = h('button', { type: 'button', class: 'close', onclick: () => { ui.notice.hidden = true; } }, '×');
    ui.notice = h('div', { class: 'notice', role: 'alert', hidden: true }, ui.noticeText, ui.noticeClose);
    ui.progressLabel = h('span', { class: 'progress-label', id: 'progress-label' });
    ui.progressBar = h('progress', { max: 5, value: 0, 'aria-labelledby': 'progress-label' });
    ui.progress = h('div', { class: 'progress', hidden: true }, ui.progressLabel, ui.progressBar);

    ui.tabs = {};
    const tablist = h('div', { class: 'tabs', role: 'tablist' });
    for (const tab of ['list', 'reader', 'side']) {
      ui.tabs[tab] = h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${tab}`, 'aria-controls': `pane-${tab}`, 'data-tab': tab, onclick: () => this.#showTab(tab) });
      tablist.append(ui.tabs[tab]);
    }

    // Articles pane: search, entity filter, list.
    ui.searchLabel = h('label', { class: 'visually-hidden', for: 'q' });
    ui.search = h('input', { id: 'q', class: 'search', type: 'search', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search', dir: 'auto' });
    ui.search.addEventListener('input', () => {
      clearTimeout(this.#searchTimer);
      this.#searchTimer = setTimeout(() => this.#setState({ q: ui.search.value.trim() }), SEARCH_DEBOUNCE_MS);
    });
    ui.search.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') {
        clearTimeout(this.#searchTimer);
        this.#setState({ q: ui.search.value.trim() });
      }
    });
    ui.filterLabel = h('span', { class: 'filter-label' });
    ui.filterName = h('bdi', { class: 'filter-name' });
    ui.filterClear = h('button', { type: 'button', class: 'filter-clear', onclick: () => this.#setState({ e: '' }) }, '×');
    ui.filter = h('div', { class: 'filter', hidden: true }, ui.filterLabel, ' ', ui.filterName, ui.filterClear);
    ui.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    ui.list = h('ol', { class: 'list' });
    ui.list.addEventListener('click', (ev) => {
      const item = ev.target.closest('[data-article]');
      if (item) this.#openArticle(item.dataset.article);
    });
    ui.paneList = h('section', { class: 'pane pane-list', id: 'pane-list', role: 'tabpanel', 'aria-labelledby': 'tab-list' },
      h('div', { class: 'search-box' }, ui.searchLabel, ui.search), ui.progress, ui.filter, ui.status, ui.list);

    // Reader pane.
    ui.readerEmpty = h('p', { class: 'reader-empty' });
    ui.readerTitle = h('h2', { class: 'reader-title', dir: 'auto' });
    ui.readerMeta = h('p', { class: 'reader-meta' });
    ui.legendTitle = h('span', { class: 'legend-title' });
    ui.legend = h('div', { class: 'legend' });
    ui.eventBox = h('aside', { class: 'event-box', hidden: true });
    ui.readerBody = h('div', { class: 'reader-body', dir: 'rtl', lang: 'ar' });
    ui.readerBody.addEventListener('click', (ev) => this.#onMentionActivate(ev));
    ui.readerBody.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') this.#onMentionActivate(ev);
      if (ev.key === 'Escape') this.#showMentionCard(null);
    });
    // Hover or focus on a name or a date: a card with what the analysis knows of it.
    ui.mentionCard = h('div', { class: 'mention-card', id: 'mention-card', role: 'tooltip', hidden: true });
    const mentionAt = (el) => el?.closest?.('mark.ent[data-entity], time.tx[datetime]') || null;
    for (const type of ['mouseover', 'focusin']) ui.readerBody.addEventListener(type, (ev) => this.#showMentionCard(mentionAt(ev.target)));
    for (const type of ['mouseout', 'focusout']) {
      ui.readerBody.addEventListener(type, (ev) => {
        if (mentionAt(ev.relatedTarget) !== mentionAt(ev.target)) this.#showMentionCard(mentionAt(ev.relatedTarget));
      });
    }
    ui.reader = h('article', { class: 'reader', hidden: true },
      h('header', { class: 'reader-head' }, ui.readerTitle, ui.readerMeta, ui.legend), ui.eventBox, ui.readerBody);
    ui.paneReader = h('section', { class: 'pane pane-reader', id: 'pane-reader', role: 'tabpanel', 'aria-labelledby': 'tab-reader' }, ui.readerEmpty, ui.reader, ui.mentionCard);

    // Insights pane: entities and timeline.
    ui.entitiesHeading = h('h2', { class: 'side-heading' });
    ui.entities = h('div', { class: 'entities' });
    ui.entities.addEventListener('click', (ev) => {
      const b = ev.target.closest('button[data-entity]');
      if (b) this.#toggleEntity(b.dataset.entity);
    });
    // Who appears with whom: a Rust-built matrix; a cell searches one name's
    // articles for the other.
    ui.coocHeading = h('h2', { class: 'side-heading' });
    ui.coocHint = h('p', { class: 'hint' });
    ui.cooc = h('div', { class: 'cooc-box' });
    ui.cooc.addEventListener('click', (ev) => this.#onPairActivate(ev));
    ui.cooc.addEventListener('keydown', (ev) => this.#onPairKey(ev));
    ui.timelineHeading = h('h2', { class: 'side-heading' });
    ui.timelineHint = h('p', { class: 'hint' });
    // Zoom and pan: buttons, and a press or a drag on the overview strip.
    ui.zoomButtons = {};
    for (const zoom of ['in', 'out', 'earlier', 'later', 'all']) {
      ui.zoomButtons[zoom] = h('button', { type: 'button', class: `zoom-${zoom}`, 'data-zoom': zoom, onclick: () => this.#zoom(zoom) });
    }
    ui.zoomRange = h('bdi', { class: 'zoom-range' });
    ui.zoomBar = h('div', { class: 'zoom', role: 'toolbar' }, ...Object.values(ui.zoomButtons), ui.zoomRange);
    ui.overview = h('div', { class: 'overview-box' });
    this.#bindOverview(ui.overview);
    ui.timeline = h('div', { class: 'timeline-box' });
    ui.timeline.addEventListener('click', (ev) => this.#onEventActivate(ev));
    ui.timeline.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') this.#onEventActivate(ev);
    });
    // Downloads in other tools' formats, built by Rust (src/export.rs).
    const exportButton = (format, type, file) =>
      h('button', { type: 'button', class: 'export-link', 'data-export': format, onclick: () => this.#download(this.#corpus?.call('export', format), type, file) });
    ui.entitiesExports = h('div', { class: 'exports' },
      exportButton('entities-csv', 'text/csv', 'mirsad-entities.csv'),
      exportButton('entities-json', 'application/json', 'mirsad-entities.json'));
    ui.timelineExports = h('div', { class: 'exports' },
      exportButton('timelinejs', 'application/json', 'mirsad-timeline-timelinejs.json'),
      exportButton('timeline-csv', 'text/csv', 'mirsad-timeline.csv'));
    ui.paneSide = h('section', { class: 'pane pane-side', id: 'pane-side', role: 'tabpanel', 'aria-labelledby': 'tab-side' },
      ui.entitiesHeading, ui.entities, ui.entitiesExports, ui.coocHeading, ui.coocHint, ui.cooc,
      ui.timelineHeading, ui.timelineHint, ui.zoomBar, ui.overview, ui.timeline, ui.timelineExports);

    ui.app = h('div', { class: 'app', part: 'app' }, header, ui.notice, tablist,
      h('div', { class: 'panes' }, ui.paneList, ui.paneReader, ui.paneSide));
    if (ui.mineButton) {
      // Files dropped anywhere on the widget become the reader's articles.
      const hasFiles = (ev) => [...(ev.dataTransfer?.types || [])].includes('Files');
      ui.app.addEventListener('dragover', (ev) => {
        if (!hasFiles(ev)) return;
        ev.preventDefault();
        ui.app.classList.add('dropping');
      });
      ui.app.addEventListener('dragleave', (ev) => {
        if (!ui.app.contains(ev.relatedTarget)) ui.app.classList.remove('dropping');
      });
      ui.app.addEventListener('drop', (ev) => {
        ui.app.classList.remove('dropping');
        if (!hasFiles(ev)) return;
        ev.preventDefault();
        this.#addFiles([...ev.dataTransfer.files]);
      });
    }
    root.append(ui.app);
    this.#ui = ui;
    this.#applyTheme();
    this.#applyHeight();

    this.#resizeObserver?.disconnect();
    this.#resizeObserver = new ResizeObserver(() => {
      const w = this.#sideWidth();
      if (this.#analysis && Math.abs(w - this.#timelineWidth) > 8) {
        this.#renderTimeline();
        this.#renderCooccurrence();
      }
      this.#renderTabs();
    });
    this.#resizeObserver.observe(ui.app);
    this.#renderStrings();
  }

  // ---------------------------------------------------------------- state

  // Merge `patch` into the view state, re-render, mirror it in the fragment.
  #setState(patch, { force = false } = {}) {
    const before = this.#state;
    const next = { ...before, ...patch };
    next.lang = next.lang === 'en' ? 'en' : 'ar';
    for (const k of ['q', 'a', 'e', 'ev', 'tz']) next[k] = String(next[k] ?? '');
    // Another entity's events: the window starts again from all of them.
    if (before.e !== next.e && !('tz' in patch)) next.tz = '';
    // Hidden highlight kinds, known ones only, in a fixed order (a stable link).
    const off = new Set(String(next.off ?? '').split(','));
    next.off = HIGHLIGHT_KINDS.filter((k) => off.has(k)).join(',');
    if (next.a && !this.#byId.has(next.a)) next.a = '';
    if (next.e && !this.#entity(next.e)) next.e = '';
    if (next.ev && !this.#analysis?.timeline.some((t) => t.id === next.ev)) next.ev = '';
    const changed = (k) => force || before[k] !== next[k];
    if (!STATE_KEYS.some(changed)) return this.#rendered;
    this.#state = next;
    if (this.#ui.search.value.trim() !== next.q && this.shadowRoot.activeElement !== this.#ui.search) this.#ui.search.value = next.q;

    const focus = this.#focusKey();
    const renders = [];
    if (changed('lang')) this.#renderStrings();
    if (changed('lang') || changed('q') || changed('e') || changed('a')) renders.push(this.#renderList());
    if (changed('lang') || changed('a') || changed('e') || changed('ev')) renders.push(this.#renderReader());
    if (changed('lang') || changed('e')) this.#renderEntities();
    if (changed('lang') || changed('off')) this.#renderLegend();
    if (changed('lang') || changed('e') || changed('ev') || changed('tz')) renders.push(this.#renderTimeline());
    if (changed('lang') || changed('e')) renders.push(this.#renderCooccurrence());
    this.#renderTabs();
    this.#restoreFocus(focus);
    this.#writeFragment();
    // The change is announced once the view shows it (the engine answers asynchronously).
    const selected = force ? [] : [['a', 'article'], ['e', 'entity'], ['ev', 'event']].filter(([k]) => next[k] && changed(k));
    const done = Promise.all(renders).then(() => {
      if (this.#state !== next) return;
      this.#restoreFocus(focus);
      this.#emit('mirsad:change', { ...next });
      for (const [k, kind] of selected) {
        const id = next[k];
        const name = kind === 'article' ? this.#title(id) : kind === 'entity' ? this.#entity(id)?.name : this.#analysis.timeline.find((t) => t.id === id)?.label;
        this.#emit('mirsad:select', { kind, id, name: name || '' });
      }
    });
    this.#rendered = done;
    return done;
  }

  #readFragment() {
    if (!this.#analysis || location.hash === this.#lastHash) return;
    // Another link's articles (pasted into the same tab): start again with them.
    if (fragmentValue(location.hash, SHARE_KEY) !== this.#sharedParam) {
      this.#start();
      return;
    }
    const st = parseFragment(location.hash);
    this.#setState({ q: '', a: '', e: '', ev: '', tz: '', lang: 'ar', ...st });
  }

  #writeFragment() {
    if (!this.hasAttribute('hash')) return;
    const frag = [formatFragment(this.#state), this.#sharedParam && `${SHARE_KEY}=${this.#sharedParam}`].filter(Boolean).join('&');
    const hash = frag ? `#${frag}` : '';
    if (hash === location.hash || (!hash && !location.hash)) return;
    this.#lastHash = hash;
    const url = location.href.split('#')[0] + hash;
    try {
      history.replaceState(history.state, '', url);
    } catch {
      location.replace(hash || '#'); // fragment-only: no reload, also from file://
    }
    this.#lastHash = location.hash;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // Keep keyboard focus on "the same" control across a re-render.
  #focusKey() {
    const el = this.shadowRoot.activeElement;
    if (!el || el === this.#ui.search) return null;
    if (el.hasAttribute?.('data-with')) return `[data-entity="${CSS.escape(el.dataset.entity)}"][data-with="${CSS.escape(el.dataset.with)}"]`;
    for (const attr of ['data-event', 'data-entity', 'data-article', 'data-tab', 'data-kind', 'data-zoom']) {
      if (el.hasAttribute && el.hasAttribute(attr)) return `[${attr}="${CSS.escape(el.getAttribute(attr))}"]`;
    }
    return null;
  }

  #restoreFocus(selector) {
    if (!selector || this.shadowRoot.activeElement) return;
    const el = this.shadowRoot.querySelector(`.entities ${selector}, .timeline-box ${selector}, .cooc-box ${selector}, .zoom ${selector}, .list ${selector}, .tabs ${selector}`);
    el?.focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------- actions

  #openArticle(id) {
    this.#tab = 'reader';
    // An event stays selected only if the article reports it.
    const ev = this.#state.ev && this.#eventArticles(this.#state.ev).includes(id) ? this.#state.ev : '';
    this.#ui.paneReader.scrollTop = 0;
    this.#setState({ a: id, ev })?.then(() => this.#scrollToHighlight());
  }

  #toggleEntity(id) {
    this.#tab = 'list';
    this.#setState({ e: this.#state.e === id ? '' : id });
  }

  #onMentionActivate(ev) {
    const mark = ev.target.closest('mark.ent[data-entity]');
    if (!mark || !mark.dataset.entity) return;
    ev.preventDefault();
    this.#setState({ e: this.#state.e === mark.dataset.entity ? '' : mark.dataset.entity });
  }

  #onEventActivate(ev) {
    const g = ev.target.closest('[data-event]');
    if (!g) return;
    ev.preventDefault();
    this.#selectEvent(g.getAttribute('data-event'));
  }

  #eventArticles(evId) {
    const item = this.#analysis?.timeline.find((t) => t.id === evId);
    return item ? [...new Set(item.mentions.map((m) => m.article))] : [];
  }

  #selectEvent(evId) {
    if (this.#state.ev === evId) {
      this.#setState({ ev: '' });
      return;
    }
    const articles = this.#eventArticles(evId);
    const a = articles.includes(this.#state.a) ? this.#state.a : articles[0] || this.#state.a;
    this.#tab = 'reader';
    this.#setState({ ev: evId, a })?.then(() => this.#scrollToHighlight());
  }

  // Show the event's box (at the top) and, if it is further down, its first sentence.
  #scrollToHighlight() {
    const pane = this.#ui.paneReader;
    pane.scrollTop = 0;
    const hl = this.#ui.readerBody.querySelector('.hl, mark.ent.sel');
    if (hl && hl.getBoundingClientRect().bottom > pane.getBoundingClientRect().bottom) hl.scrollIntoView({ block: 'center' });
  }

  #showTab(tab) {
    this.#tab = tab;
    this.#renderTabs();
    if (tab === 'side') {
      this.#renderTimeline();
      this.#renderCooccurrence();
    }
  }

  #export() {
    if (!this.#corpus) return;
    this.#download(this.#corpus.call('analysisJson'), 'application/json', 'mirsad-analysis.json');
  }

  // Save `text` (a string or a Promise of one) as a file.
  async #download(text, type, file) {
    try {
      text = await text;
    } catch (err) {
      this.#notice(this.#t('error_action', { message: err.message || String(err) }), true);
      return;
    }
    if (text == null) return;
    // A byte-order mark, so that spreadsheets read the CSV's Arabic as UTF-8.
    const parts = type === 'text/csv' ? ['\ufeff', text] : [text];
    const blob = new Blob(parts, { type: `${type};charset=utf-8` });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: file });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ---------------------------------------------------------------- theme, height

  #theme() {
    const choice = this.#themeChoice || this.getAttribute('theme');
    if (choice === 'dark' || choice === 'light') return choice;
    return this.#darkQuery?.matches ? 'dark' : 'light';
  }

  #applyTheme() {
    const ui = this.#ui;
    if (!ui) return;
    const theme = this.#theme();
    ui.app.dataset.theme = theme;
    ui.themeButton.setAttribute('aria-pressed', String(theme === 'dark'));
    ui.themeButton.textContent = theme === 'dark' ? '\u263C' : '\u263E'; // ☼ / ☾
  }

  #toggleTheme() {
    this.#themeChoice = this.#theme() === 'dark' ? 'light' : 'dark';
    if (this.hasAttribute('hash')) {
      try {
        localStorage.setItem('mirsad-theme', this.#themeChoice);
      } catch {
        // Not kept; it still applies now.
      }
    }
    this.#applyTheme();
  }

  // `height="600"` (pixels) or any CSS length (`80vh`); else --mirsad-height rules.
  #applyHeight() {
    const ui = this.#ui;
    if (!ui) return;
    let height = (this.getAttribute('height') || '').trim();
    if (/^\d+(\.\d+)?$/.test(height)) height = `${height}px`;
    if (height && CSS.supports('height', height)) ui.app.style.setProperty('--mirsad-height', height);
    else ui.app.style.removeProperty('--mirsad-height');
  }

  // ---------------------------------------------------------------- own articles

  #storeOpen() {
    this.#store ??= openArticleStore(STORE_NAME);
    return this.#store;
  }

  // The reader's saved articles and a shared link's, read before the analysis.
  async #loadExtraArticles() {
    this.#own = [];
    if (this.hasAttribute('own-articles')) {
      try {
        const saved = await (await this.#storeOpen()).all();
        this.#own = saved.filter((a) => a && typeof a.id === 'string' && typeof a.text === 'string');
      } catch (err) {
        this.#notice(this.#t(err.code === 'unavailable' ? 'store_unavailable' : 'store_failed', { message: err.message }), err.code !== 'unavailable');
      }
    }
    this.#shared = [];
    this.#sharedParam = '';
    const param = this.hasAttribute('hash') ? fragmentValue(location.hash, SHARE_KEY) : '';
    if (!param) return;
    try {
      const list = await decodeShared(param);
      // A link to articles this browser already has (its own, shared back) adds none twice.
      const here = new Set([...this.#bundled, ...this.#own].map((a) => a.id));
      this.#shared = list.filter((a) => !here.has(a.id)).map((a) => ({ ...a, bytes: utf8Length(a.text) }));
      this.#sharedParam = param;
      this.#notice(this.#t('shared_opened', { n: list.length }));
    } catch (err) {
      this.#notice(this.#t('shared_broken', { message: err.message || String(err) }), true);
    }
  }

  // Dropped or chosen files: text, a news page's HTML, or a JSON export of articles.
  async #addFiles(files) {
    const found = [];
    const problems = [];
    for (const file of files) {
      const isJson = /\.json$/i.test(file.name) || file.type === 'application/json';
      try {
        if (file.size > (isJson ? TOTAL_MAX_BYTES : ARTICLE_MAX_BYTES)) {
          throw new Error(this.#t('too_large', { name: file.name, mb: this.#mb(file.size), max: this.#mb(isJson ? TOTAL_MAX_BYTES : ARTICLE_MAX_BYTES) }));
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (isJson) found.push(...this.#articlesFromJson(file.name, bytes));
        else found.push(this.#articleFromFile(file.name, bytes));
      } catch (err) {
        problems.push(err.message || String(err));
      }
    }
    return this.#addArticles(found, problems);
  }

  #articleFromFile(name, bytes) {
    // Rust's check: valid UTF-8, not binary, within the limit (a message naming the file).
    const text = this.#wasm.decodeArticle(name, bytes);
    if (isHtmlName(name) || /^\s*<(!doctype\s+html|html[\s>])/i.test(text.slice(0, 512))) {
      const article = articleFromInput({ id: name, html: text }, this.#wasm);
      return { text: article.text, page: article.page, name };
    }
    return { text, name };
  }

  // `{mirsad: "articles", articles: [...]}` (what "export" writes) or `[{text, id?, dct?}]`.
  #articlesFromJson(name, bytes) {
    let data;
    try {
      data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw new Error(this.#t('json_unreadable', { name }));
    }
    const list = Array.isArray(data) ? data : data && data.articles;
    if (!Array.isArray(list)) throw new Error(this.#t('json_unreadable', { name }));
    return list.map((a, i) => {
      if (!a || typeof a.text !== 'string') throw new Error(this.#t('json_item_bad', { name, n: i + 1 }));
      return { text: a.text, name: typeof a.name === 'string' ? a.name : `${name} ${i + 1}`, dct: typeof a.dct === 'string' ? a.dct : undefined, page: a.page && typeof a.page === 'object' ? a.page : undefined };
    });
  }

  // Check, save and analyse new own articles; report what was refused and why.
  async #addArticles(found, problems = []) {
    const accepted = [];
    let total = [...this.#bundled, ...this.#own, ...this.#shared].reduce((n, a) => n + (a.bytes ?? (a.bytes = utf8Length(a.text))), 0);
    const stamp = Date.now();
    for (const a of found) {
      const name = a.name || this.#t('pasted');
      const encoded = new TextEncoder().encode(a.text);
      const bytes = encoded.length;
      try {
        if (!a.text.trim()) throw new Error(this.#t('empty_article', { name }));
        this.#wasm.decodeArticle(name, encoded); // Rust's limits and binary check
        if (a.dct && !/^\d{4}-\d{2}-\d{2}$/.test(a.dct)) throw new Error(this.#t('bad_date', { name, value: a.dct }));
        if (total + bytes > TOTAL_MAX_BYTES) throw new Error(this.#t('total_too_large', { name, max: this.#mb(TOTAL_MAX_BYTES) }));
      } catch (err) {
        problems.push(err.message || String(err));
        continue;
      }
      total += bytes;
      const id = `mine-${stamp.toString(36)}-${accepted.length + 1}`;
      accepted.push({ id, text: a.text, ...(a.dct ? { dct: a.dct } : {}), ...(a.page ? { page: a.page } : {}), name, added: stamp + accepted.length, bytes });
    }
    // Each is saved in its own transaction: a full quota refuses that one only, and
    // it is still shown until the page closes.
    let store = null;
    try {
      store = accepted.length ? await this.#storeOpen() : null;
    } catch {
      for (const a of accepted) a.unsaved = true;
      if (accepted.length) problems.push(this.#t('store_unavailable'));
    }
    for (const a of store ? accepted : []) {
      try {
        await store.put(a);
      } catch (err) {
        a.unsaved = true;
        problems.push(err.code === 'quota' ? this.#t('quota_full', { name: a.name }) : this.#t('save_failed', { name: a.name, message: err.message }));
      }
    }
    if (accepted.length) {
      this.#own.push(...accepted);
      const ok = await this.#reanalyse(accepted[0].id);
      if (!ok) {
        // Not analysable after all: take them back out, saved copies too.
        const ids = new Set(accepted.map((a) => a.id));
        this.#own = this.#own.filter((a) => !ids.has(a.id));
        for (const a of accepted) if (!a.unsaved) await store?.remove(a.id).catch(() => {});
        accepted.length = 0;
      }
    }
    const added = accepted.length ? this.#t('added', { n: accepted.length }) : '';
    const message = [added, ...problems].filter(Boolean).join(' ');
    if (message) this.#notice(message, problems.length > 0);
    if (this.#ui.mine?.dialog.open) this.#renderMine();
    return { added: accepted.map((a) => a.id), problems };
  }

  // Analyse the whole set again (entities link across all of it); the old analysis
  // answers until the new one is ready. False when the analysis failed.
  async #reanalyse(open) {
    const token = ++this.#analysisToken;
    this.setAttribute('aria-busy', 'true');
    try {
      const corpus = await this.#engine.open(this.#inputs(), (stage, n) => {
        if (token === this.#analysisToken) this.#progress(stage, n);
      });
      if (token !== this.#analysisToken) {
        corpus.free();
        return true;
      }
      const old = this.#corpus;
      this.#useCorpus(corpus);
      old?.free();
      this.#progress(null);
      await this.#setState(open ? { a: open } : {}, { force: true });
      return true;
    } catch (err) {
      if (token === this.#analysisToken) this.#progress(null);
      this.#notice(this.#t('error_action', { message: err.message || String(err) }), true);
      return false;
    } finally {
      if (token === this.#analysisToken) this.removeAttribute('aria-busy');
    }
  }

  async #deleteOwn(ids) {
    const gone = new Set(ids);
    try {
      const store = await this.#storeOpen();
      for (const id of gone) await store.remove(id);
    } catch (err) {
      if (err.code !== 'unavailable') {
        this.#notice(this.#t('save_failed', { name: '', message: err.message }), true);
        return;
      }
    }
    this.#own = this.#own.filter((a) => !gone.has(a.id));
    await this.#reanalyse();
    this.#renderMine();
  }

  // A link's articles become the reader's own (saved here).
  async #keepShared() {
    const list = this.#shared;
    this.#shared = [];
    this.#sharedParam = '';
    await this.#addArticles(list.map((a) => ({ text: a.text, dct: a.dct, name: a.name || a.id })));
    this.#writeFragment();
  }

  #exportMine() {
    const articles = [...this.#own, ...this.#shared].map(({ id, name, text, dct, page, added }) => ({ id, name, text, dct, page, added }));
    this.#download(JSON.stringify({ mirsad: 'articles', version: 1, articles }, null, 1), 'application/json', 'mirsad-my-articles.json');
  }

  // "Copy link": the view in the fragment (with a shared link's articles, if shown).
  async #copyLink() {
    this.#writeFragment();
    await this.#offerLink(location.href, null);
  }

  // "Share with my articles": the reader's articles, deflated, in the fragment.
  async #shareMine() {
    const list = [...this.#own, ...this.#shared];
    if (!list.length) {
      this.#notice(this.#t('share_nothing'), true);
      return;
    }
    let value;
    try {
      value = await encodeShared(list);
    } catch (err) {
      this.#notice(this.#t('error_action', { message: err.message || String(err) }), true);
      return;
    }
    const view = formatFragment(this.#state);
    const link = `${location.href.split('#')[0]}#${view ? `${view}&` : ''}${SHARE_KEY}=${value}`;
    if (link.length > SHARE_MAX_BYTES) {
      this.#notice(this.#t('share_too_large', { kb: this.#kb(link.length), max: this.#mb(SHARE_MAX_BYTES) }), true);
      return;
    }
    await this.#offerLink(link, link.length);
  }

  // Copy `link` and show it (selectable, for when the clipboard is refused), with its size.
  async #offerLink(link, size) {
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch {
      // Refused (no permission, an insecure context): the reader copies it from the box.
    }
    const ui = this.#ui;
    const parts = [this.#t(copied ? 'link_copied' : 'link_copy_yourself')];
    if (size !== null) parts.push(this.#t('link_size', { kb: this.#kb(size) }));
    if (size !== null && size > SHARE_WARN_BYTES) parts.push(this.#t('link_long', { kb: this.#kb(SHARE_WARN_BYTES) }));
    this.#notice(parts.join(' '), size !== null && size > SHARE_WARN_BYTES);
    const box = h('input', { class: 'link-box', type: 'text', readonly: true, dir: 'ltr', 'aria-label': this.#t('link_label'), value: link });
    ui.noticeText.append(' ', box);
    box.focus();
    box.select();
  }

  #openMine() {
    const ui = this.#ui;
    if (!ui.mine) {
      const mine = {};
      mine.title = h('h2', { id: 'mine-title' });
      mine.close = h('button', { type: 'button', class: 'close', onclick: () => mine.dialog.close() }, '×');
      mine.intro = h('p', { class: 'hint' });
      mine.pasteLabel = h('label', { for: 'mine-paste' });
      mine.paste = h('textarea', { id: 'mine-paste', rows: 6, dir: 'auto', spellcheck: 'false' });
      mine.dateLabel = h('label', { for: 'mine-date' });
      mine.date = h('input', { id: 'mine-date', type: 'date' });
      mine.add = h('button', { type: 'submit', class: 'primary' });
      mine.form = h('form', { class: 'mine-paste', onsubmit: (ev) => {
        ev.preventDefault();
        const text = mine.paste.value;
        this.#addArticles([{ text, dct: mine.date.value || undefined }]).then(({ added }) => {
          if (added.length) {
            mine.paste.value = '';
            mine.date.value = '';
          }
        });
      } }, mine.pasteLabel, mine.paste, h('div', { class: 'row' }, mine.dateLabel, mine.date, mine.add));
      mine.file = h('input', { type: 'file', multiple: true, hidden: true, accept: '.txt,.text,.html,.htm,.xhtml,.json,text/plain,text/html,application/json', onchange: () => {
        const files = [...mine.file.files];
        mine.file.value = '';
        this.#addFiles(files);
      } });
      mine.choose = h('button', { type: 'button', onclick: () => mine.file.click() });
      mine.dropHint = h('span', { class: 'hint' });
      mine.listTitle = h('h3', {});
      mine.list = h('ul', { class: 'mine-list' });
      mine.keep = h('button', { type: 'button', hidden: true, onclick: () => this.#keepShared() });
      mine.exportAll = h('button', { type: 'button', onclick: () => this.#exportMine() });
      mine.share = this.hasAttribute('hash') ? h('button', { type: 'button', onclick: () => this.#shareMine() }) : null;
      mine.clear = h('button', { type: 'button', class: 'danger', onclick: () => {
        if (confirm(this.#t('delete_all_confirm'))) this.#deleteOwn(this.#own.map((a) => a.id));
      } });
      mine.limits = h('p', { class: 'hint' });
      mine.dialog = h('dialog', { class: 'mine-dialog', 'aria-labelledby': 'mine-title' },
        h('header', {}, mine.title, mine.close), mine.intro, mine.form,
        h('div', { class: 'row files' }, mine.choose, mine.file, mine.dropHint),
        mine.limits, mine.listTitle, mine.list,
        h('div', { class: 'row tools' }, mine.keep, mine.share, mine.exportAll, mine.clear));
      ui.app.append(mine.dialog);
      ui.mine = mine;
    }
    this.#renderMine();
    ui.mine.dialog.showModal();
  }

  #renderMine() {
    const mine = this.#ui.mine;
    if (!mine) return;
    mine.dialog.setAttribute('dir', this.#ui.app.getAttribute('dir'));
    mine.dialog.setAttribute('lang', this.#state.lang);
    mine.title.textContent = this.#t('mine_heading');
    mine.close.setAttribute('aria-label', this.#t('close'));
    mine.intro.textContent = this.#t('mine_intro');
    mine.pasteLabel.textContent = this.#t('paste_label');
    mine.paste.placeholder = this.#t('paste_placeholder');
    mine.dateLabel.textContent = this.#t('date_label');
    mine.add.textContent = this.#t('add');
    mine.choose.textContent = this.#t('choose_files');
    mine.dropHint.textContent = this.#t('drop_hint');
    mine.limits.textContent = this.#t('limits', { article: this.#mb(ARTICLE_MAX_BYTES), total: this.#mb(TOTAL_MAX_BYTES) });
    const list = [...this.#own, ...this.#shared];
    mine.listTitle.textContent = this.#t('mine_count', { n: list.length });
    mine.list.replaceChildren();
    for (const a of list) {
      const title = this.#byId.get(a.id)?.info?.title || a.name || a.id;
      const facts = [this.#kbText(a.bytes ?? utf8Length(a.text))];
      if (a.unsaved) facts.push(this.#t('unsaved'));
      if (this.#shared.includes(a)) facts.push(this.#t('origin_shared'));
      mine.list.append(h('li', {},
        h('button', { type: 'button', class: 'mine-open', onclick: () => {
          mine.dialog.close();
          this.#openArticle(a.id);
        } }, h('bdi', { class: 'mine-title', text: title })),
        h('span', { class: 'mine-facts', text: facts.join(' · ') }),
        this.#own.includes(a) ? h('button', { type: 'button', class: 'mine-delete danger', 'aria-label': this.#t('delete_named', { name: title }), text: this.#t('delete'), onclick: () => this.#deleteOwn([a.id]) }) : null));
    }
    if (!list.length) mine.list.append(h('li', { class: 'empty', text: this.#t('mine_empty') }));
    mine.keep.hidden = !this.#shared.length;
    mine.keep.textContent = this.#t('keep_shared');
    mine.exportAll.textContent = this.#t('export_mine');
    mine.exportAll.disabled = !list.length;
    if (mine.share) {
      mine.share.textContent = this.#t('share_mine');
      mine.share.disabled = !list.length;
    }
    mine.clear.textContent = this.#t('delete_all');
    mine.clear.disabled = !this.#own.length;
  }

  #mb(bytes) {
    return `${this.#number(Math.round((bytes / 1048576) * 10) / 10)} MB`;
  }

  #kb(bytes) {
    return this.#number(Math.round((bytes / 1024) * 10) / 10);
  }

  #kbText(bytes) {
    return bytes >= 1048576 ? this.#mb(bytes) : `${this.#kb(bytes)} KB`;
  }

  // A message above the panes that stays until closed or replaced.
  #notice(text, isError = false) {
    const ui = this.#ui;
    ui.noticeText.textContent = text;
    ui.notice.classList.toggle('error', isError);
    ui.notice.hidden = false;
  }

  // The analysis's stage (null: done).
  #progress(stage, n = 0) {
    const ui = this.#ui;
    ui.progress.hidden = stage === null;
    if (stage === null) return;
    ui.progressBar.value = n + 1;
    ui.progressLabel.textContent = this.#t('analysing', { stage: this.#t(`stage_${stage}`), n: n + 1, of: 5 });
  }

  // ---------------------------------------------------------------- rendering

  #status(text, isError = false) {
    this.#ui.status.textContent = text;
    this.#ui.status.classList.toggle('error', isError);
  }

  #renderStrings() {
    const { lang } = this.#state;
    const ui = this.#ui;
    const dir = (MirsadExplorer.backend?.i18n?.[lang] || {}).direction || (lang === 'en' ? 'ltr' : 'rtl');
    ui.app.setAttribute('dir', dir);
    ui.app.setAttribute('lang', lang);
    ui.name.textContent = this.#t('app_name');
    ui.tagline.textContent = this.#t('tagline');
    ui.langButton.textContent = this.#t('switch_language');
    ui.langButton.setAttribute('aria-label', this.#t('switch_language_label'));
    ui.langButton.setAttribute('lang', lang === 'ar' ? 'en' : 'ar');
    for (const b of this.shadowRoot.querySelectorAll('button[data-export]')) {
      const key = `export_${b.dataset.export.replace('-', '_')}`;
      b.textContent = this.#t(key);
      b.title = this.#t(`${key}_label`);
    }
    if (ui.mineButton) {
      ui.mineButton.textContent = this.#t('mine');
      ui.mineButton.title = this.#t('mine_label');
    }
    if (ui.linkButton) {
      ui.linkButton.textContent = this.#t('copy_link');
      ui.linkButton.title = this.#t('copy_link_label');
    }
    ui.noticeClose.setAttribute('aria-label', this.#t('close'));
    ui.themeButton.setAttribute('aria-label', this.#t('theme_dark'));
    ui.themeButton.title = this.#t('theme_dark');
    if (ui.mine?.dialog.open) this.#renderMine();
    ui.exportButton.textContent = this.#t('export');
    ui.exportButton.title = this.#t('export_label');
    ui.tabs.list.textContent = this.#t('tab_articles');
    ui.tabs.reader.textContent = this.#t('tab_reader');
    ui.tabs.side.textContent = this.#t('tab_insights');
    ui.searchLabel.textContent = this.#t('search_label');
    ui.search.placeholder = this.#t('search_placeholder');
    ui.filterLabel.textContent = this.#t('filter_entity');
    ui.filterClear.setAttribute('aria-label', this.#t('clear_filter'));
    ui.filterClear.title = this.#t('clear_filter');
    ui.readerEmpty.textContent = this.#t('pick_article');
    ui.entitiesHeading.textContent = this.#t('entities_heading');
    ui.timelineHeading.textContent = this.#t('timeline_heading');
    ui.timelineHint.textContent = this.#t('timeline_hint');
    ui.coocHeading.textContent = this.#t('cooc_heading');
    ui.coocHint.textContent = this.#t('cooc_hint');
    for (const [zoom, button] of Object.entries(ui.zoomButtons)) {
      button.textContent = this.#t(`zoom_${zoom}`);
      button.title = this.#t(`zoom_${zoom}_label`);
    }
    ui.zoomBar.setAttribute('aria-label', this.#t('zoom_label'));
    this.#renderLegend();
    this.#emit('mirsad:lang', { lang, dir });
  }

  // The colour key doubles as per-type switches for the highlights.
  #renderLegend() {
    const off = new Set(this.#state.off.split(',').filter(Boolean));
    this.#ui.legend.replaceChildren(h('span', { class: 'legend-title', text: this.#t('legend') }),
      ...HIGHLIGHT_KINDS.map((k) => h('button', {
        type: 'button', class: `key key-${k}`, 'data-kind': k, 'aria-pressed': String(!off.has(k)),
        title: this.#t(off.has(k) ? 'highlight_show' : 'highlight_hide'),
        text: this.#t(`type_${k.toUpperCase()}`),
        onclick: () => {
          const now = new Set(off);
          if (now.has(k)) now.delete(k); else now.add(k);
          this.#setState({ off: [...now].join(',') });
        },
      })));
    for (const k of HIGHLIGHT_KINDS) this.#ui.readerBody.classList.toggle(`off-${k}`, off.has(k));
  }

  #renderTabs() {
    const narrow = this.#ui.app.clientWidth > 0 && this.#ui.app.clientWidth <= NARROW_PX;
    for (const [tab, button] of Object.entries(this.#ui.tabs)) {
      const active = tab === this.#tab;
      button.setAttribute('aria-selected', String(active));
      button.tabIndex = active ? 0 : -1;
      this.#ui[`pane${tab === 'list' ? 'List' : tab === 'reader' ? 'Reader' : 'Side'}`].classList.toggle('active', active);
    }
    this.#ui.app.classList.toggle('narrow', narrow);
  }

  #renderList() {
    const { q, e, a } = this.#state;
    const ui = this.#ui;
    const entity = this.#entity(e);
    ui.filter.hidden = !entity;
    if (entity) {
      ui.filterName.textContent = this.#entityName(entity);
      ui.filter.dataset.type = entity.type;
    }
    const allowed = entity ? new Set(entity.articles) : null;
    ui.list.replaceChildren();
    ui.list.classList.toggle('results', Boolean(q));

    const token = ++this.#listToken;
    if (q && this.#archive) return this.#renderArchiveResults(q, allowed, token);
    if (this.#archive) {
      this.#status(this.#t('archive_ready', { n: this.#archive.length }));
      return;
    }
    if (q) {
      return this.#corpus.call('search', q, SEARCH_LIMIT).then((res) => {
        if (token === this.#listToken) this.#renderHits(res, allowed);
      }, (err) => this.#status(this.#t('error', { message: err.message || String(err) }), true));
    }
    const ids = [...this.#byId.keys()].filter((id) => !allowed || allowed.has(id));
    this.#status(ids.length ? this.#t('articles_count', { n: ids.length }) : this.#t('no_articles'));
    for (const id of ids) {
      ui.list.append(h('li', {},
        h('button', { type: 'button', class: 'item', 'data-article': id, 'aria-current': id === a ? 'true' : null },
          h('span', { class: 'item-title', dir: 'auto', text: this.#title(id) }), this.#itemMeta(id))));
    }
  }

  async #renderArchiveResults(q, allowed, token) {
    this.#status(this.#t('searching'));
    let res;
    try {
      res = await this.#searchArchive(q);
    } catch (err) {
      this.#status(this.#t('error', { message: err.message || String(err) }), true);
      return;
    }
    if (!res || token !== this.#listToken) return; // a newer render took over
    for (const hit of res.results) {
      if (this.#byId.has(hit.article)) continue;
      const art = this.#archive.article(hit.article);
      if (art) this.#byId.set(hit.article, { input: { id: art.id, text: art.text }, archived: true, info: { id: art.id, title: art.title, outlet: art.outlet, dct: { value: art.dct, source: 'given' } } });
    }
    this.#renderHits(res, allowed);
  }

  #renderHits(res, allowed) {
    const { q, a } = this.#state;
    const ui = this.#ui;
    const hits = res.results.filter((r) => !allowed || allowed.has(r.article));
    const ms = Math.round(res.took_us / 10) / 100;
    this.#status(`${this.#t('results_count', { n: hits.length, q })} ${this.#t('search_time', { ms })}`);
    for (const hit of hits) {
      const snippet = h('p', { class: 'snippet', dir: 'rtl', lang: 'ar' });
      // Rust-built, escaped HTML in which only <mark> is markup (search.rs).
      snippet.innerHTML = hit.snippet;
      ui.list.append(h('li', {},
        h('button', { type: 'button', class: 'item', 'data-article': hit.article, 'aria-current': hit.article === a ? 'true' : null },
          h('span', { class: 'item-title', dir: 'auto', text: this.#title(hit.article) }),
          this.#itemMeta(hit.article), snippet)));
    }
  }

  #itemMeta(id) {
    const entry = this.#byId.get(id);
    const info = entry?.info;
    const meta = h('span', { class: 'item-meta' });
    if (entry?.origin === 'mine' || entry?.origin === 'shared') meta.append(h('span', { class: `badge badge-${entry.origin}`, text: this.#t(`origin_${entry.origin}`) }));
    if (info?.outlet) meta.append(h('bdi', { class: 'outlet', text: info.outlet }));
    meta.append(this.#dateElement(info?.dct));
    return meta;
  }

  // An article's publication date; one inferred from the set is marked as such (`نحو`).
  #dateElement(dct) {
    const value = dct?.value;
    const text = !value ? this.#t('no_date')
      : dct.source === 'inferred' ? `${this.#t('date_inferred_prefix')} ${this.#date(value)}` : this.#date(value);
    return h('time', {
      class: 'date', datetime: value || null, text,
      title: dct?.source && value ? this.#t(`date_source_${dct.source}`) : null,
    });
  }

  async #renderReader() {
    const { a, e, ev } = this.#state;
    const ui = this.#ui;
    const token = ++this.#readerToken;
    let html;
    try {
      html = a ? await (await this.#readerCorpus(a)).call('articleHtml', a, ev || undefined, e || undefined) : undefined;
    } catch (err) {
      if (token === this.#readerToken) this.#notice(this.#t('error_action', { message: err.message || String(err) }), true);
      return;
    }
    if (token !== this.#readerToken) return; // a newer render took over
    ui.reader.hidden = html == null;
    ui.readerEmpty.hidden = html != null;
    if (html == null) return;
    const info = this.#byId.get(a)?.info;
    ui.readerTitle.textContent = this.#title(a);
    ui.readerMeta.replaceChildren();
    if (info?.outlet) ui.readerMeta.append(h('bdi', { class: 'outlet', text: info.outlet }));
    ui.readerMeta.append(this.#dateElement(info?.dct));
    // Rust-built, escaped HTML of the article (render/article.rs): text escaped,
    // markup limited to <p>, <mark>, <time>, <bdi>, <span class="hl">, paragraphs
    // never nested. A long article goes in a slice of paragraphs at a time, the
    // page answering between slices (parsing megabytes at once froze it for seconds).
    this.#mentionTarget = null;
    ui.mentionCard.hidden = true;
    this.#renderEventBox();
    let first = true;
    for (const slice of paragraphSlices(html, READER_SLICE_CHARS)) {
      if (!first) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (token !== this.#readerToken) return;
      }
      const at = first ? null : ui.readerBody.lastElementChild;
      if (first) ui.readerBody.innerHTML = slice;
      else ui.readerBody.insertAdjacentHTML('beforeend', slice);
      first = false;
      // A date's resolved value, in words (Rust's title attribute holds the ISO value).
      const added = at ? [] : [...ui.readerBody.querySelectorAll('time.tx[datetime]')];
      for (let el = at?.nextElementSibling; el; el = el.nextElementSibling) added.push(...el.querySelectorAll('time.tx[datetime]'));
      for (const t of added) t.title = this.#date(t.dateTime);
    }
  }

  // The card for a mention (`mark.ent`) or a date (`time.tx`) under the pointer or focus.
  #showMentionCard(target) {
    const ui = this.#ui;
    const card = ui.mentionCard;
    if (target === this.#mentionTarget) return;
    this.#mentionTarget?.removeAttribute('aria-describedby');
    this.#mentionTarget = target;
    if (!target) {
      card.hidden = true;
      return;
    }
    card.replaceChildren();
    if (target.localName === 'time') {
      card.className = 'mention-card t-date';
      card.append(
        h('p', { class: 'card-name', text: this.#date(target.dateTime) }),
        h('p', { class: 'card-facts' }, `${this.#t('type_DATE')} · `, h('bdi', { dir: 'rtl', lang: 'ar', text: target.textContent })));
    } else {
      const ent = this.#entity(target.dataset.entity);
      if (!ent) {
        card.hidden = true;
        return;
      }
      const others = ent.aliases.filter((x) => x !== ent.name);
      card.className = `mention-card t-${ent.type.toLowerCase()}`;
      card.append(
        h('p', { class: 'card-name' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('bdi', { dir: 'rtl', lang: 'ar', text: ent.name })),
        ent.name_en ? h('p', { class: 'name-en' }, h('bdi', { dir: 'ltr', lang: 'en', text: ent.name_en })) : null,
        h('p', { class: 'card-facts', text: `${TYPES.includes(ent.type) ? this.#t(`type_${ent.type}`) : ent.type} · ${this.#t('mentions', { n: ent.mentions })} · ${this.#t('in_articles', { n: ent.articles.length })}` }),
        others.length ? h('p', { class: 'aliases' }, `${this.#t('aliases')}: `, ...others.slice(0, 6).flatMap((x, i) => [i ? '، ' : '', h('bdi', { text: x })])) : null);
    }
    target.setAttribute('aria-describedby', 'mention-card');
    card.hidden = false;
    // Below the mention, kept inside the pane.
    const pane = ui.paneReader;
    const box = pane.getBoundingClientRect();
    const at = target.getBoundingClientRect();
    const width = Math.min(300, pane.clientWidth - 16);
    card.style.width = `${width}px`;
    const left = Math.max(8, Math.min(at.left - box.left + at.width / 2 - width / 2, pane.clientWidth - width - 8));
    card.style.left = `${left}px`;
    card.style.top = `${at.bottom - box.top + pane.scrollTop + 6}px`;
  }

  #renderEventBox() {
    const { ev } = this.#state;
    const box = this.#ui.eventBox;
    const item = ev && this.#analysis.timeline.find((t) => t.id === ev);
    box.hidden = !item;
    box.replaceChildren();
    if (!item) return;
    const list = h('ol', { class: 'event-sources' });
    for (const m of item.mentions) {
      const text = this.#byId.get(m.article)?.input.text || '';
      const sentence = text.slice(m.start16 ?? 0, m.end16 ?? 0).trim();
      list.append(h('li', {},
        h('button', { type: 'button', class: 'source', 'data-article': m.article, 'aria-current': m.article === this.#state.a ? 'true' : null, onclick: () => this.#openArticle(m.article) },
          h('span', { class: 'source-title', dir: 'auto', text: this.#title(m.article) }),
          sentence ? h('q', { class: 'source-text', dir: 'rtl', lang: 'ar', text: sentence }) : null)));
    }
    box.append(
      h('header', {},
        h('h3', { text: this.#t('event_sources') }),
        h('button', { type: 'button', class: 'close', 'aria-label': this.#t('close'), title: this.#t('close'), onclick: () => this.#setState({ ev: '' }) }, '×')),
      h('p', { class: 'event-title' },
        h('time', { class: 'date', datetime: item.value || null, text: this.#date(item.value) }), ' ',
        h('span', { dir: 'auto', text: item.label })),
      list);
  }

  // The selected entity: its names, type, counts and the articles that mention it.
  #entityCard(ent) {
    const type = TYPES.includes(ent.type) ? this.#t(`type_${ent.type}`) : ent.type;
    const others = ent.aliases.filter((x) => x !== ent.name);
    const articles = h('ul', { class: 'card-articles' });
    ent.articles.forEach((id, i) => {
      const n = ent.article_mentions?.[i] ?? 0;
      articles.append(h('li', {},
        h('button', { type: 'button', class: 'source', 'data-article': id, 'aria-current': id === this.#state.a ? 'true' : null, onclick: () => this.#openArticle(id) },
          h('bdi', { class: 'article-title', text: this.#title(id) }), ' ',
          h('span', { class: 'count', 'aria-label': this.#t('mentions', { n }), text: this.#number(n) }))));
    });
    return h('section', { class: `entity-card t-${ent.type.toLowerCase()}`, 'aria-label': this.#t('entity_card') },
      h('header', {},
        h('h3', {}, h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('bdi', { dir: 'rtl', lang: 'ar', text: ent.name })),
        h('button', { type: 'button', class: 'close', 'aria-label': this.#t('clear_filter'), title: this.#t('clear_filter'), onclick: () => this.#setState({ e: '' }) }, '×')),
      ent.name_en ? h('p', { class: 'name-en' }, h('bdi', { dir: 'ltr', lang: 'en', text: ent.name_en })) : null,
      h('p', { class: 'card-facts', text: `${type} · ${this.#t('mentions', { n: ent.mentions })} · ${this.#t('in_articles', { n: ent.articles.length })}` }),
      others.length ? h('p', { class: 'aliases' }, `${this.#t('aliases')}: `, ...others.flatMap((x, i) => [i ? '، ' : '', h('bdi', { text: x })])) : null,
      articles);
  }

  #renderEntities() {
    const { e } = this.#state;
    const ui = this.#ui;
    ui.entities.replaceChildren();
    const entities = this.#analysis.entities;
    if (!entities.length) {
      ui.entities.append(h('p', { class: 'empty', text: this.#t('entities_empty') }));
      return;
    }
    const selected = e && this.#entity(e);
    if (selected) ui.entities.append(this.#entityCard(selected));
    const types = [...TYPES, ...new Set(entities.map((x) => x.type).filter((t) => !TYPES.includes(t)))];
    for (const type of types) {
      const group = entities.filter((x) => x.type === type).sort((x, y) => (y.salience ?? y.mentions) - (x.salience ?? x.mentions) || y.mentions - x.mentions || x.name.localeCompare(y.name, 'ar'));
      if (!group.length) continue;
      const label = TYPES.includes(type) ? this.#t(`type_${type}`) : `${this.#t('type_OTHER')} (${type})`;
      const ul = h('ul', { class: 'entity-list' });
      const full = this.#expanded.has(type) || group.length <= ENTITIES_SHOWN + 2;
      const shown = full ? group : group.filter((x, i) => i < ENTITIES_SHOWN || x.id === e);
      const most = Math.max(...group.map((x) => x.mentions), 1);
      for (const ent of shown) {
        // A bar under each name: its mentions against the most mentioned of its type.
        const bar = h('span', { class: 'share', 'aria-hidden': 'true' });
        bar.style.setProperty('--share', String(ent.mentions / most));
        ul.append(h('li', {},
          h('button', { type: 'button', class: `entity t-${type.toLowerCase()}`, 'data-entity': ent.id, 'aria-pressed': String(ent.id === e), title: ent.name_en || null },
            h('bdi', { class: 'entity-name', text: this.#entityName(ent) }),
            h('span', { class: 'count', 'aria-label': this.#t('mentions', { n: ent.mentions }), text: this.#number(ent.mentions) }), bar)));
      }
      if (!full) {
        ul.append(h('li', {}, h('button', {
          type: 'button', class: 'more', 'data-more': type,
          text: this.#t('show_more', { n: group.length - shown.length }),
          onclick: () => {
            this.#expanded.add(type);
            this.#renderEntities();
            this.#ui.entities.querySelector(`[data-type="${type}"] button[data-entity]`)?.focus();
          },
        })));
      }
      ui.entities.append(h('section', { class: `entity-group t-${type.toLowerCase()}`, 'data-type': type },
        h('h3', {}, h('span', { class: 'swatch', 'aria-hidden': 'true' }), label, ' ', h('span', { class: 'count', text: this.#number(group.length) })),
        ul));
    }
  }

  #sideWidth() {
    return Math.max(240, Math.floor(this.#ui.timeline.clientWidth || this.#ui.paneSide.clientWidth - 24 || 320));
  }

  async #renderTimeline() {
    const { e, ev, lang, tz } = this.#state;
    const ui = this.#ui;
    if (!this.#analysis) return;
    const token = ++this.#timelineToken;
    if (!this.#analysis.timeline.length) {
      ui.timeline.replaceChildren(h('p', { class: 'empty', text: this.#t('timeline_empty') }));
      ui.timelineHint.hidden = true;
      ui.zoomBar.hidden = true;
      ui.overview.replaceChildren();
      return;
    }
    ui.timelineHint.hidden = false;
    ui.zoomBar.hidden = false;
    const width = this.#sideWidth();
    let svg, overview;
    try {
      [svg, overview] = await Promise.all([
        this.#corpus.call('timelineSvg', width, ev || undefined, e || undefined, lang === 'en', tz || undefined),
        this.#corpus.call('timelineOverviewSvg', width, e || undefined, tz || undefined, lang === 'en'),
      ]);
    } catch (err) {
      if (token === this.#timelineToken) this.#notice(this.#t('error_action', { message: err.message || String(err) }), true);
      return;
    }
    if (token !== this.#timelineToken) return;
    this.#timelineWidth = width;
    // Rust-built SVG (render/timeline_svg.rs, timeline_overview.rs): every label escaped by Rust.
    ui.timeline.innerHTML = svg;
    ui.timeline.querySelector('svg')?.setAttribute('aria-label', this.#t('timeline_heading'));
    ui.overview.innerHTML = overview;
    const [from, to] = tz.split('/');
    ui.zoomRange.textContent = tz ? `${this.#date(from)} – ${this.#date(to)}` : this.#t('zoom_everything');
    // Everything shown: only zooming in changes anything.
    for (const zoom of ['out', 'earlier', 'later', 'all']) ui.zoomButtons[zoom].disabled = !tz;
  }

  // Zoom or pan the timeline (the window's arithmetic is Rust's: timeline_overview.rs).
  async #zoom(zoom) {
    if (!this.#corpus) return;
    const { e, tz } = this.#state;
    try {
      const next = await this.#corpus.call('timelineZoom', zoom, e || undefined, tz || undefined);
      if (this.#state.tz === tz && this.#state.e === e) await this.#setState({ tz: next });
    } catch (err) {
      this.#notice(this.#t('error_action', { message: err.message || String(err) }), true);
    }
  }

  // A press on the strip centres the window there; a drag moves it along.
  #bindOverview(box) {
    let pressed = false;
    let busy = false;
    const at = (ev) => {
      const svg = box.querySelector('svg');
      if (!svg || busy) return;
      const r = svg.getBoundingClientRect();
      // The strip's time axis runs from data-x0 (earliest) to data-x1, in its own units.
      const [x0, x1] = [+svg.dataset.x0, +svg.dataset.x1];
      if (!r.width || !(x1 - x0)) return;
      busy = true;
      const x = ((ev.clientX - r.left) * svg.viewBox.baseVal.width) / r.width;
      const share = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
      this.#zoom(`at:${Math.round(share * 10000)}`).finally(() => { busy = false; });
    };
    box.addEventListener('pointerdown', (ev) => {
      if (!this.#state.tz) return; // everything shown: nothing to move
      pressed = true;
      box.setPointerCapture?.(ev.pointerId);
      at(ev);
    });
    box.addEventListener('pointermove', (ev) => { if (pressed) at(ev); });
    for (const type of ['pointerup', 'pointercancel']) box.addEventListener(type, () => { pressed = false; });
  }

  async #renderCooccurrence() {
    const { e, lang } = this.#state;
    const ui = this.#ui;
    if (!this.#analysis) return;
    const token = ++this.#coocToken;
    let svg;
    try {
      svg = await this.#corpus.call('cooccurrenceSvg', this.#sideWidth(), e || undefined, lang === 'en');
    } catch (err) {
      if (token === this.#coocToken) this.#notice(this.#t('error_action', { message: err.message || String(err) }), true);
      return;
    }
    if (token !== this.#coocToken) return;
    ui.coocHint.hidden = !svg;
    if (!svg) {
      ui.cooc.replaceChildren(h('p', { class: 'empty', text: this.#t('cooc_empty') }));
      return;
    }
    // Rust-built SVG (render/cooccurrence_svg.rs): every name escaped by Rust.
    ui.cooc.innerHTML = svg;
    ui.cooc.querySelector('svg')?.setAttribute('aria-label', this.#t('cooc_heading'));
    for (const name of ui.cooc.querySelectorAll('text[data-entity]')) {
      name.addEventListener('click', () => this.#toggleEntity(name.dataset.entity));
    }
  }

  // A cell: the articles of its row's entity, searched for its column's.
  #onPairActivate(ev) {
    const cell = ev.target.closest?.('g.pair[data-with]');
    if (!cell) return;
    ev.preventDefault();
    const other = this.#entity(cell.dataset.with);
    if (!other) return;
    this.#tab = 'list';
    this.#setState({ e: cell.dataset.entity, q: other.name });
  }

  // Arrow keys move inside the grid (one tab stop for the whole matrix).
  #onPairKey(ev) {
    const cell = ev.target.closest?.('g.pair[data-row]');
    if (!cell) return;
    if (ev.key === 'Enter' || ev.key === ' ') {
      this.#onPairActivate(ev);
      return;
    }
    const rtl = this.#state.lang !== 'en';
    const steps = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, rtl ? 1 : -1], ArrowRight: [0, rtl ? -1 : 1] };
    const step = steps[ev.key];
    if (!step) return;
    ev.preventDefault();
    const cells = new Map([...this.#ui.cooc.querySelectorAll('g.pair[data-row]')].map((g) => [`${g.dataset.row},${g.dataset.col}`, g]));
    const n = this.#ui.cooc.querySelectorAll('text.row-name').length;
    let [r, c] = [+cell.dataset.row, +cell.dataset.col];
    for (let i = 0; i < n; i++) {
      r += step[0];
      c += step[1];
      if (r < 0 || c < 0 || r >= n || c >= n) return;
      const next = cells.get(`${r},${c}`);
      if (next) {
        cell.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
        return;
      }
    }
  }
}
