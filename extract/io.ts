// Reading input documents for the CLI: .txt in UTF-8 / UTF-16 / GB18030 (detected), .docx, or stdin.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import mammoth from 'mammoth';
import { garbageRatio } from './normalize.ts';

/** An error whose message is meant for the user (Chinese, no stack trace). */
export class UserError extends Error {}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Decode a text buffer: BOMs first, then strict UTF-8, else GB18030 (a superset of GBK/GB2312). */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  // A cut-off copy (or a pipe through `head -c`) may end inside a multi-byte character: still UTF-8.
  for (let cut = 0; cut <= Math.min(3, buf.length - 1); cut++) {
    try {
      return { text: utf8.decode(buf.subarray(0, buf.length - cut)), encoding: 'utf-8' };
    } catch {
      /* try without the last bytes, then GB18030 */
    }
  }
  return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Word HTML (from mammoth) → text: one line per paragraph, table rows as tab-separated cells, so that 分工 tables
 * keep their columns (牵头单位 / 完成时限 …) for the table reader.
 */
export function htmlToText(html: string): string {
  return html
    .replace(
      /<t([dh])\b[^>]*>([\s\S]*?)<\/t\1>/g,
      (_m, _k, cell: string) =>
        `${cell
          .replace(/<\/p>\s*<p[^>]*>/g, ' ')
          .replace(/<\/?p\b[^>]*>|<br\s*\/?>/g, ' ')
          .trim()}\t`,
    )
    .replace(/<\/(?:p|h[1-6]|li|tr)>|<br\s*\/?>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(
            parseInt(e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1), e[1] === 'x' || e[1] === 'X' ? 16 : 10),
          )
        : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .replace(/\t+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** NUL bytes or control characters in the raw bytes: a binary file, not text. */
function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i];
    if (c === 0 || c < 9 || (c > 13 && c < 32 && c !== 27)) bad++;
  }
  return n > 0 && bad / n > 0.01;
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Read FILE ('-' = stdin) as text. Throws UserError with a Chinese message when it cannot. */
export async function readDocument(file: string): Promise<{ text: string; encoding: string }> {
  let buf: Buffer;
  if (file === '-') buf = await readStdin();
  else {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      throw new UserError(`找不到文件:${file}`);
    }
    if (st.isDirectory()) throw new UserError(`这是一个目录,不是文件:${file}`);
    try {
      buf = fs.readFileSync(file);
    } catch {
      throw new UserError(`无法读取文件:${file}`);
    }
  }
  if (isZip(buf) || /\.docx$/i.test(file)) {
    if (!isZip(buf)) throw new UserError(`文件扩展名是 .docx,但内容不是 Word 文档:${file}`);
    try {
      const r = await mammoth.convertToHtml({ buffer: buf });
      return { text: htmlToText(r.value), encoding: 'docx' };
    } catch {
      throw new UserError(`无法解析 Word 文档(只支持 .docx,不支持旧版 .doc):${file}`);
    }
  }
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0)
    throw new UserError(`不支持旧版 Word(.doc)格式,请另存为 .docx 或 .txt:${file}`);
  if (buf[0] === 0x25 && buf[1] === 0x50 && buf[2] === 0x44 && buf[3] === 0x46)
    throw new UserError(`不支持 PDF,请先转换为 .txt 或 .docx:${file}`);
  const bom16 = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  if (!bom16 && looksBinary(buf))
    throw new UserError(`文件不是文本(含二进制内容),无法识别:${file === '-' ? '标准输入' : file}`);
  const d = decodeText(buf);
  if (garbageRatio(d.text) > 0.1)
    throw new UserError(`文件内容是乱码,无法识别编码:${file === '-' ? '标准输入' : file}`);
  return d;
}
