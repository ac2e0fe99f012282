// dist/embed/news.html: the embed on a realistic news page under a strict CSP
// (script-src 'self' 'wasm-unsafe-eval', no inline script), with `theme`, `height`,
// the site's colours through --mirsad-* properties and the `mirsad:select` event;
// the light/dark toggle and the print stylesheet of the full page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, recordRequests, serve, shot, SINGLE_FILE_URL, waitReady } from './helpers.mjs';

const W = 'mirsad-explorer';

let browser;
let server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openNews(size, scheme = 'light') {
  const page = await newPage(browser, size);
  await page.emulateMedia({ colorScheme: scheme });
  const requests = recordRequests(page);
  await page.goto(`${server.origin}/embed/news.html`);
  await waitReady(page);
  return { page, requests };
}

const css = (page, selector, prop) => page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);

describe('the embed on a news page under a strict Content-Security-Policy', () => {
  test('starts with no CSP violation, its analysis in a worker, at the height it is given', async () => {
    const { page, requests } = await openNews();
    assert.deepEqual(page.errors, [], 'no console error (a CSP violation is one)');
    assert.equal(await page.getAttribute(W, 'data-engine'), 'worker', "a module worker from the site's own origin");
    const outside = requests.filter((u) => !u.startsWith(`${server.origin}/`));
    assert.deepEqual(outside, []);
    assert.equal(await css(page, `${W} .app`, 'height'), '680px', 'height="680"');
    // The site's accent, through --mirsad-accent.
    assert.equal(await css(page, `${W} .bar`, 'background-color'), 'rgb(122, 16, 32)');
    await page.locator(W).evaluate((el) => el.scrollIntoView());
    await shot(page, 'news-1280');
    await page.context().close();
  });

  test('choosing an entity or an article tells the host page (mirsad:select)', async () => {
    const { page } = await openNews();
    await page.evaluate(() => {
      window.selected = [];
      document.addEventListener('mirsad:select', (ev) => window.selected.push(ev.detail));
    });
    await page.locator(`${W} button.entity`).first().click();
    await page.locator(`${W} .item`).first().click();
    await page.waitForFunction(() => window.selected.length >= 2);
    const [entity, article] = await page.evaluate(() => window.selected);
    assert.equal(entity.kind, 'entity');
    assert.match(entity.id, /\S/);
    assert.ok(entity.name.length > 0);
    assert.equal(article.kind, 'article');
    assert.ok(article.name.length > 0);
    await page.context().close();
  });

  test('theme="auto" follows the system: dark, with the dark accent', async () => {
    const { page } = await openNews({ width: 1280, height: 900 }, 'dark');
    assert.equal(await page.locator(`${W} .app`).getAttribute('data-theme'), 'dark');
    assert.equal(await css(page, `${W} .pane`, 'background-color'), 'rgb(27, 31, 36)');
    await page.locator(`${W} .item`).nth(3).click();
    await page.locator(`${W} .reader-body p:not(.title) mark.ent`).first().waitFor();
    await page.locator(W).evaluate((el) => el.scrollIntoView());
    await shot(page, 'news-1280-dark');
    // theme="light" from the host wins over the system.
    await page.locator(W).evaluate((el) => el.setAttribute('theme', 'light'));
    assert.equal(await page.locator(`${W} .app`).getAttribute('data-theme'), 'light');
    await page.context().close();
  });

  test('at 390 px the news page and the widget fit the phone', async () => {
    const { page } = await openNews({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    await page.locator(W).evaluate((el) => el.scrollIntoView());
    await shot(page, 'news-390');
    await page.context().close();
  });
});

describe('the full page: theme toggle and print', () => {
  test('the toggle switches to dark and the page remembers it', async () => {
    const page = await newPage(browser);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(SINGLE_FILE_URL);
    await waitReady(page);
    const app = page.locator(`${W} .app`);
    assert.equal(await app.getAttribute('data-theme'), 'light');
    await page.click(`${W} button.theme-toggle`);
    assert.equal(await app.getAttribute('data-theme'), 'dark');
    assert.equal(await page.locator(`${W} button.theme-toggle`).getAttribute('aria-pressed'), 'true');
    await page.locator(`${W} .item`).first().click();
    await page.locator(`${W} .reader-body p:not(.title) mark.ent`).first().waitFor();
    await shot(page, 'page-1280-dark');
    await page.reload();
    await waitReady(page);
    assert.equal(await page.locator(`${W} .app`).getAttribute('data-theme'), 'dark', 'kept across a reload');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator(`${W} .tab[data-tab="reader"]`).click();
    await shot(page, 'page-390-dark');
    await page.context().close();
  });

  test('print shows the article with its highlights and no controls', async () => {
    const page = await newPage(browser);
    await page.goto(SINGLE_FILE_URL);
    await waitReady(page);
    await page.locator(`${W} .item`).first().click();
    await page.locator(`${W} .reader-body p:not(.title) mark.ent`).first().waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await css(page, `${W} .pane-list`, 'display'), 'none');
    assert.equal(await css(page, `${W} .tools`, 'display'), 'none');
    assert.equal(await css(page, `${W} .pane-reader`, 'overflow-y'), 'visible', 'nothing cut by a scrolling pane');
    assert.notEqual(await css(page, `${W} .reader-body mark.ent`, 'background-color'), 'rgba(0, 0, 0, 0)', 'highlights print');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'a PDF with the article');
    await page.context().close();
  });
});
