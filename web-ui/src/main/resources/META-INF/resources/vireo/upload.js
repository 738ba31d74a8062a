// Image uploads from the Images page (storage/ImageUploadPanel.java): the browser hashes the chosen file
// (SHA-256, read in 4 MiB slices, never whole in memory), then sends it in 1 MiB chunks to the web UI's relay
// (/vireo-upload/{id}, which streams each one to the engine with the signed-in person's token), resuming from
// the engine's count after a failed chunk (and, for an upload resumed after a reload, from the start), and
// finally asks the engine to check and import it. Progress and the outcome go back through $server calls.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);

/** Incremental SHA-256 (FIPS 180-4): WebCrypto's digest wants the whole input at once. */
export class Sha256 {
  constructor() {
    this.h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    this.w = new Uint32Array(64);
    this.buf = new Uint8Array(64);
    this.bufLen = 0;
    this.total = 0;
  }

  update(data) {
    let i = 0;
    this.total += data.length;
    if (this.bufLen > 0) {
      const n = Math.min(64 - this.bufLen, data.length);
      this.buf.set(data.subarray(0, n), this.bufLen);
      this.bufLen += n;
      i = n;
      if (this.bufLen < 64) {
        return;
      }
      this.block(this.buf, 0);
      this.bufLen = 0;
    }
    for (; i + 64 <= data.length; i += 64) {
      this.block(data, i);
    }
    if (i < data.length) {
      this.buf.set(data.subarray(i), 0);
      this.bufLen = data.length - i;
    }
  }

  block(p, off) {
    const w = this.w;
    for (let t = 0; t < 16; t++) {
      const j = off + 4 * t;
      w[t] = (p[j] << 24) | (p[j + 1] << 16) | (p[j + 2] << 8) | p[j + 3];
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15], y = w[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = this.h[0], b = this.h[1], c = this.h[2], d = this.h[3], e = this.h[4], f = this.h[5], g = this.h[6], h = this.h[7];
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t] + w[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    this.h[0] += a; this.h[1] += b; this.h[2] += c; this.h[3] += d;
    this.h[4] += e; this.h[5] += f; this.h[6] += g; this.h[7] += h;
  }

  hex() {
    const bits = this.total * 8;
    const pad = new Uint8Array((this.bufLen < 56 ? 64 : 128) - this.bufLen);
    pad[0] = 0x80;
    const hi = Math.floor(bits / 4294967296), lo = bits >>> 0, n = pad.length;
    for (let i = 0; i < 4; i++) {
      pad[n - 8 + i] = (hi >>> (24 - 8 * i)) & 255;
      pad[n - 4 + i] = (lo >>> (24 - 8 * i)) & 255;
    }
    this.update(pad);
    return Array.from(this.h, v => v.toString(16).padStart(8, '0')).join('');
  }
}

const HASH_SLICE = 4 << 20;
const CHUNK = 1 << 20;
const RETRIES = 5;

function throttled(fn, ms) {
  let last = 0;
  return (v, force) => {
    const now = performance.now();
    if (force || now - last >= ms) {
      last = now;
      fn(v);
    }
  };
}

async function relay(id, ticket, method, path, body, headers) {
  const r = await fetch(new URL('vireo-upload/' + id + path, document.baseURI), {
    method, body, credentials: 'same-origin', redirect: 'manual',
    headers: Object.assign({'X-Vireo-Upload-Ticket': ticket}, headers || {})});
  let j = null;
  try { j = await r.json(); } catch (e) { /* not JSON: a sign-in page, a proxy's error */ }
  if (!r.ok || j === null) {
    const err = new Error(j && j.detail ? j.detail
        : 'HTTP ' + r.status + (r.type === 'opaqueredirect' ? ': the sign-in expired; reload the page' : ''));
    err.status = r.status;
    throw err;
  }
  return j;
}

/** Tells the server which file was chosen. */
export function watch(input, host) {
  input.addEventListener('change', () => {
    const f = input.files && input.files[0];
    host.$server.fileChosen(f ? f.name : '', f ? f.size : -1);
  });
}

export async function hash(input, host) {
  try {
    const file = input.files[0];
    const h = new Sha256();
    const progress = throttled(v => host.$server.hashProgress(v), 200);
    for (let off = 0; off < file.size; off += HASH_SLICE) {
      const part = new Uint8Array(await file.slice(off, Math.min(file.size, off + HASH_SLICE)).arrayBuffer());
      h.update(part);
      progress(off + part.length, false);
    }
    host.$server.hashed(h.hex());
  } catch (e) {
    host.$server.failed('reading the file failed: ' + e.message);
  }
}

/** Sends the file from the engine's count: 0 for a new upload, what arrived before when resuming one. */
export async function send(input, host, id, ticket, resume) {
  const file = input.files[0];
  const progress = throttled(v => host.$server.sent(v), 200);
  let offset = 0, retries = 0;
  if (resume) {
    try {
      offset = (await relay(id, ticket, 'GET', '')).receivedBytes;
    } catch (e) {
      host.$server.failed('asking the engine how much arrived: ' + e.message);
      return;
    }
  }
  while (offset < file.size) {
    const end = Math.min(file.size, offset + CHUNK);
    try {
      const j = await relay(id, ticket, 'PUT', '', file.slice(offset, end), {
        'Content-Type': 'application/octet-stream', 'Content-Range': 'bytes ' + offset + '-' + (end - 1) + '/' + file.size});
      offset = j.receivedBytes;
      retries = 0;
    } catch (e) {
      // 409: the engine has another count (a chunk broke off); 5xx and no answer: try again from its count
      if ((e.status >= 400 && e.status < 500 && e.status !== 409) || ++retries > RETRIES) {
        host.$server.failed(e.message);
        return;
      }
      await new Promise(r => setTimeout(r, 500 * retries));
      try { offset = (await relay(id, ticket, 'GET', '')).receivedBytes; } catch (e2) { /* the next round asks again */ }
    }
    progress(offset, false);
  }
  progress(offset, true);
  host.$server.completing();
  try {
    host.$server.completed(JSON.stringify(await relay(id, ticket, 'POST', '/complete')));
  } catch (e) {
    host.$server.failed(e.message);
  }
}
