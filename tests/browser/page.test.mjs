// dist/mirsad.html, the single-file page, opened from file:// in headless Chromium.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, recordRequests, seeds, shot, SINGLE_FILE_URL, waitReady } from './helpers.mjs';

const W = 'mirsad-explorer'; // playwright's CSS locators pierce the open shadow root

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openPage(hash = '', size) {
  const page = await newPage(browser, size);
  const requests = recordRequests(page);
  await page.goto(SINGLE_FILE_URL + hash);
  await waitReady(page);
  return { page, requests };
}

async function search(page, query) {
  await page.locator(`${W} input.search`).fill(query);
  // Results replace the plain list once the debounced search ran.
  await page.locator(`${W} ol.list.results`).waitFor({ state: 'attached', timeout: 5000 });
}

const articleIds = (page) => page.locator(`${W} ol.list .item`).evaluateAll((els) => els.map((e) => e.dataset.article));

describe('the single-file page from file://', () => {
  test('lists the five seed articles with their titles', async () => {
    const { page } = await openPage();
    const items = page.locator(`${W} ol.list .item`);
    await items.first().waitFor();
    assert.deepEqual(await articleIds(page), seeds().map((s) => s.id));
    for (const title of await page.locator(`${W} ol.list .item-title`).allTextContents()) {
      assert.ok(title.trim().length > 0, 'every article has a visible title');
    }
    await assert.doesNotReject(page.locator(`${W} ol.list .item-title`).first().isVisible());
    const analysis = await page.evaluate(() => window.mirsad.lastAnalysis());
    assert.equal(analysis.articles.length, 5, 'window.mirsad.lastAnalysis() gives the analysis');
    assert.deepEqual(page.errors, []);
    await shot(page, 'page-1280-list');
    await page.close();
  });

  test('searching بيونج يانج finds the articles that write بيونغ يانغ', async () => {
    const { page } = await openPage();
    await search(page, 'بيونج يانج');
    const expected = seeds()
      .filter((s) => s.text.includes('بيونغ يانغ') || s.text.includes('بيونج يانج'))
      .map((s) => s.id);
    assert.ok(expected.length > 0);
    const found = await articleIds(page);
    for (const id of expected) assert.ok(found.includes(id), `${id} is among the results ${JSON.stringify(found)}`);
    const marks = await page.locator(`${W} ol.list .snippet mark`).count();
    assert.ok(marks > 0, 'the snippets mark the matched words');
    await shot(page, 'page-1280-search');
    await page.close();
  });

  test('selecting an article shows it with highlighted entities', async () => {
    const { page } = await openPage();
    await page.locator(`${W} ol.list .item`).first().click();
    await page.locator(`${W} .reader-body p`).first().waitFor({ state: 'attached' });
    const title = await page.locator(`${W} .reader-title`).textContent();
    assert.equal(title, await page.locator(`${W} ol.list .item-title`).first().textContent());
    const marks = page.locator(`${W} .reader-body p:not(.title) mark.ent`);
    await marks.first().waitFor({ timeout: 5000 });
    assert.ok((await marks.count()) > 0);
    await shot(page, 'page-1280-reader');
    // Clicking a mention filters the list to the articles that mention its entity.
    const entity = await marks.first().getAttribute('data-entity');
    await marks.first().click();
    await page.locator(`${W} .filter:not([hidden])`).waitFor();
    const expected = await page.evaluate((id) => {
      const a = window.mirsad.lastAnalysis();
      return a.articles.filter((x) => x.entities.some((m) => m.entity === id)).map((x) => x.id);
    }, entity);
    assert.deepEqual(await articleIds(page), expected);
    assert.ok(await page.locator(`${W} .reader-body mark.ent.sel`).count() > 0, 'the entity is marked in the reader');
    await page.close();
  });

  test('selecting an entity shows its card; the colour key switches highlights off and on', async () => {
    const [first] = seeds();
    const { page } = await openPage(`#a=${encodeURIComponent(first.id)}`);
    await page.locator(`${W} .reader-body p:not(.title) mark.ent`).first().waitFor({ timeout: 5000 });
    const top = await page.evaluate(() => {
      const per = window.mirsad.lastAnalysis().entities.filter((x) => x.type === 'PER');
      return per.sort((x, y) => y.salience - x.salience)[0];
    });
    // The panel lists people by salience: the first button is the most salient person.
    assert.equal(await page.locator(`${W} .entity-group[data-type="PER"] button[data-entity]`).first().getAttribute('data-entity'), top.id);
    await page.locator(`${W} .entity-group[data-type="PER"] button[data-entity="${top.id}"]`).click();
    const card = page.locator(`${W} .entity-card`);
    await card.waitFor();
    assert.equal((await card.locator('h3 bdi').textContent()).trim(), top.name);
    if (top.name_en) assert.equal((await card.locator('.name-en').textContent()).trim(), top.name_en);
    assert.equal(await card.locator('.card-articles li').count(), top.articles.length, 'one line per article that mentions it');
    assert.match(await page.evaluate(() => location.hash), /e=/);

    // Switching people off: their marks lose their colour, the state is in the link.
    const per = page.locator(`${W} .legend button.key-per`);
    assert.equal(await per.getAttribute('aria-pressed'), 'true');
    const colour = () => page.locator(`${W} .reader-body p:not(.title) mark.ent.per`).first().evaluate((m) => getComputedStyle(m).backgroundColor);
    const before = await colour();
    await per.click();
    await page.waitForFunction(() => location.hash.includes('off=per'));
    assert.equal(await per.getAttribute('aria-pressed'), 'false');
    assert.notEqual(await colour(), before);
    assert.equal(await page.locator(`${W} .reader-body p:not(.title) mark.ent.loc`).first().evaluate((m) => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)'), true, 'places keep theirs');
    await shot(page, 'page-1280-entity-card');
    await per.click();
    assert.equal(await colour(), before);
    // The card's close button clears the selection.
    await card.locator('button.close').click();
    await page.waitForFunction(() => !location.hash.includes('e='));
    assert.equal(await page.locator(`${W} .entity-card`).count(), 0);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('the timeline SVG has events, and choosing one shows its sources', async () => {
    const { page } = await openPage();
    const events = page.locator(`${W} .timeline-box svg g[data-event]`);
    await events.first().waitFor({ timeout: 5000 });
    assert.ok((await events.count()) > 0);
    await events.first().focus();
    await page.keyboard.press('Enter');
    await page.locator(`${W} .event-box:not([hidden])`).waitFor();
    assert.ok(await page.locator(`${W} .event-sources li`).count() > 0, 'the event lists its sources');
    assert.match(await page.evaluate(() => location.hash), /ev=/);
    await shot(page, 'page-1280-event');
    await page.close();
  });

  test('the timeline zooms and pans by buttons and the overview strip, and the window is in the link', async () => {
    const { page } = await openPage();
    const events = page.locator(`${W} .timeline-box svg g[data-event]`);
    await events.first().waitFor({ timeout: 5000 });
    const all = await events.count();
    const zoom = (name) => page.locator(`${W} .zoom button[data-zoom="${name}"]`);
    assert.ok(await zoom('all').isDisabled(), 'everything is shown at first');
    assert.ok(await page.locator(`${W} .overview-box svg line.event`).count() >= all, 'the strip marks every event');
    // Zoom in until fewer events show (the seeds reach back decades: a few steps).
    let shown = all;
    for (let i = 0; i < 12 && shown === all; i++) {
      await zoom('in').click();
      await page.waitForFunction((n) => document.querySelector('mirsad-explorer').state.tz !== '' , null, { timeout: 5000 });
      await page.waitForTimeout(50);
      shown = await events.count();
    }
    assert.ok(shown > 0 && shown < all, `zoomed in: ${shown} of ${all} events`);
    const tz = await page.evaluate(() => document.querySelector('mirsad-explorer').state.tz);
    assert.match(tz, /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/);
    assert.match(await page.evaluate(() => location.hash), /tz=/);
    assert.match(await page.locator(`${W} .zoom-range`).textContent(), /\d{4}/, 'the range is written out');
    // Earlier moves the window back in time, keeping its width.
    await zoom('earlier').click();
    await page.waitForFunction((old) => document.querySelector('mirsad-explorer').state.tz !== old, tz, { timeout: 5000 });
    const moved = await page.evaluate(() => document.querySelector('mirsad-explorer').state.tz);
    assert.ok(moved.split('/')[0] < tz.split('/')[0], `${moved} starts before ${tz}`);
    // A press at the strip's far end (the latest events: the left edge in Arabic) moves the window there.
    const strip = page.locator(`${W} .overview-box svg`);
    const box = await strip.boundingBox();
    await page.mouse.click(box.x + 4, box.y + box.height / 2);
    await page.waitForFunction((old) => document.querySelector('mirsad-explorer').state.tz !== old, moved, { timeout: 5000 });
    const pressed = await page.evaluate(() => document.querySelector('mirsad-explorer').state.tz);
    assert.ok(pressed.split('/')[1] > moved.split('/')[1], `${pressed} is later than ${moved}`);
    // The link restores the window; "All" returns to every event.
    const again = await newPage(browser);
    await again.goto(SINGLE_FILE_URL + `#tz=${encodeURIComponent(pressed)}`);
    await waitReady(again);
    await again.locator(`${W} .timeline-box svg g[data-event]`).first().waitFor({ timeout: 5000 });
    assert.equal(await again.evaluate(() => document.querySelector('mirsad-explorer').state.tz), pressed);
    await again.close();
    await shot(page, 'page-1280-timeline-zoomed');
    await zoom('all').click();
    await page.waitForFunction(() => document.querySelector('mirsad-explorer').state.tz === '', null, { timeout: 5000 });
    assert.equal(await events.count(), all);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('who appears with whom: a matrix of the leading entities; a cell searches one for the other', async () => {
    const { page } = await openPage();
    const cells = page.locator(`${W} .cooc-box svg g.pair`);
    await cells.first().waitFor({ timeout: 5000 });
    const rows = await page.locator(`${W} .cooc-box svg text.row-name`).count();
    assert.ok(rows >= 4, `${rows} entities in the matrix`);
    // Symmetric: every cell has its mirror.
    const pairs = await cells.evaluateAll((gs) => gs.map((g) => `${g.dataset.entity}|${g.dataset.with}|${g.textContent.replace(/\D/g, '')}`));
    for (const p of pairs) {
      const [a, b, n] = p.split('|');
      assert.ok(pairs.includes(`${b}|${a}|${n}`), `${p} mirrored`);
    }
    // One tab stop; arrow keys move between cells.
    assert.equal(await page.locator(`${W} .cooc-box g.pair[tabindex="0"]`).count(), 1);
    await page.locator(`${W} .cooc-box g.pair[tabindex="0"]`).focus();
    const before = await page.evaluate(() => document.querySelector('mirsad-explorer').shadowRoot.activeElement.dataset.with);
    for (const key of ['ArrowLeft', 'ArrowDown', 'ArrowRight']) await page.keyboard.press(key);
    const focused = await page.evaluate(() => {
      const el = document.querySelector('mirsad-explorer').shadowRoot.activeElement;
      return { isPair: el?.classList.contains('pair'), row: el?.dataset.entity, col: el?.dataset.with };
    });
    assert.ok(focused.isPair, 'focus stays on a cell');
    assert.ok(focused.row !== undefined && (focused.col !== before || focused.row !== undefined));
    // Enter: the row's entity filters the articles, the column's name is the query.
    await page.keyboard.press('Enter');
    await page.locator(`${W} ol.list.results`).waitFor({ state: 'attached', timeout: 5000 });
    const state = await page.evaluate(() => document.querySelector('mirsad-explorer').state);
    const analysis = await page.evaluate(() => window.mirsad.lastAnalysis());
    const other = analysis.entities.find((e) => e.id === focused.col);
    assert.equal(state.e, focused.row);
    assert.equal(state.q, other.name);
    const rowEntity = analysis.entities.find((e) => e.id === focused.row);
    for (const id of await articleIds(page)) assert.ok(rowEntity.articles.includes(id), `${id} mentions ${rowEntity.name}`);
    assert.ok((await articleIds(page)).length > 0, 'some article names both');
    // The selected entity's row stands out.
    await page.locator(`${W} .cooc-box text.row-name.sel`).waitFor({ timeout: 5000 });
    await shot(page, 'page-1280-cooccurrence');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('the timeline downloads as TimelineJS3 JSON and CSV, the entities as CSV and JSON', async () => {
    const { page } = await openPage();
    const grab = async (format) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`${W} button[data-export="${format}"]`).click(),
      ]);
      const chunks = [];
      for await (const c of await download.createReadStream()) chunks.push(c);
      return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
    };
    const analysis = await page.evaluate(() => window.mirsad.lastAnalysis());
    const tjs = await grab('timelinejs');
    assert.equal(tjs.name, 'mirsad-timeline-timelinejs.json');
    const events = JSON.parse(tjs.text).events;
    assert.equal(events.length, analysis.timeline.length);
    assert.ok(events.every((e) => Number.isInteger(e.start_date.year) && e.text.headline), 'every slide has a year and a headline');
    const csv = await grab('timeline-csv');
    assert.ok(csv.text.startsWith('\ufeffid,value,start,end,label,entities,articles\r\n'), csv.text.slice(0, 80));
    assert.equal(csv.text.trimEnd().split('\r\n').length, analysis.timeline.length + 1);
    const entities = await grab('entities-csv');
    assert.ok(entities.text.includes(',LOC,'), 'places are listed');
    const entitiesJson = await grab('entities-json');
    assert.equal(entitiesJson.name, 'mirsad-entities.json');
    assert.deepEqual(JSON.parse(entitiesJson.text), analysis.entities, 'the entities of the analysis, as they are');
    await page.close();
  });

  test('a fragment link restores the view, and so does a reload', async () => {
    const [, second] = seeds();
    const query = 'بوتين';
    const { page } = await openPage(`#a=${encodeURIComponent(second.id)}&q=${encodeURIComponent(query)}`);
    assert.equal(await page.locator(`${W} input.search`).inputValue(), query);
    const title = await page.evaluate((id) => window.mirsad.lastAnalysis().articles.find((a) => a.id === id).title, second.id);
    assert.equal(await page.locator(`${W} .reader-title`).textContent(), title);

    // Change the view by hand, then reload: the fragment brings it back.
    const [, , third] = seeds();
    await page.locator(`${W} input.search`).fill('');
    await page.locator(`${W} ol.list:not(.results) .item[data-article="${third.id}"]`).click();
    await page.locator(`${W} button.lang-toggle`).click();
    await page.waitForFunction((id) => location.hash.includes(encodeURIComponent(id)) && location.hash.includes('lang=en'), third.id);
    await page.reload();
    await waitReady(page);
    const title3 = await page.evaluate((id) => window.mirsad.lastAnalysis().articles.find((a) => a.id === id).title, third.id);
    assert.equal(await page.locator(`${W} .reader-title`).textContent(), title3);
    assert.equal(await page.locator(`${W} .app`).getAttribute('dir'), 'ltr');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    assert.equal(await page.locator(`${W} input.search`).inputValue(), '');

    // A link pasted into the address bar (hashchange, no reload) also applies.
    await page.evaluate((id) => { location.hash = `#a=${encodeURIComponent(id)}`; }, second.id);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    assert.equal(await page.locator(`${W} .reader-title`).textContent(), title);
    await page.close();
  });

  test('the page requests nothing but its own file', async () => {
    const { page, requests } = await openPage();
    await page.locator(`${W} ol.list .item`).nth(1).click();
    await page.locator(`${W} input.search`).fill('كوريا');
    await page.waitForTimeout(300);
    await page.locator(`${W} button.lang-toggle`).click();
    await page.waitForTimeout(100);
    // blob:null/… is the analysis worker's script, made in memory by the page itself.
    const outside = requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:null/'));
    assert.deepEqual(outside, [], `unexpected requests: ${outside.join(', ')}`);
    await page.close();
  });

  test('looks right at 390 px wide (screenshots of each tab)', async () => {
    const { page } = await openPage('', { width: 390, height: 844 });
    assert.ok(await page.locator(`${W} .tabs`).isVisible(), 'narrow layout shows tabs');
    await shot(page, 'page-390-list');
    await page.locator(`${W} ol.list .item`).nth(2).click();
    assert.ok(await page.locator(`${W} .pane-reader`).isVisible(), 'opening an article shows the reader tab');
    assert.ok(!(await page.locator(`${W} .pane-list`).isVisible()), 'one pane at a time');
    await shot(page, 'page-390-reader');
    await page.locator(`${W} .tab[data-tab="side"]`).click();
    await shot(page, 'page-390-insights');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
    await page.close();
  });
});
