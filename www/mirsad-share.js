// Articles carried in a link's fragment: JSON, deflated (CompressionStream
// 'deflate-raw'), in base64url. No server sees them: a fragment is never sent.
// Reading a link is defensive: a truncated, edited or hostile fragment gives an Error
// that says what is wrong, and inflating stops at a size limit (no zip bomb).

export const SHARE_WARN_BYTES = 8 * 1024; // about what messengers keep of a link
export const SHARE_MAX_BYTES = 2 * 1024 * 1024;
const INFLATED_MAX_BYTES = 50 * 1024 * 1024;

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it has characters that base64url does not use');
  if (text.length % 4 === 1) throw new Error('it is cut short');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

// [{id, text, dct?, name?}] → the fragment value.
export async function encodeShared(articles) {
  const json = JSON.stringify(articles.map((a) => ({ id: a.id, text: a.text, ...(a.dct ? { dct: a.dct } : {}), ...(a.name ? { name: a.name } : {}) })));
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

// The fragment value → [{id, text, dct?, name?}], or an Error saying why not.
export async function decodeShared(value) {
  if (value.length > SHARE_MAX_BYTES * 2) throw new Error('the link is larger than any this page makes');
  const bytes = fromBase64Url(value);
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      size += chunk.length;
      if (size > INFLATED_MAX_BYTES) throw new Error('it unpacks to more than 50 MB');
      chunks.push(chunk);
    }
  } catch (err) {
    reader.cancel().catch(() => {});
    throw err instanceof TypeError || !err.message ? new Error('it is cut short or damaged') : err;
  }
  let data;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(chunks).arrayBuffer()));
  } catch {
    throw new Error('it does not hold articles');
  }
  if (!Array.isArray(data) || !data.length) throw new Error('it does not hold articles');
  return data.map((a, i) => {
    if (!a || typeof a !== 'object' || typeof a.text !== 'string' || (a.id !== undefined && typeof a.id !== 'string')) {
      throw new Error(`article ${i + 1} in it is not {id, text}`);
    }
    return { id: a.id || `shared-${i + 1}`, text: a.text, ...(typeof a.dct === 'string' && a.dct ? { dct: a.dct } : {}), ...(typeof a.name === 'string' ? { name: a.name } : {}) };
  });
}
