// A search archive (`mirsad index`) served as static files: the widget's `index`
// attribute and the wasm `Archive` fetch only what a query needs and rank as the CLI.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { launch, newPage, recordRequests, ROOT, serve, shot, waitReady } from './helpers.mjs';

const CLI = join(ROOT, 'target', 'release', 'mirsad');
const W = 'mirsad-explorer';
const QUERIES = ['بيونج يانج', 'بوتين', '"كوريا الشمالية"', 'الصواريخ', 'بيون'];

function cli(...args) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'cargo build --release' (./build.sh test does)`);
  return execFileSync(CLI, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every file under dir, as {'/archive/<path>': {type, body}} for serve(). */
function served(dir, prefix) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[`${prefix}/${relative(dir, p)}`] = { type: 'application/octet-stream', body: readFileSync(p) };
    }
  };
  walk(dir);
  return out;
}

let browser;
let server;
let archiveDir;
before(async () => {
  archiveDir = mkdtempSync(join(tmpdir(), 'mirsad-archive-'));
  cli('index', 'seeds', '-o', archiveDir);
  const host = '<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><link rel="icon" href="data:,"><title>archive</title>'
    + '<script type="module" src="/embed/mirsad.js"></script><mirsad-explorer index="/archive/"></mirsad-explorer>';
  server = await serve(undefined, {
    ...served(archiveDir, '/archive'),
    '/archive.html': { body: host },
    '/blank.html': { body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>api</title>' },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('a search archive', () => {
  test('the wasm Archive ranks as `mirsad search` over the same folder', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.origin}/blank.html`);
    for (const q of QUERIES) {
      const want = JSON.parse(cli('search', '--json', q, archiveDir)).results.map((r) => [r.article, r.score.toFixed(4), r.snippet]);
      const got = await page.evaluate(async (q) => {
        const m = await import('/pkg/mirsad.js');
        await m.default();
        const bytes = async (f) => {
          const gz = (await fetch(`/archive/${f}`)).body.pipeThrough(new DecompressionStream('gzip'));
          return new Uint8Array(await new Response(gz).arrayBuffer());
        };
        const ar = m.Archive.open(await bytes('index.bin'));
        for (let i = 0; i < 8; i++) {
          const res = ar.search(q, 10);
          if (!res.fetch) return res.results.map((r) => [r.article, r.score.toFixed(4), r.snippet]);
          for (const f of res.fetch) ar.load(f, await bytes(f));
        }
        return 'no answer';
      }, q);
      assert.deepEqual(got, want, q);
      assert.ok(want.length > 0, q);
    }
    // A file of the wrong shape is an error with its name, and the archive still answers.
    const after = await page.evaluate(async () => {
      const m = await import('/pkg/mirsad.js');
      const raw = new Uint8Array(await (await fetch('/archive/index.bin')).arrayBuffer());
      let gz = '';
      try {
        m.Archive.open(raw);
      } catch (e) {
        gz = e.message;
      }
      const ar = m.Archive.open(new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer()));
      let message = '';
      try {
        ar.load('t/0000.bin', new Uint8Array([255, 255, 255]));
      } catch (e) {
        message = e.message;
      }
      let bad = '';
      try {
        m.Archive.open(new Uint8Array([1, 2, 3]));
      } catch (e) {
        bad = e.message;
      }
      return { message, bad, gz, still: Boolean(ar.search('بوتين', 5)) };
    });
    assert.match(after.message, /t\/0000\.bin/);
    assert.match(after.bad, /not a Mirsad index/);
    assert.match(after.gz, /still gzipped/);
    assert.ok(after.still);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('<mirsad-explorer index> searches it, fetching only pieces of it', async () => {
    const page = await newPage(browser);
    const requests = recordRequests(page);
    await page.goto(`${server.origin}/archive.html`);
    await waitReady(page);
    const status = () => page.locator(`${W} .status`).textContent();
    assert.match(await status(), /5/);
    const search = page.locator(`${W} input.search`);
    await search.fill('بيونج يانج');
    await search.press('Enter');
    await page.locator(`${W} .list .snippet mark`).first().waitFor({ timeout: 10_000 });
    const items = await page.locator(`${W} .list .item`).count();
    assert.ok(items >= 3, `${items} results`);
    const fetched = requests.filter((u) => u.includes('/archive/')).map((u) => u.split('/archive/')[1]);
    const files = Object.keys(served(archiveDir, '')).length;
    assert.ok(fetched.includes('index.bin'));
    assert.ok(!fetched.includes('mirsad-index.json'), 'the summary is for people');
    assert.ok(fetched.length < files, `fetched ${fetched.length} of ${files} files`);
    assert.equal(new Set(fetched).size, fetched.length, 'each file is fetched once');
    const outside = requests.filter((u) => !u.startsWith(server.origin + '/'));
    assert.deepEqual(outside, []);
    // Opening a result analyses that article: its names are highlighted.
    await page.locator(`${W} .list .item`).first().click();
    await page.locator(`${W} .reader-body p:not(.title) mark.ent`).first().waitFor({ timeout: 10_000 });
    assert.ok((await page.locator(`${W} .reader-title`).textContent()).length > 0);
    assert.deepEqual(page.errors, []);
    await shot(page, 'archive-1280');
    await page.close();
  });
});
