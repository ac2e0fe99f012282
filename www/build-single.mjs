// Assemble Mirsad's two browser builds from wasm-bindgen's output (run by build.sh).
//
//   node www/build-single.mjs --web dist/pkg --no-modules target/www/nm --seeds seeds --out dist
//
// dist/mirsad.html: one file that works from file:// (where module scripts and wasm
//   fetches are refused): www/mirsad.html with the seeds as JSON, and one classic
//   inline script = the no-modules glue + the custom element + the wasm in base64,
//   started with initSync. A Content-Security-Policy allows exactly that script
//   (by its hash), wasm compilation, and no network at all.
// dist/embed/: mirsad.js (one ES module = the web glue + the custom element; loads
//   mirsad_bg.wasm and mirsad.css next to itself), mirsad_bg.wasm, mirsad.css,
//   articles.json (the seeds) and demo.html (a host page with hostile CSS).
//
// No bundler: the pieces are plain text joined in a fixed order; the `export`
// keywords are stripped where a file is inlined into a function or classic script,
// and the result is checked to parse, then minified by esbuild (whitespace,
// comments, local names: a third of the widget's gzip JS), keeping one header comment.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { transformSync } from 'esbuild';

const WWW = dirname(fileURLToPath(import.meta.url));

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) fail(`bad arguments: ${argv.join(' ')}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['web', 'no-modules', 'seeds', 'out']) if (!out[k]) fail(`missing --${k}`);
  return out;
}

/** esbuild's minification of a script (`format`: 'esm' or 'iife'), under `banner`. */
function minify(code, format, banner) {
  try {
    const out = transformSync(code, { minify: true, format, target: 'es2022', legalComments: 'none', charset: 'utf8' });
    return `${banner}\n${out.code}`;
  } catch (e) {
    fail(`esbuild could not minify: ${e.message}`);
  }
}

function fail(msg) {
  console.error(`build-single: ${msg}`);
  process.exit(1);
}

const read = (p) => readFileSync(p, 'utf8');

// JSON that is safe inside <script> (no "</script", no "<!--") and inside JS source.
function safeJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// Turn an ES module without imports into plain statements (its exports become locals).
function stripExports(source, name) {
  if (/^\s*import[\s{*]/m.test(source)) fail(`${name} has an import statement; it cannot be inlined`);
  const out = source
    .replace(/^export\s*\{[^}]*\};?\s*$/gm, '')
    .replace(/^export (default )?(async function|function|class|const|let|var) /gm, '$2 ');
  if (/^export\b/m.test(out)) fail(`${name}: an export form this script does not handle is left`);
  return out;
}

function checkScript(source, name) {
  try {
    new vm.Script(source, { filename: name });
  } catch (err) {
    fail(`${name} does not parse: ${err.message}`);
  }
}

const opt = args();
const seeds = readdirSync(opt.seeds)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ id: f, text: read(join(opt.seeds, f)) }));
if (!seeds.length) fail(`no .txt articles in ${opt.seeds}`);

const i18n = {};
for (const f of readdirSync(join(WWW, 'i18n')).filter((f) => f.endsWith('.json')).sort()) {
  const table = JSON.parse(read(join(WWW, 'i18n', f)));
  if (!table.direction || !table.strings) fail(`i18n/${f} needs "direction" and "strings"`);
  i18n[f.replace(/\.json$/, '')] = table;
}
const css = transformSync(read(join(WWW, 'mirsad.css')), { loader: 'css', minify: true, charset: 'utf8' }).code;
// The element and the modules it uses, joined as one script (no imports between them);
// the engine apart, as the embed's worker runs it without the element.
const engine = stripExports(read(join(WWW, 'mirsad-engine.js')), 'mirsad-engine.js');
const WIDGET_FILES = ['mirsad-store.js', 'mirsad-share.js', 'mirsad-explorer.js'];
const explorer = WIDGET_FILES.map((f) => stripExports(read(join(WWW, f)), f)).join('\n');
const version = JSON.parse(read(join(WWW, '..', 'package.json'))).version;

// ------------------------------------------------------------------ dist/mirsad.html

const nmGlue = read(join(opt['no-modules'], 'mirsad.js'));
if (!/^let wasm_bindgen = /m.test(nmGlue)) fail('unexpected no-modules glue (no `let wasm_bindgen =`)');
const wasmBytes = readFileSync(join(opt['no-modules'], 'mirsad_bg.wasm'));

// The worker's source from two functions' own text (so the glue is in the file once):
// a blob: worker, which file:// allows, where a worker file would be refused.
const singleScript = `
// Mirsad ${version}: wasm-bindgen's no-modules glue, the <mirsad-explorer> element and
// the wasm module (base64), in one classic script so the page works from file://.
(function () {
'use strict';
function mirsadGlue() {
${nmGlue}
return wasm_bindgen;
}
const wasm_bindgen = mirsadGlue();
const MIRSAD_I18N = ${safeJson(i18n)};
const MIRSAD_CSS = ${safeJson(css)};
const MIRSAD_WASM_BASE64 = "${wasmBytes.toString('base64')}";
${engine}
${explorer}
function mirsadWasmBytes() {
  const bin = atob(MIRSAD_WASM_BASE64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}
// The articles first, so the element starts once, with them.
const el = document.querySelector('mirsad-explorer');
const data = document.getElementById('mirsad-articles');
if (el && data) el.articles = JSON.parse(data.textContent);
MirsadExplorer.define({
  load() {
    const module = new WebAssembly.Module(mirsadWasmBytes());
    wasm_bindgen.initSync({ module });
    const workerSource = '"use strict";(' + mirsadWorkerMain + ')(self, (' + mirsadGlue + ')());';
    return {
      wasm: wasm_bindgen,
      module,
      makeWorker: () => new Worker(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }))),
    };
  },
  style: { text: MIRSAD_CSS },
  i18n: MIRSAD_I18N,
});
// The page follows the widget's language.
document.addEventListener('mirsad:lang', (ev) => {
  document.documentElement.lang = ev.detail.lang;
  document.documentElement.dir = ev.detail.dir;
});
// For scripts and tests: the analysis the page shows (INTERFACE.md form 3).
window.mirsad = Object.freeze({
  lastAnalysis: () => (el ? el.analysis : null),
  version: ${JSON.stringify(version)},
});
})();
`;
checkScript(singleScript, 'mirsad.html script');
const singleMin = minify(singleScript, 'iife', `/* Mirsad ${version} (MIT OR Apache-2.0) */`);
if (/<\/script|<!--/i.test(singleMin)) fail('the inline script contains "</script" or "<!--"');
const scriptHash = createHash('sha256').update(singleMin, 'utf8').digest('base64');

let page = read(join(WWW, 'mirsad.html'));
for (const marker of ['/*@ARTICLES@*/', '/*@SCRIPT@*/']) {
  if (!page.includes(marker)) fail(`www/mirsad.html lacks ${marker}`);
}
page = page
  .replace("script-src 'unsafe-inline'", `script-src 'sha256-${scriptHash}'`)
  .replace('/*@ARTICLES@*/', () => safeJson(seeds))
  .replace('/*@SCRIPT@*/', () => singleMin);
mkdirSync(opt.out, { recursive: true });
writeFileSync(join(opt.out, 'mirsad.html'), page);

// ------------------------------------------------------------------ dist/embed/

const webGlue = stripExports(read(join(opt.web, 'mirsad.js')), 'web glue');
if (!/function __wbg_init\b/.test(webGlue)) fail('unexpected web glue (no __wbg_init)');
const embedScript = `// Mirsad ${version} embed: defines <mirsad-explorer> (Shadow DOM) and nothing else global.
//   <script type="module" src=".../mirsad.js"></script>
//   <mirsad-explorer src="articles.json"></mirsad-explorer>
// or give the articles inline: <mirsad-explorer><article data-id=".." data-dct="2024-06-19">…</article></mirsad-explorer>
// mirsad_bg.wasm and mirsad.css are loaded from next to this file.

// wasm-bindgen's --target web glue, kept private to this module.
const mirsadWasm = (() => {
${webGlue}
return { init: __wbg_init, initSync, Corpus, SearchIndex, Archive, analyze, articleFromPage, decodeArticle, version };
})();

${engine}

// The same module is the analysis worker (a module worker: the glue is loaded once,
// and a CSP of script-src 'self' allows it); there it defines no element.
if (typeof document === 'undefined') {
  mirsadWorkerMain(self, mirsadWasm);
} else {
const MIRSAD_I18N = ${safeJson(i18n)};
${explorer}
MirsadExplorer.define({
  // Compiled here once: this thread's instance and the worker's share the module.
  async load() {
    const res = await fetch(new URL('mirsad_bg.wasm', import.meta.url));
    if (!res.ok) throw new Error(\`mirsad_bg.wasm: HTTP \${res.status}\`);
    const module = await WebAssembly.compile(await res.arrayBuffer());
    await mirsadWasm.init({ module_or_path: module });
    // A worker script must be same-origin: from a CDN this throws, and the
    // analysis runs in this thread instead.
    return { wasm: mirsadWasm, module, makeWorker: () => new Worker(import.meta.url, { type: 'module' }) };
  },
  style: { href: new URL('mirsad.css', import.meta.url).href },
  i18n: MIRSAD_I18N,
});
}
`;
const embed = join(opt.out, 'embed');
mkdirSync(embed, { recursive: true });
writeFileSync(join(embed, 'mirsad.js'), minify(embedScript, 'esm', `/* Mirsad ${version} <mirsad-explorer> (MIT OR Apache-2.0); loads mirsad_bg.wasm and mirsad.css from beside it */`));
copyFileSync(join(opt.web, 'mirsad_bg.wasm'), join(embed, 'mirsad_bg.wasm'));

writeFileSync(join(embed, 'mirsad.css'), css);
writeFileSync(join(embed, 'articles.json'), JSON.stringify(seeds, null, 1) + '\n');
copyFileSync(join(WWW, 'embed', 'demo.html'), join(embed, 'demo.html'));
// A realistic news page under a strict CSP (no inline script): the CSP test page.
for (const f of ['news.html', 'news.css']) copyFileSync(join(WWW, 'embed', f), join(embed, f));
