// Shared helpers for the browser tests: the system Chromium through playwright-core
// (never a downloaded browser), a tiny static server for dist/, the seeds, and
// request recording.

import { createServer } from 'node:http';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = join(ROOT, 'dist');
export const OUT = join(ROOT, 'tests', 'browser', 'out');
export const SINGLE_FILE_URL = pathToFileURL(join(DIST, 'mirsad.html')).href;
export const CHROMIUM = process.env.MIRSAD_CHROMIUM || '/usr/bin/chromium';

mkdirSync(OUT, { recursive: true });

/** The seed articles, sorted by file name: [{id, text}]. */
export function seeds() {
  const dir = join(ROOT, 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Launch the system Chromium headless, with no background traffic of its own;
 * `extraArgs` for callers that need more (the search benchmark's memory figures).
 */
export async function launch({ extraArgs = [] } = {}) {
  try {
    statSync(CHROMIUM);
  } catch {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (./build.sh test does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // file:// pages in these tests read nothing but themselves.
      '--disable-features=Translate,OptimizationHints,MediaRouter',
      ...extraArgs,
    ],
  });
}

/** A browser context pinned to Arabic and Riyadh time, at one of the two sizes we check. */
export async function newPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({
    locale: 'ar',
    timezoneId: 'Asia/Riyadh',
    viewport: { width, height },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.errors = errors;
  return page;
}

/** Record every URL the page requests (navigations, scripts, wasm, fetches…). */
export function recordRequests(page) {
  const urls = [];
  page.on('request', (req) => urls.push(req.url()));
  return urls;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serve `dir` on 127.0.0.1 at a free port; `extra` maps paths to {type, body} for
 * pages a test makes up. Returns {origin, close()}.
 */
export async function serve(dir = DIST, extra = {}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (extra[path]) {
      res.writeHead(200, { 'content-type': extra[path].type || 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(extra[path].body);
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let body;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Wait until the widget has analysed its articles (or failed: then throw its message). */
export async function waitReady(page, selector = 'mirsad-explorer') {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return el && (el.dataset.state === 'ready' || el.dataset.state === 'error');
    },
    selector,
    { timeout: 30_000 },
  );
  const state = await page.$eval(selector, (el) => el.dataset.state);
  if (state === 'error') {
    const message = await page.$eval(selector, (el) => el.shadowRoot.querySelector('.status')?.textContent);
    throw new Error(`the widget failed: ${message}`);
  }
}

/** Screenshot into tests/browser/out/ (gitignored). */
export async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
}
