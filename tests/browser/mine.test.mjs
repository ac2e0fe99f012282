// A reader's own articles (dist/mirsad.html from file://, and over http for the quota):
// pasted, opened and dropped files, kept in IndexedDB across reloads, deleted, exported
// and imported, shared in a link's fragment; broken links; a full storage quota; the
// analysis in a worker while the page stays responsive.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, newPage, seeds, serve, shot, SINGLE_FILE_URL, waitReady, DIST } from './helpers.mjs';

const W = 'mirsad-explorer';
const TUNIS = 'انتخابات بلدية في تونس\nأعلنت الهيئة العليا المستقلة للانتخابات في تونس يوم الاثنين أن الرئيس قيس سعيد دعا إلى انتخابات بلدية في 24 ديسمبر المقبل.';
const CAIRO = 'افتتاح معرض القاهرة للكتاب\nافتتح رئيس الوزراء المصري مصطفى مدبولي معرض القاهرة الدولي للكتاب أمس الأربعاء بمشاركة 70 دولة.';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Arabic letters and spaces that do not compress much (IndexedDB may compress what it stores).
function noise(chars) {
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  let seed = 12345;
  let out = '';
  for (let i = 0; i < chars; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += (seed >> 16) % 6 === 0 ? ' ' : letters[(seed >> 8) % letters.length];
  }
  return out;
}

const ids = (page) => page.evaluate(() => document.querySelector('mirsad-explorer').analysis.articles.map((a) => a.id));
// The notice's text once it shows (it follows the new analysis's render).
async function notice(page) {
  const text = page.locator(`${W} .notice:not([hidden]) .notice-text`);
  await text.filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
  return text.textContent();
}

async function open(page, url = SINGLE_FILE_URL) {
  await page.goto(url);
  await waitReady(page);
}

// Wait until the set holds `n` articles (the analysis runs again after each change).
async function articleCount(page, n, timeout = 30_000) {
  await page.waitForFunction((k) => document.querySelector('mirsad-explorer').analysis?.articles.length === k, n, { timeout });
}

async function paste(page, text, date = '') {
  if (!(await page.locator(`${W} dialog.mine-dialog[open]`).count())) await page.click(`${W} button.mine`);
  await page.fill(`${W} #mine-paste`, text);
  await page.fill(`${W} #mine-date`, date);
  await page.click(`${W} .mine-paste button.primary`);
}

async function chooseFiles(page, files) {
  if (!(await page.locator(`${W} dialog.mine-dialog[open]`).count())) await page.click(`${W} button.mine`);
  await page.locator(`${W} .mine-dialog input[type=file]`).setInputFiles(files);
}

describe("a reader's own articles", () => {
  test('pasted text is analysed with the set, kept across a reload, and deleted', async () => {
    const page = await newPage(browser);
    await open(page);
    assert.equal(await page.getAttribute(W, 'data-engine'), 'worker', 'the analysis runs in a Web Worker, from file:// too');
    await paste(page, TUNIS, '2023-10-02');
    await articleCount(page, 6);
    await shot(page, 'mine-1280-dialog');
    const mine = (await ids(page)).find((id) => id.startsWith('mine-'));
    assert.ok(mine, 'the pasted article has an id of its own');
    const analysis = await page.evaluate(() => document.querySelector('mirsad-explorer').analysis);
    const art = analysis.articles.find((a) => a.id === mine);
    assert.equal(art.title, 'انتخابات بلدية في تونس');
    assert.equal(art.dct.value, '2023-10-02');
    assert.ok(art.entities.some((m) => m.text === 'تونس' && m.type === 'LOC'), JSON.stringify(art.entities));
    // "يوم الاثنين" resolves against the given date; "24 ديسمبر المقبل" to December 2023.
    assert.ok(art.timexes.some((t) => t.value === '2023-12-24'), JSON.stringify(art.timexes));
    // It opens in the reader, marked as the reader's own in the list.
    await page.keyboard.press('Escape');
    await page.locator(`${W} .reader-title`).filter({ hasText: 'تونس' }).waitFor();
    assert.equal(await page.locator(`${W} .item[data-article="${mine}"] .badge-mine`).count(), 1);
    await shot(page, 'mine-1280-reader');

    await page.reload();
    await waitReady(page);
    assert.ok((await ids(page)).includes(mine), 'kept in IndexedDB across a reload');

    await page.click(`${W} button.mine`);
    await page.click(`${W} .mine-list .mine-delete`);
    await articleCount(page, 5);
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await ids(page), seeds().map((s) => s.id), 'deleted for good');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('files: text and HTML are added, junk is refused with a reason, and nothing else is lost', async () => {
    const page = await newPage(browser);
    await open(page);
    const html = `<!doctype html><html><head><title>x</title><script>window.pwned = 1</script>
      <meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
      <body><nav>الرئيسية | رياضة</nav><article><h1>${CAIRO.split('\n')[0]}</h1><p>${CAIRO.split('\n')[1]}</p>
      <img src="x" onerror="window.pwned = 2"></article></body></html>`;
    const nul = Buffer.from('نص\u0000\u0000\u0000 ثنائي');
    const latin1 = Buffer.from([0x48, 0xe9, 0x6c, 0x6c, 0xf6, 0x20, 0xff, 0xfe]);
    await chooseFiles(page, [
      { name: 'tunis.txt', mimeType: 'text/plain', buffer: Buffer.from(TUNIS) },
      { name: 'cairo.html', mimeType: 'text/html', buffer: Buffer.from(html) },
      { name: 'junk.txt', mimeType: 'text/plain', buffer: nul },
      { name: 'latin1.txt', mimeType: 'text/plain', buffer: latin1 },
      { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(6 * 1024 * 1024, 'ا') },
    ]);
    await articleCount(page, 7);
    const message = await notice(page);
    assert.match(message, /أُضيف مقالان/);
    assert.match(message, /junk\.txt: not text: NUL byte/);
    assert.match(message, /latin1\.txt: not text: invalid UTF-8 at byte 1/);
    assert.match(message, /huge\.txt: حجمه 6 MB والحد 5 MB/);
    const analysis = await page.evaluate(() => document.querySelector('mirsad-explorer').analysis);
    const cairo = analysis.articles.find((a) => a.title === CAIRO.split('\n')[0]);
    assert.ok(cairo, 'the HTML page gives its article');
    assert.equal(cairo.dct.value, '2024-03-05', "the page's metadata dates it");
    assert.ok(!cairo.text.includes('الرئيسية'), 'navigation is not article text');
    assert.equal(await page.evaluate(() => window.pwned), undefined, "the page's scripts never ran");
    await page.context().close();
  });

  test('files dropped on the widget are added', async () => {
    const page = await newPage(browser);
    await open(page);
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.txt', { type: 'text/plain' }));
      const app = document.querySelector('mirsad-explorer').shadowRoot.querySelector('.app');
      for (const type of ['dragover', 'drop']) app.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, CAIRO);
    await articleCount(page, 6);
    await page.context().close();
  });

  test('export and import as JSON bring the same articles to another browser', async () => {
    const page = await newPage(browser);
    await open(page);
    await paste(page, TUNIS, '2023-10-02');
    await articleCount(page, 6);
    await paste(page, CAIRO);
    await articleCount(page, 7);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${W} .mine-dialog .row.tools button:has-text("صدّر")`)]);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(file.mirsad, 'articles');
    assert.deepEqual(file.articles.map((a) => a.text), [TUNIS, CAIRO]);
    await page.context().close();

    const other = await newPage(browser);
    await open(other);
    await chooseFiles(other, [{ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) }]);
    await articleCount(other, 7);
    const titles = await other.evaluate(() => document.querySelector('mirsad-explorer').analysis.articles.map((a) => a.title));
    assert.ok(titles.includes('انتخابات بلدية في تونس') && titles.includes('افتتاح معرض القاهرة للكتاب'), titles.join(' | '));
    const dates = await other.evaluate(() => document.querySelector('mirsad-explorer').analysis.articles.map((a) => a.dct.value));
    assert.ok(dates.includes('2023-10-02'), 'the publication date travels with the article');
    await other.context().close();
  });

  test('"share with my articles" makes a link that opens the same articles and view elsewhere', async () => {
    const page = await newPage(browser);
    await open(page);
    await paste(page, TUNIS, '2023-10-02');
    await articleCount(page, 6);
    await page.click(`${W} .mine-dialog .row.tools button:has-text("شارك")`);
    const box = page.locator(`${W} .notice .link-box`);
    await box.waitFor();
    const link = await box.inputValue();
    assert.match(link, /#(?:.*&)?a=mine-[^&]+&d=[A-Za-z0-9_-]+$/);
    assert.match(await notice(page), /حجمه [\d.]+ كيلوبايت/, 'the link says how large it is');
    await shot(page, 'mine-1280-share');
    await page.context().close();

    const other = await newPage(browser);
    await open(other, link);
    assert.equal((await ids(other)).length, 6);
    assert.match(await notice(other), /من الرابط المشترك/);
    assert.match(await other.locator(`${W} .reader-title`).textContent(), /تونس/, 'the shared view opens the shared article');
    // It is shown, not saved, until the reader keeps it.
    await other.click(`${W} button.mine`);
    await other.click(`${W} .mine-dialog button:has-text("احفظ مقالات الرابط")`);
    await other.waitForFunction(() => !location.hash.includes('d='));
    await other.goto(SINGLE_FILE_URL);
    await waitReady(other);
    assert.equal((await ids(other)).length, 6, 'kept, it stays without the link');
    assert.deepEqual(other.errors, []);
    await other.context().close();
  });

  test('a broken, truncated or hostile link gives a clear message and the bundled articles', async () => {
    // Link payloads made in the page as the widget makes them: deflate-raw, base64url.
    const page = await newPage(browser);
    await open(page);
    const deflated = (parts) => page.evaluate(async ([text, repeat]) => {
      const chunk = typeof text === 'string' ? text : new Uint8Array(text).fill(0x61);
      const stream = new Blob(Array(repeat).fill(chunk)).stream().pipeThrough(new CompressionStream('deflate-raw'));
      let bin = '';
      for (const b of new Uint8Array(await new Response(stream).arrayBuffer())) bin += String.fromCharCode(b);
      return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }, parts);
    const good = await deflated([JSON.stringify([{ id: 'x', text: TUNIS }]), 1]);
    // 60 MB of one letter deflates to a few KB: it must be stopped, not unpacked.
    const bomb = await deflated([1 << 20, 60]);
    const notArticles = await deflated(['{"a": 1}', 1]);
    await page.context().close();
    const cases = {
      truncated: good.slice(0, Math.floor(good.length / 2)),
      garbage: 'not-a-link!!',
      'not deflate': 'AAAAAAAAAAAAAAAA',
      'zip bomb': bomb,
      'json of no articles': notArticles,
    };
    for (const [name, value] of Object.entries(cases)) {
      const p = await newPage(browser);
      await open(p, `${SINGLE_FILE_URL}#q=${encodeURIComponent('بوتين')}&d=${value}`);
      assert.deepEqual(await ids(p), seeds().map((s) => s.id), `${name}: the bundled articles are shown`);
      assert.match(await notice(p), /تعذّرت قراءة مقالات الرابط/, name);
      assert.equal(await p.locator(`${W} input.search`).inputValue(), 'بوتين', `${name}: the rest of the view still opens`);
      assert.deepEqual(p.errors, [], name);
      if (name === 'truncated') await shot(p, 'mine-1280-broken-link');
      await p.context().close();
    }
  });

  test('a full storage quota is reported and loses nothing saved before', async () => {
    const server = await serve(DIST);
    try {
      const page = await newPage(browser);
      await open(page, `${server.origin}/mirsad.html`);
      // A quota with room for a short article and not for a long one (Chromium applies an
      // override to writes after a usage reading, and only then).
      const cdp = await page.context().newCDPSession(page);
      const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin: server.origin });
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: usage + 256 * 1024 });
      await paste(page, TUNIS);
      await articleCount(page, 6);
      await chooseFiles(page, [{ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(`${CAIRO}\n${noise(1024 * 1024)}`) }]);
      await page.locator(`${W} .notice.error`).waitFor();
      assert.match(await notice(page), /امتلأت مساحة التخزين/);
      await articleCount(page, 7); // shown until the page closes
      await page.reload();
      await waitReady(page);
      const titles = await page.evaluate(() => document.querySelector('mirsad-explorer').analysis.articles.map((a) => a.title));
      assert.ok(titles.includes('انتخابات بلدية في تونس'), 'the article saved before is still there');
      assert.ok(!titles.includes('افتتاح معرض القاهرة للكتاب'), 'the one that did not fit was not saved');
      await page.context().close();
    } finally {
      await server.close();
    }
  });

  test('a large (1 MB) article is analysed in the worker with a progress bar while the page stays responsive', async () => {
    const page = await newPage(browser);
    await open(page);
    const big = `${TUNIS}\n${seeds().map((s) => s.text).join('\n').repeat(60)}`.slice(0, 1024 * 1024);
    await page.evaluate(() => {
      // Ticks of the main thread while the analysis runs (until the progress bar goes).
      window.ticks = [];
      const timer = setInterval(() => window.ticks.push(performance.now()), 50);
      const bar = document.querySelector('mirsad-explorer').shadowRoot.querySelector('.progress');
      let shown = false;
      new MutationObserver(() => {
        if (!bar.hidden) shown = true;
        else if (shown) clearInterval(timer);
      }).observe(bar, { attributes: true, attributeFilter: ['hidden'] });
    });
    await chooseFiles(page, [{ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(big) }]);
    await page.locator(`${W} .progress:not([hidden])`).waitFor({ timeout: 10_000 });
    await articleCount(page, 6, 120_000); // a busy CI machine analyses 1 MB slowly
    const gaps = await page.evaluate(() => window.ticks.slice(1).map((t, i) => t - window.ticks[i]));
    assert.ok(gaps.length > 10, `the main thread kept ticking (${gaps.length} ticks)`);
    assert.ok(Math.max(...gaps) < 1500, `no freeze of the page: the longest gap was ${Math.round(Math.max(...gaps))} ms`);
    // Reading it: the reader takes it in slices of paragraphs, all of it, dates titled in words.
    const id = (await ids(page)).find((x) => x.startsWith('mine-'));
    const lastLine = big.trim().split('\n').filter((l) => l.trim()).pop().trim();
    await page.evaluate(() => {
      window.ticks = [];
      window.tickTimer = setInterval(() => window.ticks.push(performance.now()), 50);
    });
    await page.keyboard.press('Escape');
    await page.locator(`${W} .item[data-article="${id}"]`).click();
    await page.waitForFunction((line) => {
      const body = document.querySelector('mirsad-explorer').shadowRoot.querySelector('.reader-body');
      return body.lastElementChild?.textContent.trim() === line;
    }, lastLine, { timeout: 60_000 });
    const reading = await page.evaluate(() => {
      clearInterval(window.tickTimer);
      const body = document.querySelector('mirsad-explorer').shadowRoot.querySelector('.reader-body');
      const times = [...body.querySelectorAll('time.tx[datetime]')];
      return { paragraphs: body.children.length, times: times.length, untitled: times.filter((t) => !t.title).length, gaps: window.ticks.slice(1).map((t, i) => t - window.ticks[i]) };
    });
    assert.ok(reading.paragraphs > 1000, `${reading.paragraphs} paragraphs shown`);
    assert.ok(reading.times > 100 && reading.untitled === 0, `${reading.untitled} of ${reading.times} dates without their value in words`);
    assert.ok(Math.max(0, ...reading.gaps) < 1500, `the reader did not freeze the page: longest gap ${Math.round(Math.max(0, ...reading.gaps))} ms`);
    await page.context().close();
  });
});
