/**
 * A meeting's 会议记录 as a Word document in the layout of the paper 会议记录本 (时间/地点/主持人/
 * 记录人/应到/实到/缺席人员及原因/议题/内容/决议), generated from the record — 应到, 实到 and the
 * absent names come from the check-in rows, never typed.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import type { Actor } from '../../lib/scope.ts';
import { cnDate } from './periods.ts';
import { getMeeting } from './meetings.service.ts';

const FONT = '仿宋';
const run = (text: string, o: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text, bold: o.bold, size: o.size ?? 24, font: FONT });
const para = (
  text: string,
  o: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) => new Paragraph({ alignment: o.align, spacing: { before: 40, after: 40, line: 360 }, children: [run(text, o)] });

const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };
const cell = (
  content: string | Paragraph[],
  width: number,
  o: { bold?: boolean; span?: number; center?: boolean } = {},
) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: o.span,
    borders,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children:
      typeof content === 'string'
        ? content
            .split('\n')
            .map((line) => para(line, { bold: o.bold, align: o.center ? AlignmentType.CENTER : undefined }))
        : content,
  });
const LABEL = 1500;
const VALUE = 3035;
const WIDE = LABEL + VALUE * 2 + LABEL;

const hm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

export async function minutesDocx(ctx: Ctx, actor: Actor, id: number) {
  const m = await getMeeting(ctx, actor, id);
  const expected = m.attendees.filter((a) => a.role === '应到');
  const present = expected.filter((a) => a.status === '出席' || a.status === '补签');
  const absent = expected.filter((a) => a.status === '缺席' || a.status === '请假');
  const lieXi = [
    ...m.attendees.filter((a) => a.role === '列席' && (a.status === '出席' || a.status === '补签')).map((a) => a.name),
    ...m.guests.map((g) => (g.unit ? `${g.name}(${g.unit})` : g.name)),
  ];
  const when = `${cnDate(m.heldDate)} ${hm(m.heldAt)}${m.endAt ? `—${hm(m.endAt)}` : ''}`;
  const absentText = absent.length
    ? absent.map((a) => (a.status === '请假' ? `${a.name}(请假:${a.reason ?? ''})` : `${a.name}(缺席)`)).join(';')
    : '无';
  const made = present.filter((a) => a.status === '补签');
  const presentText =
    present.map((a) => a.name).join('、') +
    (made.length ? `\n(其中补签:${made.map((a) => `${a.name}——${a.reason ?? ''}`).join(';')})` : '');
  const pair = (l1: string, v1: string, l2: string, v2: string) =>
    new TableRow({
      children: [
        cell(l1, LABEL, { bold: true, center: true }),
        cell(v1, VALUE),
        cell(l2, LABEL, { bold: true, center: true }),
        cell(v2, VALUE),
      ],
    });
  const wide = (label: string, value: string | Paragraph[]) =>
    new TableRow({
      children: [cell(label, LABEL, { bold: true, center: true }), cell(value, WIDE - LABEL, { span: 3 })],
    });
  const minutes = (m.minutes ?? '(未填写会议内容)').split(/\r?\n/).filter((l) => l.trim());
  const rows = [
    pair('时  间', when, '地  点', m.place ?? ''),
    pair('主持人', m.host ?? '', '记录人', m.recorder ?? ''),
    wide('会议类型', m.types.join('、')),
    pair(
      '应到人数',
      `${m.expected} 人(有表决权 ${m.expectedVoting} 人)`,
      '实到人数',
      `${m.present} 人(有表决权 ${m.presentVoting} 人)`,
    ),
    wide('缺席人员\n及原因', absentText),
    wide('出席人员', presentText || '无'),
    ...(lieXi.length ? [wide('列席人员', lieXi.join('、'))] : []),
    wide('议  题', m.topic),
    ...(m.types.includes('党课') ? [wide('党  课', `主讲人:${m.lecturer ?? ''}  题目:${m.lectureTitle ?? ''}`)] : []),
    ...(m.talkMode ? [wide('谈话方式', m.talkMode)] : []),
    wide(
      '会议内容',
      minutes.map(
        (l) => new Paragraph({ spacing: { line: 360 }, indent: { firstLine: 480 }, children: [run(l.trim())] }),
      ),
    ),
    wide('决  议', m.resolutions.length ? m.resolutions.map((r, i) => `${i + 1}. ${r.text}`).join('\n') : '无'),
    wide('法定人数', m.quorumByType.map((q) => `${q.type}:${q.met ? '已达到' : '未达到'}(${q.rule})`).join('\n')),
  ];
  const doc = new Document({
    creator: '落实',
    title: `${m.org.name}会议记录`,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1200, bottom: 1200, left: 1100, right: 1100 } } },
        children: [
          para('会 议 记 录', { bold: true, size: 40, align: AlignmentType.CENTER }),
          para(m.org.name, { size: 26, align: AlignmentType.CENTER }),
          new Table({ width: { size: WIDE, type: WidthType.DXA }, columnWidths: [LABEL, VALUE, LABEL, VALUE], rows }),
          para(
            `本记录由落实平台根据会议记录与签到生成。录入时间:${cnDate(new Date(Date.parse(m.createdAt) + 8 * 3600_000).toISOString().slice(0, 10))} ${hm(m.createdAt)}${m.createdBy ? `(${m.createdBy})` : ''}${m.backdateReason ? `;补录原因:${m.backdateReason}` : ''}${m.status === '已作废' ? `;本记录已作废:${m.voidReason ?? ''}` : ''}。`,
            { size: 18 },
          ),
          para('记录人签字:                    主持人签字:', { size: 24 }),
        ],
      },
    ],
  });
  const data = await Packer.toBuffer(doc);
  await ctx.db
    .transaction()
    .execute((trx) => audit(ctx, trx, actor, { action: 'meeting.print', entity: 'meeting', entityId: id }));
  return { fileName: `会议记录-${m.org.name}-${m.heldDate}.docx`, data: Buffer.from(data) };
}
