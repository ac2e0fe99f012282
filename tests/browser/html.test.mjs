// News pages as HTML: the browser's parser (DOMParser) and html5ever in the command line
// give the extractor the same page, so the widget and `mirsad analyze` agree.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, newPage, recordRequests, ROOT, serve, waitReady } from './helpers.mjs';

const FIXTURE = join('tests', 'fixtures', 'html', 'news-page.html');
const CLI = join(ROOT, 'target', 'release', 'mirsad');
const html = readFileSync(join(ROOT, FIXTURE), 'utf8');

let browser;
let server;
before(async () => {
  browser = await launch();
  // The fixture itself, with the embed added: a news page that analyses its own article.
  const selfAnalysing = html.replace('</body>', '<mirsad-explorer source="page"></mirsad-explorer>\n<script type="module" src="/embed/mirsad.js"></script>\n</body>');
  server = await serve(undefined, {
    '/news-page.json': { type: 'application/json', body: JSON.stringify([{ id: 'news-page.html', html }]) },
    '/from-src.html': {
      body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/embed/mirsad.js"></script><mirsad-explorer src="/news-page.json"></mirsad-explorer>',
    },
    '/news-page.html': { body: selfAnalysing },
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const analysisOf = (page) => page.evaluate(() => document.querySelector('mirsad-explorer').analysis);

describe('an HTML news page', () => {
  test('gives the same analysis in the widget as `mirsad analyze --json page.html`', async () => {
    const expected = JSON.parse(execFileSync(CLI, ['analyze', '--json', FIXTURE], { cwd: ROOT, encoding: 'utf8' }));
    const page = await newPage(browser);
    await page.goto(`${server.origin}/from-src.html`);
    await waitReady(page);
    const got = await analysisOf(page);
    assert.deepEqual(got, expected);
    const [article] = got.articles;
    assert.equal(article.title, 'وزير الخارجية الأردني يزور بغداد لبحث ملف المياه');
    assert.deepEqual(article.dct, { value: '2025-03-04', source: 'metadata' });
    // Page furniture stays out: navigation, share bar, related links, comments, sidebar, footer, scripts, templates.
    for (const furniture of ['سياسة', 'واتساب', 'اقرأ أيضا', 'تعليق من قارئ', 'الأكثر قراءة', 'جميع الحقوق', 'إعلان', 'قالب', 'dataLayer']) {
      assert.ok(!article.text.includes(furniture), `"${furniture}" is not article text`);
    }
    assert.match(article.text, /"ملف المياه"/, 'character references are decoded');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('with source="page" the widget analyses the article of the page it sits on', async () => {
    const page = await newPage(browser);
    const requests = recordRequests(page);
    await page.goto(`${server.origin}/news-page.html`);
    await waitReady(page);
    const [article] = (await analysisOf(page)).articles;
    assert.equal(article.title, 'وزير الخارجية الأردني يزور بغداد لبحث ملف المياه');
    assert.equal(article.author, 'ليلى حداد');
    assert.ok(article.entities.some((e) => e.text === 'أيمن الصفدي' && e.type === 'PER'), 'a person in the page is found');
    const highlighted = await page.evaluate(async () => {
      const el = document.querySelector('mirsad-explorer');
      el.shadowRoot.querySelector('.item')?.click();
      await el.updated; // the reader is rendered once the engine answers
      return el.shadowRoot.querySelectorAll('.reader-body mark.ent').length;
    });
    assert.ok(highlighted > 0, 'the reader shows the page article with highlights');
    for (const url of requests) assert.ok(url.startsWith(server.origin) || url.startsWith('data:'), `no request outside the site: ${url}`);
    await page.close();
  });
});
