/** Reading uploaded .xlsx files (streaming) and the small value conversions imports need. */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AppError, badRequest } from '../../lib/errors.ts';

export type Cell = string | number | Date | boolean | null;
export interface SheetRow {
  row: number;
  cells: Cell[];
}

export const MAX_ROWS = 100_000;
export const notXlsx = () => badRequest('NOT_XLSX', '文件不是有效的 Excel(.xlsx)文件');
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** exceljs cell values come as rich text, formulas, hyperlinks …: reduce them to plain values. */
export function plainValue(v: unknown): Cell {
  if (v == null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as any;
    if (Array.isArray(o.richText)) return plainValue(o.richText.map((r: any) => r.text).join(''));
    if ('result' in o) return plainValue(o.result);
    if ('text' in o) return plainValue(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

const yield_ = () => new Promise<void>((r) => setImmediate(r));

const isSheet = (n: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n);

const chunked = (b: Buffer) =>
  // Small chunks: the reader parses and yields per chunk, so the event loop is never held for long.
  Readable.from(
    (function* () {
      for (let i = 0; i < b.length; i += 64 * 1024) yield b.subarray(i, i + 64 * 1024);
    })(),
  );

/**
 * exceljs's streaming reader depends on the order of the parts inside the zip: a worksheet that
 * comes before workbook.xml or styles.xml crashes it or loses its dates, and zip writers (exceljs
 * itself included) do not guarantee an order. Files in a usable order (Excel's, WPS's) are streamed
 * as they are; others get workbook.xml, its rels, styles and shared strings moved to the front
 * (otherwise the reader spools sheets to temp files and re-reads them). Reading the zip directory first
 * is also a cheap, exact check that the file is a zip holding a worksheet.
 */
async function orderedParts(buf: Buffer): Promise<Readable> {
  let src: JSZip;
  try {
    src = await JSZip.loadAsync(buf);
  } catch {
    throw notXlsx();
  }
  const inFile = Object.keys(src.files);
  const firstSheet = inFile.findIndex(isSheet);
  if (firstSheet < 0) throw notXlsx();
  const needed = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'].filter(
    (n) => src.files[n],
  );
  if (needed.every((n) => inFile.indexOf(n) < firstSheet)) return chunked(buf);
  // Re-order the zip's directory (JSZip writes entries in the key order of `files`) and write it
  // out again: DEFLATE entries are copied as they are, not re-compressed, so this takes milliseconds.
  const reordered: Record<string, JSZip.JSZipObject> = {};
  for (const n of [...needed, ...Object.keys(src.files).filter((n) => !needed.includes(n))])
    reordered[n] = src.files[n];
  (src as { files: Record<string, JSZip.JSZipObject> }).files = reordered;
  return chunked(await src.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/**
 * Streams the first non-empty worksheet of an .xlsx. `onHeader` sees each leading row until it
 * accepts one as the header (it may throw to refuse the file early); empty rows are skipped; row numbers are the
 * ones Excel shows. The event loop gets a turn every 1,000 rows. With `onBatch`, rows are handed
 * over (the first alone, then 1,000 at a time) instead of collected. Runs in the parse sandbox
 * (readSheetIsolated); the zip must have passed checkZip first.
 */
export async function readSheet(
  buf: Buffer,
  hooks: {
    onHeader: (header: Cell[], row: number) => boolean;
    onNoHeader?: () => void;
    onRow?: (n: number) => void;
    onBatch?: (rows: SheetRow[]) => void;
  },
): Promise<{ header: Cell[]; rows: SheetRow[]; total: number }> {
  // A zip starts with "PK\3\4"; anything else (a .txt renamed, random bytes) is refused at once.
  // Old binary Excel (OLE2 container) is common in offices: say what to do about it.
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0)
    throw badRequest(
      'NOT_XLSX',
      '文件不是有效的 Excel(.xlsx)文件:这是旧版 .xls 格式,请在 Excel 或 WPS 中「另存为」.xlsx 后再上传',
    );
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  let header: Cell[] | null = null;
  let rows: SheetRow[] = [];
  let total = 0;
  const flush = () => {
    if (hooks.onBatch && rows.length) {
      hooks.onBatch(rows);
      rows = [];
    }
  };
  // A zip without worksheets (a .docx, a renamed archive) is not a spreadsheet.
  let sawSheet = false;
  let sawContent = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(await orderedParts(buf), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    } as any);
    for await (const ws of reader as any) {
      // Only the first worksheet that has content is read; later sheets (instructions…) are ignored.
      const mine = header === null && !sawContent;
      sawSheet = true;
      for await (const r of ws) {
        if (!mine) continue;
        const values = (r.values as unknown[]).slice(1).map(plainValue);
        if (values.every((v) => v == null)) continue;
        if (!header) {
          // Title rows above the header (「2025年党员花名册」) are skipped: onHeader says which row it is.
          sawContent = true;
          if (hooks.onHeader(values, r.number)) header = values;
          continue;
        }
        if (total >= MAX_ROWS)
          throw badRequest(
            'TOO_MANY_ROWS',
            `数据超过 ${MAX_ROWS.toLocaleString('en-US')} 行上限,请拆分为多个文件分批导入`,
          );
        rows.push({ row: r.number, cells: values });
        total++;
        hooks.onRow?.(total);
        if (total === 1 || total % 1000 === 0) {
          flush();
          await yield_();
        }
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notXlsx();
  }
  if (!sawSheet) throw notXlsx();
  if (!header && sawContent) hooks.onNoHeader?.();
  if (!header) throw badRequest('EMPTY_SHEET', '工作表是空的:第一行应为表头,从第二行起为数据');
  if (!total) throw badRequest('EMPTY_SHEET', '表格中没有数据行:第一行为表头,请从第二行起填写数据');
  flush();
  return { header, rows, total };
}

const pad = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d)
    return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A local date `YYYY-MM-DD` from what people put in a date cell: an Excel date, an Excel serial
 * number, or text 2005-07-01 / 2005/7/1 / 2005.7.1 / 2005年7月1日. Returns null when unreadable.
 */
export function parseDateCell(v: Cell): string | null {
  if (v instanceof Date) {
    // exceljs gives Excel's local date as a UTC instant: read it back with UTC getters.
    if (Number.isNaN(v.getTime())) return null;
    return validYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 200_000) return null;
    const dt = new Date(Math.round((v - 25569) * 86400000));
    return validYmd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
  }
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)$/.exec(
    v.trim(),
  );
  if (!m) return null;
  return validYmd(Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5]));
}

/** Text of a cell that must be text (codes, phone numbers); numbers are accepted as written. */
export function textCell(v: Cell): string | null {
  if (v == null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim() || null;
}

/** `attachment` header with the Chinese file name encoded per RFC 5987 (ASCII fallback first). */
export function attachment(fileName: string, asciiFallback: string) {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A streaming workbook writer whose output is collected into one Buffer (for big exports). */
export function bufferedWriter() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  // zlib level 1: exports are downloaded once; compressing harder costs more CPU than it saves bytes.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  } as any);
  return {
    wb,
    finish: async () => {
      await wb.commit();
      return done;
    },
  };
}
