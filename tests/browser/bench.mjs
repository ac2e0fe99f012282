// `./build.sh bench` (after cargo bench): dist/bench.html in headless Chromium,
// the wasm figures as a table. Not part of the test run: timings vary by machine.

import { launch, newPage, serve } from './helpers.mjs';

const server = await serve();
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(`${server.origin}/bench.html`);
  const results = await page.waitForFunction(() => window.benchResults, null, { timeout: 120000 }).then((h) => h.jsonValue());
  if (results.error) throw new Error(results.error);
  console.log(`wasm in ${await browser.version()}:`);
  for (const r of results) {
    const time = r.ms < 1 ? `${(r.ms * 1000).toFixed(0)} µs` : `${r.ms.toFixed(1)} ms`;
    console.log(`  ${r.name.padEnd(40)} ${time.padStart(10)}${r.mbs ? `   ${r.mbs.toFixed(2)} MB/s` : ''}   (${r.runs} runs)`);
  }
} finally {
  await browser.close();
  await server.close();
}
