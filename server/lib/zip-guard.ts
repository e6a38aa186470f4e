/**
 * Bounds on a zip (.docx / .xlsx) before anything in it is expanded. A 727 KB .docx can hold
 * 40 MB of XML that a parser turns into gigabytes of objects; a 306 KB one can hold 300 MB of
 * text. So, from the central directory: every entry's declared size and compression ratio, the
 * total, and the number of entries are checked; then every entry is actually inflated with a hard
 * output cap (the declared sizes can lie), counting bytes, before any parser sees the file.
 * Runs inside the parse sandbox (lib/sandbox.ts): the inflating costs CPU, never the event loop.
 */
import zlib from 'node:zlib';
import { badRequest } from './errors.ts';

export interface ZipLimits {
  /** Largest uncompressed entry, in bytes. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed entries. */
  maxTotalBytes: number;
  /** Largest uncompressed / compressed ratio, for entries over 1 MB uncompressed. */
  maxRatio: number;
  maxEntries: number;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const MB = 1024 * 1024;
const tooBig = (what: string, detail: string) =>
  badRequest(
    'FILE_TOO_COMPLEX',
    `${what}解压后内容过大或压缩比异常(${detail}),可能已损坏或不是正常文档,未保存任何内容`,
  );
const broken = (what: string) => badRequest('ZIP_INVALID', `${what}文件结构损坏,无法读取`);

/** Reads the central directory (no ZIP64: a .docx/.xlsx under the 50 MB upload limit has none). */
export function centralDirectory(buf: Buffer, what: string): ZipEntry[] {
  // End of central directory: 22 bytes + a comment of up to 65,535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw broken(what);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > buf.length) throw broken(what);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw broken(what);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of an entry (after its local header). */
function entryData(buf: Buffer, e: ZipEntry, what: string) {
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw broken(what);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  if (start + e.compressedSize > buf.length) throw broken(what);
  return buf.subarray(start, start + e.compressedSize);
}

/** Bytes an entry really inflates to, counted chunk by chunk (nothing kept); stops past `cap`. */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw();
    let n = 0;
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap) {
        z.destroy();
        resolve(n);
      }
    });
    z.on('end', () => resolve(n));
    z.on('error', reject);
    z.end(data);
  });
}

/**
 * Checks the directory, then inflates every entry counting its bytes, capped at what is still
 * allowed (per entry and in total). Returns the entries with their real sizes. Throws a Chinese 400.
 */
export async function checkZip(buf: Buffer, limits: ZipLimits, what: string): Promise<(ZipEntry & { size: number })[]> {
  const entries = centralDirectory(buf, what);
  if (entries.length > limits.maxEntries) throw tooBig(what, `${entries.length} 个部件`);
  let declared = 0;
  for (const e of entries) {
    declared += e.uncompressedSize;
    if (e.uncompressedSize > limits.maxEntryBytes)
      throw tooBig(what, `「${e.name}」声明 ${Math.round(e.uncompressedSize / MB)} MB`);
    if (e.uncompressedSize > MB && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize))
      throw tooBig(what, `「${e.name}」压缩比 ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} 倍`);
  }
  if (declared > limits.maxTotalBytes) throw tooBig(what, `共 ${Math.round(declared / MB)} MB`);
  // The declared sizes are only claims: inflate for real, never past what is left of the budget.
  let total = 0;
  const out: (ZipEntry & { size: number })[] = [];
  for (const e of entries) {
    const data = entryData(buf, e, what);
    const cap = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) size = await inflatedSize(data, cap).catch(() => Promise.reject(broken(what)));
    else throw broken(what);
    if (size > cap) throw tooBig(what, `「${e.name}」实际超过 ${Math.round(cap / MB)} MB`);
    if (size > MB && size > limits.maxRatio * Math.max(1, data.length))
      throw tooBig(what, `「${e.name}」压缩比 ${Math.round(size / Math.max(1, data.length))} 倍`);
    total += size;
    out.push({ ...e, size });
  }
  return out;
}

/** Inflates one entry (already bounded by checkZip). */
export function readEntry(buf: Buffer, e: ZipEntry & { size: number }, what: string): Buffer {
  const data = entryData(buf, e, what);
  return e.method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data, { maxOutputLength: e.size + 1 });
}
