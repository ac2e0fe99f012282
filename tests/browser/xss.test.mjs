// An article full of markup goes through every view; nothing runs, the text shows as written.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, launch, newPage, OUT, seeds, serve, waitReady } from './helpers.mjs';

const W = 'mirsad-explorer';
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '<a href="javascript:window.__pwned=1">x</a>',
  '</textarea><script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
];
// Arabic news prose around the payloads, so that entities, dates and search have something to find.
const EVIL = {
  id: 'evil<script>.txt',
  dct: '2024-06-19',
  text: [
    'اختبار الحقن: بوتين يزور بيونغ يانغ <script>window.__pwned=1</script>',
    'قال الرئيس الروسي فلاديمير بوتين في بيونغ يانغ يوم 19 يونيو 2024 إن <img src=x onerror="window.__pwned=1"> التعاون مع كوريا الشمالية سيتوسع.',
    'وأضاف <a href="javascript:window.__pwned=1">x</a> أن موسكو وقعت اتفاقية مع الزعيم كيم جونغ أون عام 2024.',
    'وذكرت وكالة الأنباء المركزية الكورية </textarea><script>window.__pwned=1</script> أن الزيارة استمرت يومين.',
    'وفي سيول حذرت وزارة الخارجية الكورية الجنوبية "><svg onload=window.__pwned=1> من أي تعاون عسكري.',
  ].join('\n'),
};

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let browser;
let server;
before(async () => {
  browser = await launch();
  // A host page for the embed: the evil article and one seed as inline <article> children.
  const seed = seeds()[1];
  const host = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>xss</title></head><body>
<script type="module" src="/embed/mirsad.js"></script>
<mirsad-explorer>
<article data-id="${escapeHtml(EVIL.id)}" data-dct="${EVIL.dct}">${escapeHtml(EVIL.text)}</article>
<article data-id="${seed.id}">${escapeHtml(seed.text)}</article>
</mirsad-explorer></body></html>`;
  server = await serve(DIST, { '/xss.html': { body: host } });

  // The single file with the evil article added to its embedded JSON (same escaping as the build).
  const page = readFileSync(join(DIST, 'mirsad.html'), 'utf8');
  const json = JSON.stringify([...seeds(), EVIL]).replace(/</g, '\\u003c');
  const patched = page.replace(/(<script type="application\/json" id="mirsad-articles">)[^<]*(<\/script>)/, (_, a, b) => a + json + b);
  assert.notEqual(patched, page);
  writeFileSync(join(OUT, 'xss-single.html'), patched);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The list item of an article, found by its id (ids are hostile too: no selector quoting games).
async function itemOf(page, id, list = 'ol.list') {
  const items = page.locator(`${W} ${list} .item`);
  const ids = await items.evaluateAll((els) => els.map((e) => e.dataset.article));
  return ids.includes(id) ? items.nth(ids.indexOf(id)) : null;
}

async function goThroughEveryView(page) {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    d.dismiss();
  });
  await waitReady(page);
  const pwned = () => page.evaluate(() => window.__pwned);

  // The list (title built from the first line).
  await page.locator(`${W} ol.list .item`).first().waitFor();
  const item = await itemOf(page, EVIL.id);
  assert.ok(item, 'the hostile article is listed');
  assert.equal(await item.locator('.item-title *').count(), 0, 'the title is text only');

  // Search for a word in it: snippets are Rust-escaped HTML.
  await page.locator(`${W} input.search`).fill('الحقن');
  await page.waitForTimeout(400);
  const hit = await itemOf(page, EVIL.id, 'ol.list.results');
  const found = Boolean(hit);

  // Open it (from the results if search found it).
  if (!found) {
    await page.locator(`${W} input.search`).fill('');
    await page.locator(`${W} ol.list:not(.results) .item`).first().waitFor();
  }
  await (found ? hit : await itemOf(page, EVIL.id, 'ol.list:not(.results)')).click();
  await page.locator(`${W} .reader-body p`).first().waitFor({ state: 'attached' });
  const text = await page.locator(`${W} .reader-body`).textContent();
  for (const p of PAYLOADS) assert.ok(text.includes(p), `the reader shows ${p} literally`);
  assert.equal(await page.locator(`${W} .reader-body script, ${W} .reader-body img, ${W} .reader-body a, ${W} .reader-body svg, ${W} .reader-body textarea`).count(), 0);

  // Every entity, every timeline event, both languages.
  for (const b of await page.locator(`${W} .entities button[data-entity]`).all()) await b.click();
  for (const m of (await page.locator(`${W} .reader-body p:not(.title) mark.ent`).all()).slice(0, 5)) await m.click();
  for (const g of await page.locator(`${W} .timeline-box g[data-event]`).all()) {
    await g.click();
    await page.locator(`${W} .reader-body p`).first().waitFor({ state: 'attached' });
  }
  await page.locator(`${W} button.lang-toggle`).click();
  await page.locator(`${W} button.lang-toggle`).click();
  await page.waitForTimeout(200);

  assert.equal(await pwned(), undefined, 'no payload ran');
  assert.equal(dialogs, 0);
  return { found };
}

describe('hostile article text', () => {
  test('goes through every view of the embed without running', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.origin}/xss.html`);
    await goThroughEveryView(page);
    await page.close();
  });

  test('goes through every view of the single file without running', async () => {
    const page = await newPage(browser);
    await page.goto(pathToFileURL(join(OUT, 'xss-single.html')).href);
    await goThroughEveryView(page);
    await page.close();
  });

  test('is found by search, with the snippet escaped', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.origin}/xss.html`);
    await waitReady(page);
    await page.locator(`${W} input.search`).fill('الحقن');
    await page.locator(`${W} ol.list.results`).waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    const hit = await itemOf(page, EVIL.id, 'ol.list.results');
    assert.ok(hit, 'search finds the hostile article by a word in it');
    const snippet = hit.locator('.snippet');
    // Markup in a snippet: <mark> for the matched words, <bdi> isolating Latin runs; nothing else.
    const tags = await snippet.locator('*').evaluateAll((els) => [...new Set(els.map((e) => e.localName))]);
    assert.deepEqual(tags.filter((t) => t !== 'mark' && t !== 'bdi'), [], `snippet markup: ${tags}`);
    assert.ok(tags.includes('mark'));
    assert.match(await snippet.textContent(), /<script>/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await page.close();
  });
});
