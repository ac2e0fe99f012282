// The engines of the search benchmark, as the harness page (bench.html) drives them.
// Each adapter: {label, corpus: does it index the corpus JSON in the page?,
//   load(ctx) → library loaded, build(articles) → index built,
//   search(query, k) → ids of the top k articles, memory?() → extra bytes to report,
//   report?(queries, k) → more fields for the result, after the timed passes}.
// Every library is loaded from this server (node_modules or bench/search/out/),
// never from a CDN. Each engine indexes the same article text (`text`, whose first
// line is the title); the field-aware engines also get `title` with the boost their
// README shows.

/** Load a classic (UMD) script; resolves when it ran. */
function script(src) {
  return new Promise((ok, fail) => {
    const el = document.createElement('script');
    el.src = src;
    el.onload = () => ok();
    el.onerror = () => fail(new Error(`cannot load ${src}`));
    document.head.append(el);
  });
}

// Engines without a phrase operator get the query without its quotation marks
// (a quote glued to a word would otherwise be part of the searched term).
const unquote = (q) => q.replace(/["“”«»]/gu, ' ').replace(/\s+/gu, ' ').trim();

/** Gzipped bytes (1f 8b) inflated; anything else as it is. */
async function inflate(bytes) {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export const ENGINES = {
  // Mirsad: the wasm-bindgen `--target web` API of dist/pkg: `SearchIndex` (search
  // only, no analysis), built in the page from the corpus JSON at every size. A build
  // without it falls back to `Corpus` (names, dates, timeline, then the search index);
  // the note says which API ran.
  // Matching (src/search/mod.rs): folded forms, readings without clitics, light
  // stems, transliteration keys, prefix of the last word, typo edits; "…" phrases.
  mirsad: {
    label: 'Mirsad',
    corpus: true,
    async load(ctx) {
      const mod = await import('/pkg/mirsad.js');
      this.wasm = await mod.default(); // init() resolves to the wasm exports (with `memory`)
      this.mod = mod;
      this.kind = typeof mod.SearchIndex === 'function' ? 'SearchIndex' : 'Corpus';
      ctx.note(`${this.kind} API`);
    },
    build(articles) {
      const input = articles.map((a) => (a.dct ? { id: a.id, text: a.text, dct: a.dct } : { id: a.id, text: a.text }));
      this.index = this.kind === 'SearchIndex' ? new this.mod.SearchIndex(input) : new this.mod.Corpus(input);
    },
    search(q, k) {
      return this.index.search(q, k).results.map((r) => r.article);
    },
    memory() {
      return { wasm: this.wasm?.memory?.buffer?.byteLength ?? null };
    },
  },

  // Mirsad's static archive (src/search/archive.rs, the `Archive` API of dist/pkg):
  // run.mjs writes each article as out/mirsad-txt-<size>/<id>.txt and builds the
  // archive natively with `mirsad index … -o out/mirsad-archive-<size>` (timed, like
  // Pagefind's Node build). In the page: fetch index.bin, `Archive.open`, then per
  // query `search` answers `{fetch: [paths]}` (fetched in parallel, each given to
  // `load`) until it answers the results; at most 8 rounds. The CLI writes every .bin
// gzipped and this server sends them as they are (no Content-Encoding), so the page
// inflates them with DecompressionStream('gzip'), as a site's reader would. Result ids are the file
  // names (`<id>.txt`). Every query's time is the whole loop, fetches included.
  // The harness's untimed first pass is this engine's cold pass (pieces are fetched
  // as the session needs them, in query order): it records its own times, rounds and
  // fetched paths there; the timed passes after it are warm (everything loaded). Then
  // `report()` runs every query once more on a fresh `Archive` each (index.bin kept),
  // for each query's own bytes, independent of what earlier queries loaded.
  archive: {
    label: 'Mirsad archive (static index)',
    corpus: false,
    async load(ctx) {
      const mod = await import('/pkg/mirsad.js');
      this.wasm = await mod.default();
      this.mod = mod;
      if (typeof mod.Archive !== 'function') throw new Error('dist/pkg/mirsad.js exports no Archive');
      this.base = `/bench/out/mirsad-archive-${ctx.sizeName}/`;
      this.queries = ctx.queries; // the first pass: that many calls
    },
    async build() {
      // Opening is part of the build: fetch index.bin and read it.
      const res = await fetch(`${this.base}index.bin`);
      if (!res.ok) throw new Error(`index.bin: HTTP ${res.status}`);
      const wire = new Uint8Array(await res.arrayBuffer());
      this.indexWire = wire.byteLength;
      this.manifest = await inflate(wire);
      this.archive = this.mod.Archive.open(this.manifest);
      this.cold = [];
      this.warmFetches = 0;
    },
    /** The fetch loop on `archive`: {ids, rounds, paths, bytes}. */
    async loop(archive, q, k) {
      const paths = [];
      let bytes = 0;
      for (let round = 0; round < 8; round++) {
        const step = archive.search(q, k);
        if (!step.fetch) {
          const ids = step.results.map((r) => r.article.replace(/\.txt$/u, ''));
          return { ids, rounds: round, paths, bytes };
        }
        const got = await Promise.all(
          step.fetch.map(async (path) => {
            const res = await fetch(this.base + path);
            if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
            const wire = new Uint8Array(await res.arrayBuffer());
            return [path, wire.byteLength, await inflate(wire)];
          }),
        );
        for (const [path, n, buf] of got) {
          archive.load(path, buf);
          paths.push(path);
          bytes += n;
        }
      }
      throw new Error(`${q}: still fetching after 8 rounds`);
    },
    async search(q, k) {
      const first = this.cold.length < this.queries;
      const t0 = performance.now();
      let r;
      try {
        r = await this.loop(this.archive, q, k);
      } catch (e) {
        if (first) this.cold.push({ error: String(e?.message || e) });
        throw e;
      }
      const ms = performance.now() - t0;
      if (first) this.cold.push({ ms, rounds: r.rounds, paths: r.paths, bytes: r.bytes });
      else this.warmFetches += r.paths.length; // none expected: the first pass loaded them
      return r.ids;
    },
    async report(queries, k) {
      const isolated = [];
      for (const q of queries) {
        const fresh = this.mod.Archive.open(this.manifest);
        const t0 = performance.now();
        try {
          const r = await this.loop(fresh, q.q, k);
          isolated.push({ ms: performance.now() - t0, rounds: r.rounds, paths: r.paths, bytes: r.bytes });
        } catch (e) {
          isolated.push({ error: String(e?.message || e) });
        } finally {
          fresh.free();
        }
      }
      const wasmAfterQueries = this.wasm?.memory?.buffer?.byteLength ?? null;
      return { archive: { indexBytes: this.indexWire, indexInflated: this.manifest.byteLength, cold: this.cold, warmFetches: this.warmFetches, isolated, wasmAfterQueries } };
    },
    memory() {
      return { wasm: this.wasm?.memory?.buffer?.byteLength ?? null };
    },
  },

  // MiniSearch 7 (https://lucaong.github.io/minisearch/ and its README): the default
  // tokenizer already splits on Unicode space and punctuation (`\p{Z}\p{P}`), which
  // suits Arabic script; the README has no Arabic stemmer or normalizer to add, so
  // terms stay as written (lower-cased). Search options as the README's "search
  // options" section shows for search-as-you-type: `prefix: true`, `fuzzy: 0.2`,
  // `boost: {title: 2}`; default OR combination. No phrase operator.
  minisearch: {
    label: 'MiniSearch',
    corpus: true,
    async load() {
      const { default: MiniSearch } = await import('/node_modules/minisearch/dist/es/index.js');
      this.MiniSearch = MiniSearch;
    },
    build(articles) {
      this.index = new this.MiniSearch({
        fields: ['title', 'text'],
        searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 },
      });
      this.index.addAll(articles);
    },
    search(q, k) {
      return this.index.search(unquote(q)).slice(0, k).map((r) => r.id);
    },
  },

  // lunr 2.3.9 + lunr-languages 1.22 (https://github.com/MihaiValentin/lunr-languages
  // README, "Usage"): lunr.js, then lunr.stemmer.support.js, then lunr.ar.js, and
  // `this.use(lunr.ar)`, which replaces the pipeline by the Arabic trimmer, stop-word
  // filter and stemmer (diacritics, tatweel and alef forms removed, roots extracted)
  // and the search pipeline by the stemmer. `title` boosted 10 as in that README.
  // `idx.search(query)` (lunr's query syntax: no phrases; wildcards and fuzziness only
  // when typed, so no prefix or typo matching by default). A query lunr's parser
  // refuses counts as no result.
  lunr: {
    label: 'lunr + lunr-languages (ar)',
    corpus: true,
    async load() {
      await script('/node_modules/lunr/lunr.min.js');
      await script('/node_modules/lunr-languages/min/lunr.stemmer.support.min.js');
      await script('/node_modules/lunr-languages/min/lunr.ar.min.js');
      this.lunr = window.lunr;
    },
    build(articles) {
      const lunr = this.lunr;
      this.index = lunr(function () {
        this.use(lunr.ar);
        this.ref('id');
        this.field('title', { boost: 10 });
        this.field('text');
        for (const a of articles) this.add(a);
      });
    },
    search(q, k) {
      try {
        return this.index.search(unquote(q)).slice(0, k).map((r) => r.ref);
      } catch (e) {
        if (e instanceof this.lunr.QueryParseError) return [];
        throw e;
      }
    },
  },

  // FlexSearch 0.8 (https://github.com/nextapps-de/flexsearch README: "Tokenizer
  // (Partial Match)", "Fuzzy-Search", doc/encoder.md "Right-To-Left Support"):
  // `tokenize: "forward"` (partial words, as you type), search with `suggest: true`
  // (the README's fuzzy-search tip: partial results for multi-word queries).
  // Arabic, which the README lists among its supported charsets, gets:
  //  - no `rtl`: doc/encoder.md says it is only for content not already encoded RTL;
  //    Unicode Arabic is stored in logical order, and with `rtl: true` the forward
  //    tokenizer indexes word endings instead of beginnings (measured: `بوتين` itself
  //    is then not found);
  //  - the encoder of the maintainer's Arabic answer (issues #51 and #112: no charset
  //    normalisation, split on what is not part of a word), in 0.8's Encoder options:
  //    the default `normalize` (NFKD, then only U+0300-036F dropped) decomposes
  //    أ إ آ ؤ ئ into a letter plus a combining hamza, and the default split
  //    (`[^\p{L}\p{N}]`) then cuts the word there (الأمم → الا + م); `dedupe` off
  //    (doubled Arabic letters are not typing noise). No phrase operator.
  // The compact build has Index + Encoder + Charset, all this needs.
  flexsearch: {
    label: 'FlexSearch',
    corpus: true,
    async load() {
      this.FS = await import('/node_modules/flexsearch/dist/flexsearch.compact.module.min.js');
    },
    build(articles) {
      const { Index, Encoder } = this.FS;
      const encoder = new Encoder({ normalize: false, dedupe: false, split: /[^\p{L}\p{M}\p{N}]+/u });
      this.index = new Index({ tokenize: 'forward', encoder });
      this.ids = articles.map((a) => a.id);
      articles.forEach((a, i) => this.index.add(i, a.text));
    },
    search(q, k) {
      return this.index.search(unquote(q), { limit: k, suggest: true }).map((i) => this.ids[i]);
    },
  },

  // Pagefind 1.6 (https://pagefind.app/docs/node-api/, /docs/api/,
  // /docs/multilingual/): the index is built in Node by run.mjs (createIndex,
  // addCustomRecord({url: '/<id>', content: text, language: 'ar', meta: {title}}),
  // writeFiles) into out/pagefind-<size>/; Arabic records get Pagefind's Arabic
  // stemmer (wasm.ar.pagefind), chosen by the page's `<html lang="ar">`. In the page:
  // `pagefind.options({basePath})`, `init()`, `search(query)`, then `data()` of the
  // top k results to read their url (= id): that is part of the measured query time,
  // as in any Pagefind UI. A query wholly in straight quotes is Pagefind's own
  // exact-phrase search (pagefind.js: `exact_search = /^\s*".+"\s*$/.test(term)`), so
  // queries go as typed. Search runs in Pagefind's Web Worker (its default): run.mjs
  // reads that worker's heap through CDP, the page's heap does not hold it.
  pagefind: {
    label: 'Pagefind',
    corpus: false,
    async load(ctx) {
      const base = `/bench/out/pagefind-${ctx.sizeName}/`;
      this.pf = await import(`${base}pagefind.js`);
      await this.pf.options({ basePath: base });
    },
    async build() {
      await this.pf.init();
    },
    async search(q, k) {
      const res = await this.pf.search(q);
      const data = await Promise.all(res.results.slice(0, k).map((r) => r.data()));
      return data.map((d) => decodeURIComponent(d.url.split('/').pop())); // Pagefind prefixes its base path
    },
  },
};
