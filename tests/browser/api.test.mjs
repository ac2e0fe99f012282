// The wasm API gives the same JSON as the command line (INTERFACE.md: one analysis, three ways).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, launch, newPage, ROOT, seeds, serve, waitReady } from './helpers.mjs';

const CLI = join(ROOT, 'target', 'release', 'mirsad');
const QUERY = 'بيونج يانج';

function cli(...args) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'cargo build --release' (./build.sh test does)`);
  return JSON.parse(execFileSync(CLI, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }));
}

let browser;
let server;
let page;
before(async () => {
  browser = await launch();
  server = await serve(DIST, { '/blank.html': { body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>api</title>' } });
  page = await newPage(browser);
  await page.goto(`${server.origin}/blank.html`);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Run `fn(module, articles)` in the page with dist/pkg/mirsad.js initialised.
function inWasm(fn, arg) {
  return page.evaluate(
    async ([src, articles, arg]) => {
      const m = await import('/pkg/mirsad.js');
      await m.default();
      const f = new Function(`return (${src})`)();
      return f(m, articles, arg);
    },
    [fn.toString(), seeds(), arg],
  );
}

const seedPaths = () => seeds().map((s) => join('seeds', s.id));

describe('the wasm API', () => {
  test('Corpus.analysisJson() equals `mirsad analyze --json` for the seeds', async () => {
    const expected = cli('analyze', '--json', ...seedPaths());
    const json = await inWasm((m, articles) => new m.Corpus(articles).analysisJson());
    assert.deepEqual(JSON.parse(json), expected);
  });

  test('analyze() returns the same object as the command line', async () => {
    const expected = cli('analyze', '--json', ...seedPaths());
    const got = await inWasm((m, articles) => m.analyze(articles));
    assert.deepEqual(got, expected);
  });

  test('search ranks like `mirsad search --json`', async () => {
    const expected = cli('search', '--json', QUERY, ...seedPaths());
    const got = await inWasm((m, articles, q) => new m.Corpus(articles).search(q, 10), QUERY);
    // Scores are f32 in Rust: the CLI prints the shortest f32 digits, JS gets the f64 of
    // the same f32. Compare them as f32.
    const strip = (r) => ({ ...r, took_us: 0, results: r.results.slice(0, 10).map((x) => ({ ...x, score: Math.fround(x.score) })) });
    assert.deepEqual(strip(got), strip(expected));
    assert.ok(got.results.length > 0, `"${QUERY}" finds something`);
  });

  test('hostile input is refused or analysed, never a crash', async () => {
    const out = await inWasm((m) => {
      const tries = {
        empty: [],
        emptyText: [{ id: 'a', text: '' }],
        binary: [{ id: 'b', text: '\u0000\u0001\uFFFD\uD7FF' + 'x'.repeat(1000) }],
        longLine: [{ id: 'c', text: 'بيونغ يانغ '.repeat(90_000) }],
        notArticles: 42,
        badDate: [{ id: 'd', text: 'نص', dct: '2024-13-45' }],
      };
      const res = {};
      for (const [k, v] of Object.entries(tries)) {
        try {
          const c = new m.Corpus(v);
          c.search('بيونغ', 5);
          c.timelineSvg(300, undefined, undefined, false);
          res[k] = 'ok';
        } catch (e) {
          res[k] = e instanceof Error ? 'error' : `non-Error throw: ${e}`;
        }
      }
      // The module still works after all that.
      res.after = new m.Corpus([{ id: 'z', text: 'زار بوتين بيونغ يانغ.' }]).analysis().articles.length;
      return res;
    });
    assert.equal(out.after, 1, 'the instance survived');
    for (const [k, v] of Object.entries(out)) if (k !== 'after') assert.ok(v === 'ok' || v === 'error', `${k}: ${v}`);
    assert.equal(out.notArticles, 'error');
  });
});

describe('the page', () => {
  test('window.mirsad.lastAnalysis() equals the command line output', async () => {
    const expected = cli('analyze', '--json', ...seedPaths());
    const p = await newPage(browser);
    await p.goto(`${server.origin}/mirsad.html`);
    await waitReady(p);
    assert.deepEqual(await p.evaluate(() => window.mirsad.lastAnalysis()), expected);
    await p.close();
  });
});
