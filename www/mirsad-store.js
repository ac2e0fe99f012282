// A reader's own articles, kept in this browser's IndexedDB (they survive a reload).
// One object store of {id, text, dct?, page?, name, added, bytes}. Each write is its
// own transaction: one that fails (a full quota) takes nothing already saved with it.

const DB_VERSION = 1;
const STORE = 'articles';

// An Error whose `code` says what went wrong: 'quota' (storage full), 'unavailable'
// (no IndexedDB here: a private window, a sandboxed frame) or 'failed'.
function storeError(err, what) {
  const name = err && err.name;
  const e = new Error(`${what}: ${(err && err.message) || name || 'IndexedDB failed'}`);
  e.code = name === 'QuotaExceededError' ? 'quota' : 'failed';
  return e;
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// Open (creating) the database `name`; rejects with code 'unavailable'.
export async function openArticleStore(name) {
  let db;
  try {
    if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
    const req = indexedDB.open(name, DB_VERSION);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    db = await request(req);
  } catch (err) {
    const e = new Error((err && err.message) || 'IndexedDB is not available');
    e.code = 'unavailable';
    throw e;
  }
  // Runs `fn(store)` in one transaction; resolves when the transaction commits.
  const tx = (mode, fn, what) => new Promise((resolve, reject) => {
    let result;
    let t;
    try {
      t = db.transaction(STORE, mode);
      result = fn(t.objectStore(STORE));
    } catch (err) {
      reject(storeError(err, what));
      return;
    }
    t.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    t.onabort = () => reject(storeError(t.error, what));
    t.onerror = (ev) => ev.preventDefault(); // reported once, by onabort
  });
  return {
    all: () => tx('readonly', (s) => s.getAll(), 'reading your articles').then((list) => (list || []).sort((a, b) => (a.added || 0) - (b.added || 0))),
    put: (article) => tx('readwrite', (s) => s.put(article), `saving ${article.name || article.id}`),
    remove: (id) => tx('readwrite', (s) => s.delete(id), 'deleting'),
    clear: () => tx('readwrite', (s) => s.clear(), 'deleting'),
    close: () => db.close(),
  };
}
