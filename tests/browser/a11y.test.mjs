// Accessibility: axe-core (npm) on the page in each of its states, in both themes and
// both languages, at 1280 and 390 px: no serious or critical violation. And the
// keyboard: every control is reached with Tab and shows its focus.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, SINGLE_FILE_URL, waitReady } from './helpers.mjs';

const W = 'mirsad-explorer';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// The page with axe loaded (the page's CSP allows only its own script: bypassed here).
async function openPage({ width = 1280, height = 900, scheme = 'light' } = {}) {
  const context = await browser.newContext({ locale: 'ar', viewport: { width, height }, bypassCSP: true, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(SINGLE_FILE_URL);
  await waitReady(page);
  await page.addScriptTag({ path: AXE });
  return page;
}

async function violations(page) {
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + n.failureSummary) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const states = {
  list: async () => {},
  reader: async (page) => {
    await page.locator(`${W} .item`).nth(3).click();
    await page.locator(`${W} .reader-body p:not(.title) mark.ent`).first().waitFor();
  },
  'entity selected': async (page) => {
    if (await page.locator(`${W} .tabs`).isVisible()) await page.click(`${W} .tab[data-tab="side"]`);
    await page.locator(`${W} button.entity`).first().click();
    await page.locator(`${W} .entity-card`).waitFor({ state: 'attached' });
  },
  'search results': async (page) => {
    await page.locator(`${W} input.search`).fill('بيونج يانج');
    await page.locator(`${W} ol.list.results`).waitFor({ state: 'attached' });
  },
  'my articles dialog': async (page) => {
    await page.click(`${W} button.mine`);
    await page.locator(`${W} dialog[open]`).waitFor();
  },
  'mention card': async (page) => {
    await page.locator(`${W} .item`).nth(3).click();
    await page.locator(`${W} .reader-body p:not(.title) mark.ent`).first().focus();
    await page.locator(`${W} .mention-card:not([hidden])`).waitFor();
  },
  english: async (page) => {
    await page.click(`${W} button.lang-toggle`);
    await page.locator(`${W} .item`).first().click();
  },
};

describe('accessibility (axe-core)', () => {
  for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 390], ['dark', 390]]) {
    test(`no serious or critical violation: ${scheme}, ${width} px`, async () => {
      for (const [name, reach] of Object.entries(states)) {
        if (width === 390 && name === 'mention card') continue; // the reader tab is another state there
        const page = await openPage({ width, scheme });
        await reach(page);
        const found = await violations(page);
        assert.deepEqual(found, [], `${name}: ${JSON.stringify(found, null, 1)}`);
        await page.context().close();
      }
    });
  }
});

describe('keyboard', () => {
  test('Tab reaches the controls in order, each with a visible focus ring', async () => {
    const page = await openPage();
    const seen = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el || el === document.body) return null;
        // A timeline event or a co-occurrence cell (SVG) shows its focus as a
        // stroked band or cell, not an outline.
        if (el instanceof SVGElement) {
          const hit = el.querySelector('.hit, rect');
          return { cls: `svg ${el.getAttribute('class')}`, outline: Boolean(hit) && parseFloat(getComputedStyle(hit).strokeWidth) >= 2 && getComputedStyle(hit).stroke !== 'none' };
        }
        const cs = getComputedStyle(el);
        return { cls: el.className || el.localName, outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
      });
      if (info) seen.push(info);
    }
    const classes = seen.map((s) => s.cls).join(' | ');
    for (const want of ['mine', 'copy-link', 'theme-toggle', 'lang-toggle', 'search', 'item', 'entity', 'svg pair', 'zoom-in', 'svg event']) {
      assert.ok(classes.includes(want), `Tab reaches .${want}: ${classes}`);
    }
    const unringed = seen.filter((s) => !s.outline);
    assert.deepEqual(unringed, [], 'every focused control shows a focus ring');
    await page.context().close();
  });
});
