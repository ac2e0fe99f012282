// dist/embed/ inside a news-site page whose global CSS is hostile, served over http.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, recordRequests, seeds, serve, shot, waitReady } from './helpers.mjs';

const W = 'mirsad-explorer';
const RED = 'rgb(255, 0, 0)';

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

async function openDemo(size) {
  const page = await newPage(browser, size);
  const requests = recordRequests(page);
  await page.goto(`${server.origin}/embed/demo.html`);
  await waitReady(page);
  return { page, requests };
}

const style = (locator, ...props) =>
  locator.evaluate((el, props) => {
    const cs = getComputedStyle(el);
    return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
  }, props);

describe('the embed in a hostile host page', () => {
  test('renders the seeds inside its shadow root', async () => {
    const { page, requests } = await openDemo();
    const inShadow = await page.evaluate(() => {
      const el = document.querySelector('mirsad-explorer');
      return { shadow: Boolean(el.shadowRoot), items: el.shadowRoot.querySelectorAll('.item').length, light: el.querySelectorAll('*').length };
    });
    assert.deepEqual(inShadow, { shadow: true, items: seeds().length, light: 0 });
    const outside = requests.filter((u) => !u.startsWith(server.origin + '/'));
    assert.deepEqual(outside, [], `requests outside the page's own files: ${outside.join(', ')}`);
    const globals = await page.evaluate(() => ['wasm_bindgen', 'mirsad', 'Corpus', 'MirsadExplorer', 'mirsadWasm'].filter((k) => k in window));
    assert.deepEqual(globals, [], 'the embed defines no globals besides the element');
    assert.deepEqual(page.errors, []);
    await page.locator(`${W} .item`).nth(3).click();
    await page.locator(W).evaluate((el) => el.scrollIntoView());
    await shot(page, 'embed-1280');
    await page.close();
  });

  test('the host page CSS does not reach into the widget', async () => {
    const { page } = await openDemo();
    const title = style(page.locator(`${W} .item-title`).first(), 'color', 'font-size', 'letter-spacing', 'font-family');
    const t = await title;
    assert.notEqual(t.color, RED);
    assert.notEqual(t['font-size'], '30px');
    assert.equal(t['letter-spacing'], 'normal');
    assert.doesNotMatch(t['font-family'], /Times New Roman/);
    const input = await style(page.locator(`${W} input.search`), 'border-top-style');
    assert.notEqual(input['border-top-style'], 'dotted');
    await page.locator(`${W} .item`).first().click();
    await page.locator(`${W} .reader-body p`).first().waitFor({ state: 'attached' });
    const time = page.locator(`${W} .reader-meta time`);
    assert.equal((await style(time, 'visibility')).visibility, 'visible');
    await page.close();
  });

  test('marks inside the widget stay visible and coloured', async () => {
    const { page } = await openDemo();
    await page.locator(`${W} .item`).first().click();
    const mark = page.locator(`${W} .reader-body p:not(.title) mark.ent`).first();
    await mark.waitFor({ timeout: 5000 });
    const s = await style(mark, 'display', 'color', 'background-color');
    assert.notEqual(s.display, 'none');
    assert.notEqual(s.color, RED);
    assert.notEqual(s['background-color'], 'rgba(0, 0, 0, 0)');
    // Search snippets' marks too.
    await page.locator(`${W} input.search`).fill('كوريا');
    const snippetMark = page.locator(`${W} .snippet mark`).first();
    await snippetMark.waitFor({ timeout: 5000 });
    assert.notEqual((await style(snippetMark, 'display')).display, 'none');
    await page.close();
  });

  test("the widget's CSS does not leak into the host page", async () => {
    const { page } = await openDemo();
    const probe = await style(page.locator('.host-probe'), 'color', 'font-size');
    assert.deepEqual(probe, { color: RED, 'font-size': '30px' });
    assert.equal((await style(page.locator('.host-mark'), 'display')).display, 'none');
    assert.equal((await style(page.locator('body'), 'font-family'))['font-family'].includes('Noto'), false);
    await page.close();
  });

  test('looks right at 390 px wide', async () => {
    const { page } = await openDemo({ width: 390, height: 844 });
    await page.locator(W).evaluate((el) => el.scrollIntoView());
    assert.ok(await page.locator(`${W} .tabs`).isVisible(), 'the narrow widget uses tabs');
    await shot(page, 'embed-390');
    await page.close();
  });
});
