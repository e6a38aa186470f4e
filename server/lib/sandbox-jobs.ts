/**
 * What the parse sandbox (sandbox.ts) runs, inside a worker thread with a capped heap. Every
 * input is a buffer from an upload; every zip is bounded (zip-guard.ts) before a parser sees it.
 * Throwing an AppError answers the request with it; anything else becomes the caller's 400.
 */
import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import { badRequest } from './errors.ts';
import { checkZip, readEntry, type ZipLimits } from './zip-guard.ts';
import type { ImportKind } from '../modules/imports/columns.ts';
import { headerDecider } from '../modules/imports/header.ts';
import { readSheet, type SheetRow } from '../modules/imports/xlsx.ts';
import { manualFromXlsx } from '../modules/standards/manual-xlsx.ts';

const MB = 1024 * 1024;

export interface DocxProfile {
  zip: ZipLimits;
  /** Elements and nesting depth of word/document.xml. */
  maxElements: number;
  maxDepth: number;
}

/** 文件 (speeches, plans): up to 500,000 characters of text. */
export const DOCUMENT_DOCX: DocxProfile = {
  zip: { maxEntryBytes: 24 * MB, maxTotalBytes: 48 * MB, maxRatio: 100, maxEntries: 2000 },
  maxElements: 1_500_000,
  maxDepth: 256,
};
/** 述职报告: a few thousand characters, much smaller bounds. */
export const REPORT_DOCX: DocxProfile = {
  zip: { maxEntryBytes: 8 * MB, maxTotalBytes: 24 * MB, maxRatio: 100, maxEntries: 1000 },
  maxElements: 400_000,
  maxDepth: 256,
};
/** Import sheets: 100,000 rows fit; shared strings are kept in memory by the reader, so less. */
export const XLSX_LIMITS: ZipLimits = {
  maxEntryBytes: 200 * MB,
  maxTotalBytes: 400 * MB,
  maxRatio: 100,
  maxEntries: 500,
};
const MAX_SHARED_STRINGS = 64 * MB;

const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Elements and greatest nesting depth of an XML text, in one pass (no parser, no tree). */
export function xmlShape(xml: string): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  let max = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) {
    const c = xml.charCodeAt(i + 1);
    if (c === 47 /* / */) depth--;
    else if (c !== 63 /* ? */ && c !== 33 /* ! */) {
      elements++;
      const end = xml.indexOf('>', i);
      if (end < 0) break;
      if (xml.charCodeAt(end - 1) !== 47) max = Math.max(max, ++depth);
    }
  }
  return { elements, depth: max };
}

export const jobs = {
  /**
   * The text of a .docx (mammoth), refused when the zip, the document's shape or the text is
   * beyond the profile. `invalid` is the caller's error for a file that is not a readable .docx.
   */
  async docxText(input: {
    data: Uint8Array;
    profile: 'document' | 'report';
    maxChars: number;
    what: string;
    invalid: { code: string; message: string };
  }): Promise<string> {
    const buf = asBuffer(input.data);
    const profile = input.profile === 'report' ? REPORT_DOCX : DOCUMENT_DOCX;
    const invalid = () => badRequest(input.invalid.code, input.invalid.message);
    if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw invalid();
    let entries: Awaited<ReturnType<typeof checkZip>>;
    try {
      entries = await checkZip(buf, profile.zip, input.what);
    } catch (e) {
      if ((e as { code?: string }).code === 'ZIP_INVALID') throw invalid();
      throw e;
    }
    const main = entries.find((e) => e.name === 'word/document.xml');
    if (!main) throw invalid();
    const shape = xmlShape(readEntry(buf, main, input.what).toString('utf8'));
    if (shape.elements > profile.maxElements || shape.depth > profile.maxDepth)
      throw badRequest(
        'FILE_TOO_COMPLEX',
        `${input.what}结构过于复杂(${shape.elements.toLocaleString('en-US')} 个元素,嵌套 ${shape.depth} 层),可能已损坏或不是正常文档,未保存任何内容`,
      );
    let text: string;
    try {
      text = (await mammoth.extractRawText({ buffer: buf })).value;
    } catch {
      throw invalid();
    }
    if (text.length > input.maxChars)
      throw badRequest(
        'TEXT_TOO_LONG',
        `${input.what}的文字超过 ${input.maxChars.toLocaleString('en-US')} 字上限(约 ${text.length.toLocaleString('en-US')} 字),请删减或拆分后再上传`,
      );
    return text;
  },

  /**
   * The first non-empty worksheet of an import file, header recognized for `kind`. Posts
   * {header} once, then {rows} batches; returns the number of rows.
   */
  async xlsxSheet(input: { data: Uint8Array; kind: ImportKind }, post: (p: unknown) => void): Promise<number> {
    const buf = asBuffer(input.data);
    await checkSheetZip(buf);
    const decide = headerDecider(input.kind);
    const { total } = await readSheet(buf, {
      onHeader: (h, row) => {
        const ok = decide.onHeader(h, row);
        if (ok) post({ header: { columns: decide.found.columns, row } });
        return ok;
      },
      onNoHeader: decide.onNoHeader,
      onBatch: (rows: SheetRow[]) => post({ rows }),
    });
    return total;
  },

  /** A 评分手册 workbook (标准化), read into the manual's tree; the zip is bounded first. */
  async manualXlsx(input: { data: Uint8Array }) {
    const buf = asBuffer(input.data);
    await checkSheetZip(buf);
    return manualFromXlsx(buf);
  },

  /** The uploaded sheet itself with the bad cells filled red and a 错误说明 column (the import's error report). */
  async xlsxErrorReport(input: {
    data: Uint8Array;
    headerRow: number;
    /** Column number of each column header named in `errors`. */
    columnOf: [string, number][];
    errors: { row: number; column: string; message: string }[];
  }): Promise<Uint8Array> {
    const buf = asBuffer(input.data);
    await checkSheetZip(buf);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.worksheets.find((w) => w.actualRowCount > 0) ?? wb.worksheets[0];
    const colOf = new Map(input.columnOf);
    const noteCol = ws.columnCount + 1;
    const h = ws.getRow(input.headerRow).getCell(noteCol);
    h.value = '错误说明';
    h.font = { bold: true, color: { argb: 'FFC00000' } };
    ws.getColumn(noteCol).width = 60;
    const notes = new Map<number, string[]>();
    for (const e of input.errors) {
      const col = colOf.get(e.column);
      if (col)
        ws.getRow(e.row).getCell(col).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      notes.set(e.row, [...(notes.get(e.row) ?? []), `${e.column}:${e.message}`]);
    }
    for (const [row, msgs] of notes) {
      const c = ws.getRow(row).getCell(noteCol);
      c.value = msgs.join(';');
      c.font = { color: { argb: 'FFC00000' } };
    }
    return new Uint8Array(await wb.xlsx.writeBuffer());
  },
};

async function checkSheetZip(buf: Buffer) {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) return; // readSheet words the refusal
  let entries: Awaited<ReturnType<typeof checkZip>>;
  try {
    entries = await checkZip(buf, XLSX_LIMITS, 'Excel 文件');
  } catch (e) {
    if ((e as { code?: string }).code === 'ZIP_INVALID')
      throw badRequest('NOT_XLSX', '文件不是有效的 Excel(.xlsx)文件');
    throw e;
  }
  const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (shared && shared.size > MAX_SHARED_STRINGS)
    throw badRequest(
      'FILE_TOO_COMPLEX',
      `Excel 文件的共享文本过大(${Math.round(shared.size / MB)} MB,上限 ${MAX_SHARED_STRINGS / MB} MB),可能已损坏或不是正常表格,未保存任何内容`,
    );
}

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;
