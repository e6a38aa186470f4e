/**
 * Word files in the layout the offices file (GB/T 9704 in spirit): A4, title in 方正小标宋简体 二号,
 * body in 仿宋_GB2312 三号 (tables 四号/小四 so a ledger fits), 28 mm / 26 mm margins. The font
 * names are what Word looks up; a machine without them substitutes its own Song/Fang Song, so the
 * file never depends on a downloaded font. Ledgers are landscape, records portrait.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const HEAD_FONT = '黑体';
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZE = { title: 44, body: 32, four: 28, smallFour: 24, five: 21 } as const;
const MM = 56.7; // twips per millimetre

const run = (text: string, o: { font?: string; size?: number; bold?: boolean } = {}) =>
  new TextRun({
    text,
    bold: o.bold,
    size: o.size ?? SIZE.body,
    font: { ascii: o.font ?? BODY_FONT, eastAsia: o.font ?? BODY_FONT, hAnsi: o.font ?? BODY_FONT },
  });

export const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240, line: 560 },
    children: [run(text, { font: TITLE_FONT, size: SIZE.title })],
  });

/** A centred line under the title (统计日期, 文号). */
export const subtitle = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 200 },
    children: [run(text, { size: SIZE.smallFour })],
  });

/** A body paragraph, first line indented two characters. */
export const para = (text: string, o: { indent?: boolean; size?: number; bold?: boolean } = {}) =>
  new Paragraph({
    indent: o.indent === false ? undefined : { firstLine: 2 * (o.size ?? SIZE.body) * 10 },
    spacing: { after: 80, line: 520 },
    children: [run(text, { size: o.size, bold: o.bold })],
  });

/** A 黑体 section heading (一、出处 …). */
export const heading = (text: string) =>
  new Paragraph({
    spacing: { before: 200, after: 120 },
    children: [run(text, { font: HEAD_FONT, size: SIZE.body })],
  });

const edge = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: edge, bottom: edge, left: edge, right: edge };

const cell = (text: string, o: { head?: boolean; width: number; size: number; center?: boolean }) =>
  new TableCell({
    borders,
    width: { size: o.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: String(text)
      .split('\n')
      .map(
        (line) =>
          new Paragraph({
            alignment: o.head || o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: [run(line, { font: o.head ? HEAD_FONT : BODY_FONT, size: o.size })],
          }),
      ),
  });

/**
 * A bordered table: `columns` are (header, share of the width); rows are strings. A row given as
 * `{ group }` spans every column (the 来源 line of a ledger). The header repeats on every page.
 */
export function table(
  columns: [string, number][],
  rows: (string[] | { group: string })[],
  o: { landscape?: boolean; size?: number } = {},
) {
  const total = (o.landscape ? 297 - 2 * 20 : 210 - 28 - 26) * MM;
  const sum = columns.reduce((s, [, w]) => s + w, 0);
  const widths = columns.map(([, w]) => Math.floor((w / sum) * total));
  const size = o.size ?? SIZE.five;
  return new Table({
    width: { size: Math.floor(total), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: columns.map(([h], i) => cell(h, { head: true, width: widths[i], size })),
      }),
      ...rows.map((r) =>
        Array.isArray(r)
          ? new TableRow({
              cantSplit: true,
              children: r.map((v, i) => cell(v, { width: widths[i], size, center: i === 0 })),
            })
          : new TableRow({
              children: [
                new TableCell({
                  borders,
                  columnSpan: columns.length,
                  shading: { fill: 'F2F2F2' },
                  children: [new Paragraph({ children: [run(r.group, { font: HEAD_FONT, size })] })],
                }),
              ],
            }),
      ),
    ],
  });
}

/** Two-column 项目 / 内容 table of a record (党员档案, 任务 basics). */
export const fields = (pairs: [string, string][], size: number = SIZE.smallFour) =>
  table(
    [
      ['项目', 1],
      ['内容', 3],
    ],
    pairs.map(([k, v]) => [k, v || '—']),
    { size },
  );

/** The whole file: A4, official margins; `landscape` for wide ledgers. */
export async function officialDocx(
  docTitle: string,
  children: (Paragraph | Table)[],
  o: { landscape?: boolean } = {},
): Promise<Buffer> {
  const doc = new Document({
    creator: '落实',
    title: docTitle,
    sections: [
      {
        properties: {
          page: {
            size: {
              width: 210 * MM,
              height: 297 * MM,
              orientation: o.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: o.landscape
              ? { top: 20 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM }
              : { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export { cnDate } from '../../common/dates.ts';
