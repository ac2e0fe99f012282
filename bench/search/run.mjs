#!/usr/bin/env node
// The search benchmark, Mirsad vs peer JS search libraries, in headless Chromium.
//
//   node bench/search/run.mjs [--sizes seeds,1000,10000,30000:archive]
//                             [--engines mirsad,archive,minisearch,lunr,flexsearch,pagefind]
//                             [--reps 5] [--builds 3] [--timeout SECONDS] [--tag NAME]
//
// --builds N: an in-memory engine's index is built N times, each in a fresh page (the
// first with the queries, then build-only pages); the table gives the median build
// time. One build is too noisy on a shared 2-core machine.
//
// --tag NAME writes out/results-NAME.{md,json} and out/per-query-NAME.md instead of
// out/results.{md,json} and out/per-query.md (a side run that must not replace them).
// --render: no run, the tables again from out/results[-TAG].json (after a change to
// the tables). --append TAG2: then add out/results-TAG2.md to the end of the .md.
//
// A size may name its own engines after a colon (`30000:archive`: only the archive
// there, the in-memory engines would take too long); else it runs every --engines.
//
// 1. generates the corpora if missing (gen_corpus.mjs) and the qrels of queries.json;
// 2. builds Pagefind's index of each corpus in Node, and Mirsad's static archive with
//    the native CLI (`target/release/mirsad index out/mirsad-txt-<size> -o
//    out/mirsad-archive-<size>`, one <id>.txt per article); both timed: these indexes
//    are built ahead, not in the browser;
// 3. serves, on 127.0.0.1 at a random port, dist/ at /, bench/search/ at /bench/ and
//    node_modules/ at /node_modules/ (nothing else is reachable: every request to
//    another host is aborted and reported);
// 4. opens bench.html?engine=E&size=S in a fresh browser context per engine × size
//    (the system Chromium through playwright-core, never a downloaded browser);
// 5. prints the results as markdown, also written to out/results.md and out/results.json.
//
// Needs `./build.sh` first (dist/pkg/mirsad.js), `cargo build --release` (the CLI, for
// the archive) and the npm devDependencies.

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { launch as launchChromium } from '../../tests/browser/helpers.mjs';
import { HERE, OUT, ROOT, corpusPath, ensureCorpus, loadQueries, loadSentences, qrelsPath } from './gen_corpus.mjs';

const DIST = resolve(process.env.MIRSAD_DIST || join(ROOT, 'dist'));
const MIRSAD_CLI = resolve(process.env.MIRSAD_CLI || join(ROOT, 'target', 'release', 'mirsad'));
const ALL_ENGINES = ['mirsad', 'archive', 'minisearch', 'lunr', 'flexsearch', 'pagefind'];
const KINDS = ['exact', 'spelling-variant', 'hamza', 'clitics', 'morphology', 'phrase', 'prefix', 'typo', 'persian-letters'];

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
let ENGINES = arg('engines', ALL_ENGINES.join(',')).split(',');
for (const e of ENGINES) if (!ALL_ENGINES.includes(e)) throw new Error(`unknown engine ${e} (known: ${ALL_ENGINES.join(', ')})`);
// `--sizes seeds,1000,30000:archive`: a size, optionally with its own engines (+-separated).
let SIZE_SPECS = arg('sizes', 'seeds,1000,10000').split(',').map((spec) => {
  const [size, only] = spec.split(':');
  const engines = only ? only.split('+') : ENGINES;
  for (const e of engines) if (!ALL_ENGINES.includes(e)) throw new Error(`unknown engine ${e} in --sizes ${spec}`);
  return { size, engines };
});
let SIZES = SIZE_SPECS.map((x) => x.size);
const enginesOf = (size) => SIZE_SPECS.find((x) => x.size === size).engines;
let USED_ENGINES = ALL_ENGINES.filter((e) => SIZE_SPECS.some((x) => x.engines.includes(e)));
const TAG = arg('tag', '');
const TYPICAL = 10; // a typical archive session: the first 10 queries of queries.json
let REPS = Number(arg('reps', 5));
let BUILDS = Math.max(1, Number(arg('builds', 3)));
const TIMEOUT_S = Number(arg('timeout', 900)); // per engine × size: load, build and all queries

// ---------------------------------------------------------------------------------
// Static server with three mounts; it logs what it sent, so that bytes are counted
// for everything the page fetched, its Web Workers included.

const MOUNTS = [
  ['/bench/', HERE],
  ['/node_modules/', join(ROOT, 'node_modules')],
  ['/', DIST],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};
const gzipCache = new Map();
let served = [];

function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p));
    const root = resolve(dir);
    const file = normalize(join(root, path.slice(prefix.length)));
    let body;
    try {
      if (file !== root && !file.startsWith(root + sep)) throw new Error('outside');
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      served.push({ path, bytes: 0, gzip: 0, status: 404 });
      return;
    }
    if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(body).length);
    served.push({ path, bytes: body.length, gzip: gzipCache.get(file), status: 200 });
    // Cross-origin isolation: performance.now() then has 5 µs resolution, not 100 µs.
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(body);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) }),
    ),
  );
}

/** What a page fetched: the harness, the corpus JSON, and the engine (everything else). */
function account(log) {
  const sum = { engine: { bytes: 0, gzip: 0, files: 0 }, corpus: { bytes: 0, gzip: 0 }, archive: { bytes: 0, gzip: 0, files: 0 }, missing: [] };
  for (const r of log) {
    if (r.status !== 200) {
      if (!r.path.endsWith('favicon.ico')) sum.missing.push(r.path);
      continue;
    }
    if (/^\/bench\/(bench\.html|engines\.mjs|queries\.json)$/.test(r.path)) continue;
    // The archive's data (index.bin and its pieces) apart from the code: the page
    // reports which pieces each query fetched, and the tables count from that.
    const slot = /^\/bench\/out\/corpus-/.test(r.path) ? sum.corpus : /^\/bench\/out\/mirsad-archive-/.test(r.path) ? sum.archive : sum.engine;
    slot.bytes += r.bytes;
    slot.gzip += r.gzip;
    if (slot !== sum.corpus) slot.files++;
  }
  return sum;
}

// ---------------------------------------------------------------------------------
// Pagefind's index, built in Node.

async function buildPagefind(size) {
  const pagefind = await import('pagefind');
  const outputPath = join(OUT, `pagefind-${size}`);
  rmSync(outputPath, { recursive: true, force: true });
  const articles = JSON.parse(readFileSync(corpusPath(size), 'utf8'));
  const t0 = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const a of articles) {
    const r = await index.addCustomRecord({ url: `/${a.id}`, content: a.text, language: 'ar', meta: { title: a.title } });
    if (r.errors?.length) throw new Error(`pagefind ${a.id}: ${r.errors.join('; ')}`);
  }
  const w = await index.writeFiles({ outputPath });
  if (w.errors?.length) throw new Error(`pagefind: ${w.errors.join('; ')}`);
  const ms = performance.now() - t0;
  await index.deleteIndex();
  await pagefind.close();
  return ms;
}

// ---------------------------------------------------------------------------------
// Mirsad's static archive, built by the native CLI.

const archiveDir = (size) => join(OUT, `mirsad-archive-${size}`);

/** Size of a file on disk, raw and gzip: gzip as a server would send it, so never
 *  more than raw (the archive's .bin files are gzipped already: both are their size). */
const fileSizes = new Map();
function sizeOf(path) {
  if (!fileSizes.has(path)) {
    const body = readFileSync(path);
    fileSizes.set(path, { raw: body.length, gzip: Math.min(body.length, gzipSync(body).length) });
  }
  return fileSizes.get(path);
}
/** Raw and gzip bytes of archive files (paths relative to the archive folder). */
function sumFiles(size, paths) {
  const s = { raw: 0, gzip: 0, files: paths.length, byDir: {} };
  for (const p of paths) {
    const x = sizeOf(join(archiveDir(size), p));
    s.raw += x.raw;
    s.gzip += x.gzip;
    const d = (s.byDir[p.includes('/') ? `${p.split('/')[0]}/` : p] ??= { raw: 0, gzip: 0, files: 0 });
    d.raw += x.raw;
    d.gzip += x.gzip;
    d.files++;
  }
  return s;
}

function buildArchive(size) {
  statSync(MIRSAD_CLI); // throws if missing: cargo build --release
  const articles = JSON.parse(readFileSync(corpusPath(size), 'utf8'));
  const txt = join(OUT, `mirsad-txt-${size}`);
  const out = archiveDir(size);
  rmSync(txt, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(txt, { recursive: true });
  for (const a of articles) writeFileSync(join(txt, `${a.id}.txt`), a.text);
  const t0 = performance.now();
  execFileSync(MIRSAD_CLI, ['index', txt, '-o', out], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  // What the CLI wrote, all of it (a server would hold all of it).
  let files = 0;
  let bytes = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else {
        files++;
        bytes += statSync(join(dir, e.name)).size;
      }
    }
  };
  walk(out);
  const txtBytes = articles.reduce((s, a) => s + Buffer.byteLength(a.text), 0);
  return { ms, files, bytes, txtBytes, indexBin: sizeOf(join(out, 'index.bin')) };
}

/** The archive's bytes and times from what the page reported (r.archive). */
function archiveStats(r, queries) {
  const a = r.archive;
  const size = r.size;
  const cold = a.cold.filter((x) => !x.error);
  const iso = a.isolated.map((x, i) => ({ ...x, i, q: queries[i].q }));
  const session = sumFiles(size, cold.flatMap((x) => x.paths));
  const typical = sumFiles(size, a.cold.slice(0, TYPICAL).flatMap((x) => x.paths || []));
  const isoOk = iso.filter((x) => !x.error);
  for (const x of isoOk) x.sizes = sumFiles(size, x.paths);
  const sorted = (xs) => [...xs].sort((p, q) => p - q);
  const code = { raw: r.bytes.engine.bytes, gzip: r.bytes.engine.gzip };
  const index = sizeOf(join(archiveDir(size), 'index.bin'));
  return {
    code,
    index,
    session, // the pieces of the whole first pass, every query in order
    typical, // the pieces of the first TYPICAL queries, in order
    perQuerySession: { raw: session.raw / cold.length, gzip: session.gzip / cold.length },
    perQueryTypical: { raw: typical.raw / TYPICAL, gzip: typical.gzip / TYPICAL },
    isolated: isoOk,
    coldSizes: a.cold.map((x) => (x.paths ? sumFiles(size, x.paths) : null)), // per query, in the session
    isoMean: { raw: isoOk.reduce((s, x) => s + x.sizes.raw, 0) / isoOk.length, gzip: isoOk.reduce((s, x) => s + x.sizes.gzip, 0) / isoOk.length },
    isoTop: [...isoOk].sort((p, q) => q.sizes.raw - p.sizes.raw).slice(0, 3),
    maxRounds: cold.length + isoOk.length ? Math.max(...cold.map((x) => x.rounds), ...isoOk.map((x) => x.rounds)) : null,
    coldTimes: sorted(cold.map((x) => x.ms)),
    isoTimes: sorted(isoOk.map((x) => x.ms)),
    errors: a.cold.filter((x) => x.error).length + iso.filter((x) => x.error).length,
    errorTexts: [...new Set([...a.cold, ...iso].filter((x) => x.error).map((x) => x.error))],
    warmFetches: a.warmFetches,
    wasmAfterQueries: a.wasmAfterQueries,
  };
}

// ---------------------------------------------------------------------------------
// The browser.

// The tests' launch (system Chromium, no background traffic), plus what the heap
// figures need.
const launch = () => launchChromium({ extraArgs: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });

/** JS heap of the page's dedicated workers (Pagefind searches in one), after a GC. */
async function workerHeaps(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    let total = 0;
    let found = 0;
    for (const t of targetInfos.filter((x) => x.type === 'worker')) {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
      const call = (id, method) =>
        new Promise((ok) => {
          const onMsg = (ev) => {
            if (ev.sessionId !== sessionId) return;
            const msg = JSON.parse(ev.message);
            if (msg.id === id) {
              cdp.off('Target.receivedMessageFromTarget', onMsg);
              ok(msg.result);
            }
          };
          cdp.on('Target.receivedMessageFromTarget', onMsg);
          cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
        });
      await call(1, 'HeapProfiler.collectGarbage');
      const r = await call(2, 'Runtime.getHeapUsage');
      if (r?.usedSize != null) {
        total += r.usedSize;
        found++;
      }
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    }
    return found ? total : null;
  } catch {
    return null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The median of the build times of `r` and of BUILDS - 1 more build-only pages. */
async function medianBuild(browser, origin, engine, size, r) {
  const all = [r.buildMs];
  for (let i = 1; i < BUILDS; i++) {
    const more = await runOne(browser, origin, engine, size, '&buildOnly=1');
    if (more.error || more.buildMs == null) break;
    all.push(more.buildMs);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { ...r, buildMs: sorted[Math.floor((sorted.length - 1) / 2)], buildRuns: all };
}

async function runOne(browser, origin, engine, size, extra = '') {
  const context = await browser.newContext({ locale: 'ar', timezoneId: 'Asia/Riyadh' });
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  served = [];
  const t0 = performance.now();
  try {
    await page.goto(`${origin}/bench/bench.html?engine=${engine}&size=${size}&reps=${REPS}${extra}`);
    const handle = await page.waitForFunction(() => window.benchResult, null, { timeout: TIMEOUT_S * 1000, polling: 250 });
    const result = await handle.jsonValue();
    if (engine === 'pagefind' && !result.error) result.workerHeap = await workerHeaps(page);
    return { ...result, wallMs: performance.now() - t0, bytes: account(served), outside, pageErrors };
  } catch (e) {
    const timedOut = /Timeout/i.test(String(e));
    return {
      engine,
      size,
      error: timedOut ? `timeout after ${TIMEOUT_S} s` : String(e.message || e),
      wallMs: performance.now() - t0,
      bytes: account(served),
      outside,
      pageErrors,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------
// Scoring and tables.

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function score(result, rels) {
  const perKind = Object.fromEntries(KINDS.map((k) => [k, []]));
  const perQuery = [];
  rels.forEach((rel, i) => {
    if (!rel.relevant.length) return;
    const set = new Set(rel.relevant);
    const top = result.top?.[i] || [];
    const r = top.filter((id) => set.has(id)).length / Math.min(5, set.size);
    perKind[rel.kind].push(r);
    perQuery.push({ i, q: rel.q, kind: rel.kind, recall: r, top, relevant: set.size });
  });
  const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  return {
    overall: mean(perQuery.map((x) => x.recall)),
    kinds: Object.fromEntries(KINDS.map((k) => [k, mean(perKind[k])])),
    perQuery,
  };
}

const LABEL = {
  mirsad: 'Mirsad',
  archive: 'Mirsad archive (static index)',
  minisearch: 'MiniSearch',
  lunr: 'lunr + lunr-languages',
  flexsearch: 'FlexSearch',
  pagefind: 'Pagefind',
};
const kb = (b) => (b == null ? '–' : b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(0)} KB` : `${Math.round(b)} B`);
const mb = (b) => (b == null ? '–' : `${(b / 1e6).toFixed(1)}`);
const ms = (x) => (x == null ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const pct = (x) => (x == null ? '–' : x.toFixed(2));

const engineOrder = (size) => USED_ENGINES.filter((e) => enginesOf(size).includes(e));
const sized = (x) => (Math.round(x.raw) === Math.round(x.gzip) ? kb(x.raw) : `${kb(x.raw)} / ${kb(x.gzip)}`); // one figure where gzip adds nothing
const plus = (...xs) => ({ raw: xs.reduce((s, x) => s + x.raw, 0), gzip: xs.reduce((s, x) => s + x.gzip, 0) });
const p5095 = (t) => `${ms(percentile(t, 50))} / ${ms(percentile(t, 95))}`;

function tables(runs, meta) {
  const lines = [];
  lines.push(`Search benchmark: ${meta.browser}, ${meta.queries} queries × ${REPS} timed passes after 1 warm-up; recall@5 = |relevant ∩ top 5| / min(5, |relevant|). ` +
    `Builds: pkg/mirsad_bg.wasm sha256 ${meta.builds.wasm}…, mirsad CLI sha256 ${meta.builds.cli}….`);
  lines.push('');
  lines.push('| corpus | engine | index build (ms) | bytes fetched (raw / gzip) | JS heap after build (MB) | wasm memory (MB) | query p50 (ms) | query p95 (ms) | recall@5 |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const size of meta.sizes) {
    const m = meta.perSize[size];
    for (const engine of engineOrder(size)) {
      const r = runs.find((x) => x.engine === engine && x.size === size);
      if (!r) continue;
      const name = `${LABEL[engine]}${r.notes?.length ? ` (${r.notes.join(', ')})` : ''}`;
      const corpus = `${size} (${m.articles} articles)`;
      if (r.na || r.error) {
        const cell = r.na || `error: ${r.error.split('\n')[0].slice(0, 120)}`;
        lines.push(`| ${corpus} | ${name} | ${cell} | ${kb(r.bytes?.engine.bytes)} | | | | | |`);
        continue;
      }
      const t = [...r.times].sort((a, b) => a - b);
      let build = ms(r.buildMs);
      let bytes = `${kb(r.bytes.engine.bytes)} / ${kb(r.bytes.engine.gzip)}`;
      let heapCell = mb(r.heapAfter);
      let wasm = mb(r.wasm);
      if (engine === 'pagefind') {
        build = `${ms(m.pagefindMs)} (Node) + ${ms(r.buildMs)} init`;
        heapCell = `${mb(r.heapAfter)} + ${mb(r.workerHeap)} worker`;
      }
      if (engine === 'archive') {
        const a = r.stats;
        build = `${ms(m.archive.ms)} (CLI, native) + ${ms(r.buildMs)} open`;
        bytes = `${sized(plus(a.code, a.index, a.session))} (session)`;
        wasm = `${mb(r.wasm)} → ${mb(a.wasmAfterQueries)}`;
      }
      const errs = Object.keys(r.errors || {}).length;
      lines.push(
        `| ${corpus} | ${name} | ${build} | ${bytes} | ${heapCell} | ${wasm} | ` +
          `${ms(percentile(t, 50))} | ${ms(percentile(t, 95))} | ${pct(r.score.overall)}${errs ? ` (${errs} queries threw)` : ''} |`,
      );
    }
  }
  lines.push('');
  lines.push('Bytes fetched: everything the page loaded but the harness and the corpus JSON (library code, wasm, index files). ' +
    `Index build: the median of ${meta.builds_n ?? 1} builds, each in a fresh page (every run's times in results.json, \`buildRuns\`). ` +
    'Query times after the warm-up pass (everything each query needs is loaded). ' +
    `Mirsad archive: bytes = its wasm/JS + index.bin + every piece the ${meta.queries} queries fetched, in order; wasm memory after open → after all queries; cold times in the archive table below.`);
  lines.push('');
  lines.push('Corpus JSON fetched by the in-memory engines (not counted above):');
  for (const size of meta.sizes) {
    const m = meta.perSize[size];
    lines.push(`- ${size}: ${kb(m.corpusBytes)} raw / ${kb(m.corpusGzip)} gzip; queries judged ${m.judged}/${meta.queries} (${meta.queries - m.judged} skipped: no relevant article)`);
  }

  const arch = meta.sizes.map((size) => runs.find((x) => x.engine === 'archive' && x.size === size)).filter((r) => r?.stats);
  if (arch.length) {
    lines.push('');
    lines.push(`Mirsad archive (static index), bytes (raw / gzip; its .bin files are gzipped on disk, so for them both are the bytes on the wire). Typical session = the first ${TYPICAL} queries of queries.json, in order, from a fresh page; ` +
      `whole session = all ${meta.queries}; "alone" = each query on a freshly opened archive (index.bin already there), so not helped by earlier queries. Pieces = t/*.bin, a/*.bin, meta.bin.`);
    lines.push('');
    lines.push(`| corpus | archive on disk | .txt input | index.bin | typical session: index.bin + pieces | typical session + wasm/JS | per query, typical (pieces) | whole session: index.bin + pieces | per query, whole session | per query alone: mean | per query alone: max |`);
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of arch) {
      const m = meta.perSize[r.size];
      const a = r.stats;
      const top = a.isoTop[0] || { q: '–', sizes: { raw: null, gzip: null } };
      const threw = a.errors ? ` **(${a.errors} query runs threw: figures cover the others only)**` : '';
      lines.push(
        `| ${r.size} (${m.articles} articles)${threw} | ${mb(m.archive.bytes)} MB in ${m.archive.files} files | ${mb(m.archive.txtBytes)} MB | ${sized(a.index)} | ` +
          `${sized(plus(a.index, a.typical))} (${a.typical.files} pieces) | ${sized(plus(a.code, a.index, a.typical))} | ${sized(a.perQueryTypical)} | ` +
          `${sized(plus(a.index, a.session))} (${a.session.files} pieces) | ${sized(a.perQuerySession)} | ${sized(a.isoMean)} | ${sized(top.sizes)} (${top.q}) |`,
      );
    }
    lines.push('');
    lines.push('Mirsad archive, latency per query in ms (p50 / p95), the whole fetch loop (fetches from this server on 127.0.0.1, in parallel within a round):');
    lines.push('');
    lines.push('| corpus | cold: first pass, in order | cold: each query alone | warm: all loaded, ×' + REPS + ' | fetch rounds (max) | queries threw | fetches in warm passes |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const errorsOf = [];
    for (const r of arch) {
      const first = r.stats.errorTexts[0];
      if (first) errorsOf.push(`- ${r.size}: ${r.stats.errors} query runs threw, e.g. ${first}`);
      const a = r.stats;
      const t = [...r.times].sort((x, y) => x - y);
      lines.push(`| ${r.size} | ${p5095(a.coldTimes)} | ${p5095(a.isoTimes)} | ${p5095(t)} | ${a.maxRounds} | ${a.errors} | ${a.warmFetches} |`);
    }
    if (errorsOf.length) lines.push('', 'Archive errors:', ...errorsOf);
    lines.push('');
    lines.push('Pieces by kind (t/ = index shards, a/ = article stores for the results shown, meta.bin = dates and outlets), raw / gzip:');
    const dirs = (x) => Object.entries(x.byDir).sort().map(([d, v]) => `${d} ${v.files} files ${sized(v)}`).join(', ');
    for (const r of arch) {
      lines.push(`- ${r.size}: typical session ${dirs(r.stats.typical)}; whole session ${dirs(r.stats.session)}`);
    }
    lines.push('');
    lines.push('Largest fetches of a query alone (pieces, raw / gzip):');
    for (const r of arch) {
      lines.push(`- ${r.size}: ${r.stats.isoTop.map((x) => `${x.q} ${sized(x.sizes)} (${dirs(x.sizes)}; ${x.rounds} rounds)`).join('; ')}`);
    }
  }

  lines.push('');
  lines.push('recall@5 per query kind (queries judged at that size in brackets):');
  lines.push('');
  const cols = [];
  for (const size of meta.sizes) for (const engine of engineOrder(size)) {
    const r = runs.find((x) => x.engine === engine && x.size === size);
    if (r && !r.na && !r.error) cols.push(r);
  }
  const SHORT = { ...LABEL, archive: 'Mirsad archive', lunr: 'lunr' };
  lines.push(`| kind | ${cols.map((r) => `${SHORT[r.engine]} @${r.size}`).join(' | ')} |`);
  lines.push(`| --- | ${cols.map(() => '---:').join(' | ')} |`);
  for (const kind of KINDS) {
    const cells = cols.map((r) => {
      const n = meta.perSize[r.size].judgedPerKind[kind];
      return n ? `${pct(r.score.kinds[kind])} (${n})` : '–';
    });
    lines.push(`| ${kind} | ${cells.join(' | ')} |`);
  }
  lines.push(`| **all** | ${cols.map((r) => `**${pct(r.score.overall)}**`).join(' | ')} |`);
  lines.push('');
  lines.push(...lossLines(runs, meta));
  lines.push('');
  lines.push(`Wall time per corpus (generation if needed, Pagefind and archive builds, every engine): ${meta.sizes.map((s) => `${s} ${(meta.perSize[s].wallMs / 1000).toFixed(0)} s`).join(', ')}.`);
  return lines.join('\n');
}

/** Queries where Mirsad (SearchIndex or archive) scores below a peer, or the two differ. */
function lossLines(runs, meta) {
  const lines = ['Queries where Mirsad loses recall@5 to a peer, and where the archive and SearchIndex differ:', ''];
  let any = false;
  for (const size of meta.sizes) {
    const get = (e) => runs.find((x) => x.engine === e && x.size === size && x.score);
    const peers = ['minisearch', 'lunr', 'flexsearch', 'pagefind'].map(get).filter(Boolean);
    const items = [];
    meta.perSize[size].rels.forEach((rel, i) => {
      const rec = (r) => r?.score.perQuery.find((p) => p.i === i)?.recall;
      for (const e of ['mirsad', 'archive']) {
        const mine = rec(get(e));
        if (mine == null) continue;
        const beat = peers.filter((p) => rec(p) > mine + 1e-9).map((p) => `${SHORTL[p.engine]} ${pct(rec(p))}`);
        if (beat.length) items.push(`${rel.q} (${rel.kind}): ${e === 'mirsad' ? 'SearchIndex' : 'archive'} ${pct(mine)} < ${beat.join(', ')}`);
      }
      const [si, ar] = [rec(get('mirsad')), rec(get('archive'))];
      if (si != null && ar != null && Math.abs(si - ar) > 1e-9) items.push(`${rel.q} (${rel.kind}): archive ${pct(ar)} ≠ SearchIndex ${pct(si)}`);
    });
    if (items.length) {
      any = true;
      lines.push(`- ${size}: ${items.join('; ')}`);
    }
  }
  if (!any) lines.push('- none');
  return lines;
}
const SHORTL = { minisearch: 'MiniSearch', lunr: 'lunr', flexsearch: 'FlexSearch', pagefind: 'Pagefind' };

/** Per query: relevant count and recall@5 of each engine, per size (out/per-query.md). */
function perQueryTable(runs, meta) {
  const lines = ['recall@5 per query (relevant articles in brackets; – = not judged, no relevant article); archive KB = raw bytes of the pieces that query fetches alone, on a fresh archive', ''];
  for (const size of meta.sizes) {
    const cols = engineOrder(size).map((e) => runs.find((x) => x.engine === e && x.size === size)).filter((r) => r && r.score);
    const arch = cols.find((r) => r.engine === 'archive' && r.stats);
    lines.push(`### ${size}`, '', `| kind | query | relevant | ${cols.map((r) => LABEL[r.engine]).join(' | ')}${arch ? ' | archive KB alone | archive KB in session' : ''} |`, `| --- | --- | ---: | ${cols.map(() => '---:').join(' | ')}${arch ? ' | ---: | ---:' : ''} |`);
    meta.perSize[size].rels.forEach((rel, i) => {
      const cells = cols.map((r) => {
        const x = r.score.perQuery.find((p) => p.i === i);
        return x ? pct(x.recall) : '–';
      });
      if (arch) {
        const iso = arch.stats.isolated.find((x) => x.i === i);
        const cold = arch.stats.coldSizes[i];
        cells.push(iso ? (iso.sizes.raw / 1e3).toFixed(0) : 'error');
        cells.push(cold ? (cold.raw / 1e3).toFixed(0) : 'error');
      }
      lines.push(`| ${rel.kind} | ${rel.q.replace(/\|/g, '\\|')} | ${rel.relevant.length} | ${cells.join(' | ')} |`);
    });
    lines.push('');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT, { recursive: true });
  const started = performance.now();
  const queries = loadQueries();
  const meta = { sizes: SIZES, queries: queries.length, perSize: {} };
  let sources;
  for (const size of SIZES) {
    if (size !== 'seeds' && !existsSync(corpusPath(size))) sources ??= loadSentences();
    const t0 = performance.now();
    const rels = ensureCorpus(size, { sources });
    const file = readFileSync(corpusPath(size));
    const judgedPerKind = Object.fromEntries(KINDS.map((k) => [k, rels.filter((r) => r.kind === k && r.relevant.length).length]));
    meta.perSize[size] = {
      engines: enginesOf(size),
      rels,
      articles: JSON.parse(file).length,
      corpusBytes: file.length,
      corpusGzip: gzipSync(file).length,
      judged: rels.filter((r) => r.relevant.length).length,
      judgedPerKind,
      corpusMs: performance.now() - t0,
    };
    const m = meta.perSize[size];
    if (enginesOf(size).includes('pagefind')) {
      try {
        m.pagefindMs = await buildPagefind(size);
      } catch (e) {
        m.pagefindError = String(e.message || e);
      }
    }
    if (enginesOf(size).includes('archive')) {
      try {
        m.archive = buildArchive(size);
      } catch (e) {
        m.archiveError = String(e.stderr || e.message || e).trim().split('\n').pop();
      }
    }
    console.error(`corpus ${size}: ${m.articles} articles, ${m.judged}/${queries.length} queries judged` +
      (m.pagefindMs != null ? `, Pagefind index ${m.pagefindMs.toFixed(0)} ms (Node)` : '') +
      (m.archive ? `, Mirsad archive ${m.archive.ms.toFixed(0)} ms (CLI), ${mb(m.archive.bytes)} MB in ${m.archive.files} files` : '') +
      (m.archiveError ? `, Mirsad archive failed: ${m.archiveError}` : ''));
  }
  if (!existsSync(join(DIST, 'pkg', 'mirsad.js'))) console.error(`warning: ${DIST}/pkg/mirsad.js is missing: run ./build.sh first`);
  // Which build ran (dist/ and the CLI may be rebuilt by someone else during a long
  // run: MIRSAD_DIST and MIRSAD_CLI can point at a copy).
  const hash = (f) => (existsSync(f) ? createHash('sha256').update(readFileSync(f)).digest('hex').slice(0, 12) : 'missing');
  meta.builds = { wasm: hash(join(DIST, 'pkg', 'mirsad_bg.wasm')), cli: hash(MIRSAD_CLI) };
  meta.builds_n = BUILDS;

  const server = await serve();
  const browser = await launch();
  meta.browser = `Chromium ${browser.version()}`;
  const runs = [];
  try {
    for (const size of SIZES) {
      const sizeStart = performance.now();
      const m = meta.perSize[size];
      for (const engine of enginesOf(size)) {
        let r;
        if (engine === 'pagefind' && m.pagefindError) {
          r = { engine, size, error: `index build: ${m.pagefindError}` };
        } else if (engine === 'archive' && m.archiveError) {
          r = { engine, size, error: `index build: ${m.archiveError}` };
        } else {
          r = await runOne(browser, server.origin, engine, size);
          if (!r.error && !r.na && engine !== 'archive' && engine !== 'pagefind') r = await medianBuild(browser, server.origin, engine, size, r);
        }
        if (!r.na && !r.error) r.score = score(r, m.rels);
        if (engine === 'archive' && r.archive && !r.error) r.stats = archiveStats(r, queries);
        runs.push(r);
        const status = r.na || (r.error ? `ERROR ${r.error.split('\n')[0]}` : `recall@5 ${pct(r.score.overall)}`);
        console.error(`  ${size} ${engine}: ${status} (${(r.wallMs / 1000 || 0).toFixed(1)} s)`);
        if (r.outside?.length) console.error(`    requests outside localhost (aborted): ${r.outside.join(' ')}`);
        if (r.bytes?.missing?.length) console.error(`    404: ${r.bytes.missing.join(' ')}`);
      }
      m.wallMs = performance.now() - sizeStart + m.corpusMs + (m.pagefindMs || 0) + (m.archive?.ms || 0);
      console.error(`  ${size}: ${(m.wallMs / 1000).toFixed(0)} s in all`);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const perSize = Object.fromEntries(Object.entries(meta.perSize).map(([s, m]) => [s, { ...m, rels: undefined }]));
  writeFileSync(
    join(OUT, `results${SUFFIX}.json`),
    JSON.stringify({ meta: { ...meta, perSize, reps: REPS, engines: ENGINES, sizeSpecs: SIZE_SPECS, seconds: (performance.now() - started) / 1000 }, runs }, null, 1),
  );
  writeTables(runs, meta);
  const outside = runs.flatMap((r) => r.outside || []);
  if (outside.length) console.error(`\n${outside.length} requests outside localhost were aborted`);
}

const SUFFIX = TAG ? `-${TAG}` : '';

function writeTables(runs, meta) {
  let md = tables(runs, meta);
  const more = arg('append', '');
  if (more) md += `\n\n## Side run \`${more}\` (out/results-${more}.md)\n\n${readFileSync(join(OUT, `results-${more}.md`), 'utf8').trim()}`;
  writeFileSync(join(OUT, `results${SUFFIX}.md`), `${md}\n`);
  writeFileSync(join(OUT, `per-query${SUFFIX}.md`), `${perQueryTable(runs, meta)}\n`);
  console.log(md);
}

/** --render: the tables again from a run's JSON, nothing run. */
function render() {
  const { meta, runs } = JSON.parse(readFileSync(join(OUT, `results${SUFFIX}.json`), 'utf8'));
  SIZE_SPECS = meta.sizeSpecs;
  SIZES = meta.sizes;
  ENGINES = meta.engines;
  USED_ENGINES = ALL_ENGINES.filter((e) => SIZE_SPECS.some((x) => x.engines.includes(e)));
  REPS = meta.reps;
  for (const size of SIZES) meta.perSize[size].rels = JSON.parse(readFileSync(qrelsPath(size), 'utf8'));
  writeTables(runs, meta);
}

(process.argv.includes('--render') ? async () => render() : main)().catch((e) => {
  console.error(e);
  process.exit(1);
});
