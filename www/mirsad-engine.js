// The analysis engine: wasm's Corpus behind calls that return Promises, run in a Web
// Worker when one starts (a large set is analysed without freezing the page), else in
// this thread (a page whose CSP or origin refuses the worker still works).
//
// A classic worker, so that it also starts inside the single file from file://:
// build-single.mjs makes it from the source text of `mirsadWorkerMain` and the
// no-modules glue (a blob: worker in dist/mirsad.html, dist/embed/mirsad-worker.js
// beside the embed). The main thread compiles the wasm once and posts the
// WebAssembly.Module; the worker instantiates it.

// The Corpus methods the widget calls (wasm.rs); nothing else crosses to the worker.
const CORPUS_CALLS = ['analysisJson', 'search', 'articleHtml', 'export', 'timelineSvg', 'timelineOverviewSvg', 'timelineZoom', 'cooccurrenceSvg'];
const WORKER_START_MS = 10000;

// Runs in the worker. Self-contained (its source text is the worker's code): it
// uses nothing but its arguments and the worker's globals.
export function mirsadWorkerMain(scope, wasm) {
  const allowed = ['analysisJson', 'search', 'articleHtml', 'export', 'timelineSvg', 'timelineOverviewSvg', 'timelineZoom', 'cooccurrenceSvg'];
  const corpora = new Map();
  let nextHandle = 1;
  scope.onmessage = (ev) => {
    const { id, op, args } = ev.data || {};
    const reply = (msg) => scope.postMessage(Object.assign({ id }, msg));
    try {
      if (op === 'init') {
        wasm.initSync({ module: args[0] });
        reply({ value: wasm.version() });
      } else if (op === 'open') {
        const corpus = new wasm.Corpus(args[0], (stage, n) => scope.postMessage({ id, progress: { stage, n } }));
        const handle = nextHandle++;
        corpora.set(handle, corpus);
        reply({ value: { handle, analysis: corpus.analysis() } });
      } else if (op === 'free') {
        const corpus = corpora.get(args[0]);
        if (corpus) corpus.free();
        corpora.delete(args[0]);
        reply({ value: true });
      } else {
        const corpus = corpora.get(args[0]);
        if (!corpus) throw new Error('this analysis was closed');
        if (!allowed.includes(op)) throw new Error(`unknown call ${op}`);
        reply({ value: corpus[op](...args.slice(1)) });
      }
    } catch (err) {
      reply({ error: err && err.message ? err.message : String(err) });
    }
  };
}

// A corpus analysed in this thread.
function threadEngine(wasm) {
  return {
    kind: 'thread',
    async open(articles, onProgress) {
      const corpus = new wasm.Corpus(articles, onProgress ? (stage, n) => onProgress(stage, n) : undefined);
      return {
        analysis: corpus.analysis(),
        call: async (op, ...args) => {
          if (!CORPUS_CALLS.includes(op)) throw new Error(`unknown call ${op}`);
          return corpus[op](...args);
        },
        free: () => corpus.free(),
      };
    },
  };
}

// A corpus analysed in `worker`, which is started with `module`.
function workerEngine(worker, module) {
  let nextId = 1;
  let broken = null; // once the worker dies, every call fails with why
  const pending = new Map();
  const failAll = (message) => {
    broken = message;
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  worker.onmessage = (ev) => {
    const { id, progress, value, error } = ev.data || {};
    const p = pending.get(id);
    if (!p) return;
    if (progress) {
      p.onProgress?.(progress.stage, progress.n);
      return;
    }
    pending.delete(id);
    if (error !== undefined) p.reject(new Error(error));
    else p.resolve(value);
  };
  worker.onerror = (ev) => {
    ev.preventDefault?.();
    failAll(`the analysis worker stopped: ${ev.message || 'it could not start'}`);
  };
  worker.onmessageerror = () => failAll('the analysis worker sent what cannot be read');
  const request = (op, args, onProgress) => new Promise((resolve, reject) => {
    if (broken) {
      reject(new Error(broken));
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, op, args });
  });
  return {
    kind: 'worker',
    ready: request('init', [module]),
    async open(articles, onProgress) {
      const { handle, analysis } = await request('open', [articles], onProgress);
      return {
        analysis,
        call: (op, ...args) => request(op, [handle, ...args]),
        free: () => request('free', [handle]).catch(() => {}),
      };
    },
    terminate: () => {
      worker.terminate();
      failAll('the analysis worker was stopped');
    },
  };
}

// The engine for a page: in a worker made by `makeWorker()` and started with the
// compiled `module`, or in this thread with `wasm` when either is missing or the
// worker does not start (a CSP without worker-src, a cross-origin script URL).
export async function startEngine(wasm, module, makeWorker) {
  if (module && makeWorker) {
    let engine = null;
    try {
      const worker = makeWorker();
      if (worker) {
        engine = workerEngine(worker, module);
        let timer = 0;
        await Promise.race([engine.ready, new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('the analysis worker did not start')), WORKER_START_MS);
        })]).finally(() => clearTimeout(timer));
        return engine;
      }
    } catch {
      engine?.terminate();
      // Fall through: the same analysis, in this thread.
    }
  }
  return threadEngine(wasm);
}
