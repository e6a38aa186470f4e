/** Letters and bulletins rendered as the offices use them: Word (.docx, 仿宋) and Excel (.xlsx). */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { BulletinData } from './bulletins.service.ts';
import type { LetterData } from './reports.service.ts';

const cn = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const pct = (x: number | null) => (x == null ? '—' : `${x}%`);

const p = (
  text: string,
  o: { bold?: boolean; size?: number; center?: boolean; right?: boolean; indent?: boolean } = {},
) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : o.right ? AlignmentType.RIGHT : undefined,
    indent: o.indent ? { firstLine: 640 } : undefined,
    spacing: { after: 120, line: 440 },
    children: [
      new TextRun({ text, bold: o.bold, size: o.size ?? 30, font: o.bold && o.size ? '方正小标宋简体' : '仿宋' }),
    ],
  });

function table(head: string[], rows: (string | number)[][]) {
  const cell = (t: string | number, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: String(t), bold, size: 21, font: '仿宋' })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

export async function letterDocx(d: LetterData) {
  const s = d.summary;
  const notReported = d.members.filter((m) => m.state !== '已报到');
  const doc = new Document({
    creator: '落实',
    title: d.title,
    sections: [
      {
        children: [
          p(d.title, { bold: true, size: 40, center: true }),
          p(`${d.unit.name}:`),
          p(
            `现将${cn(d.fromDate)}至${cn(d.toDate)}贵单位在职党员到居住地社区(村)报到、参加志愿服务情况反馈如下(数据截至${cn(d.asOf)},由系统根据报到和社区核验记录生成)。`,
            { indent: true },
          ),
          p(
            `一、报到情况。贵单位应报到在职党员 ${s.inService} 名,已报到 ${s.reported} 名,报到率 ${pct(s.rate)}。${
              notReported.length
                ? `尚未报到或逾期未复核的有:${notReported.map((m) => `${m.name}(${m.state})`).join('、')}。`
                : '全部在职党员均已报到。'
            }`,
            { indent: true },
          ),
          p(
            `二、服务情况。本季度贵单位党员参加经社区核验的志愿服务活动 ${s.activities} 场,累计服务 ${s.hours} 小时,获得积分 ${s.points} 分。`,
            { indent: true },
          ),
          ...(d.pairings.length || d.claims.length || d.projects.length
            ? [
                p(
                  `三、共驻共建情况。贵单位结对社区:${d.pairings.map((x) => x.community).join('、') || '无'};认领社区需求 ${d.claims.length} 项;牵头共建项目 ${d.projects.length} 个。`,
                  { indent: true },
                ),
              ]
            : []),
          p('请贵单位将本反馈作为党员民主评议、评先评优和年度考核的参考,督促未报到党员及时报到。', { indent: true }),
          p('附:在职党员报到服务情况表', { indent: true }),
          table(
            [
              '序号',
              '姓名',
              '所在支部',
              '报到社区',
              '报到状态',
              '服务次数',
              '服务时长(小时)',
              '本季度积分',
              '年度累计积分',
            ],
            d.members.map((m, i) => [
              i + 1,
              m.name,
              m.branch,
              m.community ?? '—',
              m.state,
              m.activities,
              m.hours,
              m.points,
              m.yearPoints,
            ]),
          ),
          p(''),
          p(d.issuer, { right: true }),
          p(cn(d.asOf), { right: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const header = (ws: ExcelJS.Worksheet, cols: [string, number][]) => {
  ws.columns = cols.map(([h, w]) => ({ header: h, width: w }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
};

export async function letterXlsx(d: LetterData) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const ws = wb.addWorksheet('报到服务情况');
  header(ws, [
    ['序号', 6],
    ['姓名', 10],
    ['所在支部', 26],
    ['报到社区', 22],
    ['报到状态', 12],
    ['服务次数', 10],
    ['服务时长(小时)', 14],
    ['本季度积分', 12],
    ['年度累计积分', 12],
  ]);
  for (const [i, m] of d.members.entries())
    ws.addRow([i + 1, m.name, m.branch, m.community ?? '', m.state, m.activities, m.hours, m.points, m.yearPoints]);
  const ds = wb.addWorksheet('服务明细');
  header(ds, [
    ['姓名', 10],
    ['日期', 12],
    ['活动', 36],
    ['社区', 22],
    ['核验时长(小时)', 14],
  ]);
  for (const m of d.members) for (const x of m.services) ds.addRow([m.name, x.date, x.title, x.community, x.hours]);
  const cs = wb.addWorksheet('共建情况');
  header(cs, [
    ['类别', 10],
    ['内容', 36],
    ['社区', 22],
    ['状态/时间', 16],
  ]);
  for (const x of d.pairings) cs.addRow(['结对社区', '', x.community, x.since ?? '']);
  for (const x of d.claims) cs.addRow(['认领需求', x.need, x.community, x.status]);
  for (const x of d.projects) cs.addRow(['牵头项目', x.title, x.community, x.status]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function bulletinDocx(d: BulletinData) {
  const s = d.summary;
  const doc = new Document({
    creator: '落实',
    title: d.title,
    sections: [
      {
        children: [
          p(d.title, { bold: true, size: 40, center: true }),
          p('各乡镇(街道)党(工)委,县直各单位党组织:'),
          p(
            `${cn(d.fromDate)}至${cn(d.toDate)},${d.org.name}范围内应报到在职党员 ${s.inService} 名,已报到 ${s.reported} 名,报到率 ${pct(s.rate)};各村(社区)开展经核验的共驻共建活动 ${s.activities} 场,在职党员累计服务 ${s.hours} 小时。现将有关情况通报如下(数据由系统根据报到和核验记录生成,截至${cn(d.asOf)})。`,
            { indent: true },
          ),
          p(
            d.lagging.length
              ? `一、报到率低于 ${d.targetRate}% 的单位:${d.lagging.join('、')}。请上述单位党组织督促在职党员及时到居住地社区报到。`
              : `一、各单位报到率均达到 ${d.targetRate}% 以上。`,
            { indent: true },
          ),
          p('二、各单位报到和服务情况(按报到率排序)', { indent: true }),
          table(
            ['排名', '单位', '在职党员', '已报到', '报到率', '服务时长(小时)'],
            d.units.map((u, i) => [i + 1, u.name, u.inService, u.reported, pct(u.rate), u.hours]),
          ),
          p('三、各村(社区)共驻共建情况(按服务时长排序)', { indent: true }),
          table(
            ['排名', '村(社区)', '报到党员', '结对单位', '活动场次', '服务时长(小时)'],
            d.communities.map((c, i) => [i + 1, c.name, c.members, c.units, c.activities, c.hours]),
          ),
          p(''),
          p(d.issuer, { right: true }),
          p(cn(d.asOf), { right: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function bulletinXlsx(d: BulletinData) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const us = wb.addWorksheet('单位报到情况');
  header(us, [
    ['排名', 6],
    ['单位', 30],
    ['在职党员', 10],
    ['已报到', 10],
    ['报到率(%)', 10],
    ['服务时长(小时)', 14],
  ]);
  for (const [i, u] of d.units.entries()) us.addRow([i + 1, u.name, u.inService, u.reported, u.rate, u.hours]);
  const cs = wb.addWorksheet('村社区共建情况');
  header(cs, [
    ['排名', 6],
    ['村(社区)', 26],
    ['报到党员', 10],
    ['结对单位', 10],
    ['活动场次', 10],
    ['服务时长(小时)', 14],
  ]);
  for (const [i, c] of d.communities.entries()) cs.addRow([i + 1, c.name, c.members, c.units, c.activities, c.hours]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
