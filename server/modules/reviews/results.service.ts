import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { campaignFor, parseScale } from './access.ts';
import { audit } from '../../context.ts';
import { addItem } from '../rectifications/items.service.ts';
import { ballotOrgs } from './ballots.service.ts';

const sealed = () => conflict('RESULTS_SEALED', '投票结束前评议结果密封,任何人(包括系统管理员)都不能查看');

export interface OrgResult {
  orgId: number;
  orgName: string;
  total: number;
  counts: Record<string, number>;
  percents: Record<string, number>;
  goodRate: number;
  rank: number;
}

const pct = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);

/**
 * The tally, from the counts per (org, grade) the close added up chunk by chunk (review_tally).
 * Only after close.
 * 好+较好 rate = share of the two best grades of the scale. Ranking: by that rate, then by the
 * share of the best grade; equal values share a rank.
 */
export async function tally(db: Executor, campaignId: number, scale: string[]) {
  const rows = await db
    .selectFrom('review_tally')
    .select(['org_id', 'grade', 'n'])
    .where('campaign_id', '=', campaignId)
    .execute();
  const { n: voters } = await db
    .selectFrom('ballot')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const orgs = await ballotOrgs(db, campaignId);
  const good = scale.slice(0, Math.min(2, scale.length));
  const results: OrgResult[] = orgs.map((o) => {
    const counts = Object.fromEntries(scale.map((g) => [g, 0])) as Record<string, number>;
    for (const r of rows) if (r.org_id === o.id) counts[r.grade] = Number(r.n);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const percents = Object.fromEntries(scale.map((g) => [g, pct(counts[g], total)]));
    return {
      orgId: o.id,
      orgName: o.name,
      total,
      counts,
      percents,
      goodRate: pct(
        good.reduce((a, g) => a + counts[g], 0),
        total,
      ),
      rank: 0,
    };
  });
  const ordered = [...results].sort((a, b) => b.goodRate - a.goodRate || b.percents[scale[0]] - a.percents[scale[0]]);
  ordered.forEach((r, i) => {
    const prev = ordered[i - 1];
    r.rank =
      prev && prev.goodRate === r.goodRate && prev.percents[scale[0]] === r.percents[scale[0]] ? prev.rank : i + 1;
  });
  return { voters: Number(voters), goodLabel: good.join('+'), orgs: ordered };
}

/** The closed campaign, and the target orgs whose results the caller may see (null: all of them). */
async function closedCampaign(ctx: Ctx, actor: Actor | null, id: number) {
  let c: Selectable<DB['review_campaign']> | undefined;
  let visible: number[] | null = null;
  if (actor) {
    const a = await campaignFor(ctx.db, actor, id);
    c = a.campaign;
    if (!a.manager) visible = a.visibleOrgIds;
  } else {
    c = await ctx.db.selectFrom('review_campaign').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw notFound('评议活动', 'REVIEW_NOT_FOUND');
  }
  if (c.status !== 'closed') throw sealed();
  return { c, visible };
}

/** Opinions per org, sorted by text: their order says nothing about when or by whom. */
async function opinions(db: Executor, campaignId: number) {
  const rows = await db
    .selectFrom('ballot_rating')
    .select(['org_id', 'opinion'])
    .where('campaign_id', '=', campaignId)
    .where('opinion', 'is not', null)
    .execute();
  const by = new Map<number, string[]>();
  for (const r of rows) by.set(r.org_id, [...(by.get(r.org_id) ?? []), r.opinion!]);
  for (const v of by.values()) v.sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return by;
}

/**
 * The tallies. The organizing side sees every org; a reviewed unit sees only the rows (counts,
 * rank, opinions) of its own orgs, like everything else of a campaign it is reviewed in.
 */
export async function results(ctx: Ctx, actor: Actor, id: number) {
  const { c, visible } = await closedCampaign(ctx, actor, id);
  const scale = parseScale(c);
  const t = await tally(ctx.db, id, scale);
  if (visible) t.orgs = t.orgs.filter((o) => visible.includes(o.orgId));
  const ops = await opinions(ctx.db, id);
  return {
    campaign: { id: c.id, title: c.title, year: c.year, closedDate: localDate(new Date(c.closed_at!)) },
    scale,
    ...t,
    opinions: t.orgs.map((o) => ({ orgId: o.orgId, orgName: o.orgName, items: ops.get(o.orgId) ?? [] })),
  };
}

/** The receipt codes of every counted ballot, sorted: a voter checks theirs is in the list. */
export async function receipts(ctx: Ctx, id: number) {
  const { c } = await closedCampaign(ctx, null, id);
  const rows = await ctx.db
    .selectFrom('ballot')
    .select('receipt')
    .where('campaign_id', '=', id)
    .orderBy('receipt')
    .execute();
  return { campaign: { id: c.id, title: c.title }, total: rows.length, receipts: rows.map((r) => r.receipt) };
}

export async function exportXlsx(ctx: Ctx, actor: Actor, id: number) {
  const r = await results(ctx, actor, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评议结果');
  ws.addRow([r.campaign.title]).font = { bold: true, size: 14 };
  ws.addRow([`有效票 ${r.voters} 张`]);
  const head = ws.addRow([
    '排名',
    '组织',
    ...r.scale.flatMap((g) => [`${g}(票)`, `${g}(%)`]),
    '有效票',
    `${r.goodLabel}率(%)`,
  ]);
  head.font = { bold: true };
  for (const o of r.orgs)
    ws.addRow([o.rank, o.orgName, ...r.scale.flatMap((g) => [o.counts[g], o.percents[g]]), o.total, o.goodRate]);
  ws.getColumn(2).width = 28;
  const op = wb.addWorksheet('评议意见');
  op.addRow(['组织', '意见']).font = { bold: true };
  for (const o of r.opinions) for (const t of o.items) op.addRow([o.orgName, t]);
  op.getColumn(1).width = 28;
  op.getColumn(2).width = 80;
  const rc = wb.addWorksheet('回执码');
  rc.addRow(['回执码']).font = { bold: true };
  for (const x of (await receipts(ctx, id)).receipts) rc.addRow([x]);
  return { fileName: `${r.campaign.title}-评议结果.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'SimSun' })] })] });

/**
 * The 通报's sentence on the best-rated orgs: at most the top three by name (with their rates),
 * never the whole list — ties that would name more than three are said as a count, and when every
 * org has the same rate the sentence says so instead of calling them all 「前列」.
 */
export function bestLine(orgs: { orgName: string; rank: number; goodRate: number }[], goodLabel: string) {
  if (!orgs.length) return '';
  const pct = (x: number) => `${Number(x.toFixed(1))}%`;
  if (orgs.length > 1 && orgs.every((o) => o.goodRate === orgs[0].goodRate))
    return `各组织${goodLabel}率均为 ${pct(orgs[0].goodRate)}。`;
  const first = orgs.filter((o) => o.rank === 1);
  if (first.length > 3) return `${goodLabel}率并列第一的有 ${first.length} 个组织(${pct(first[0].goodRate)})。`;
  const top = orgs.filter((o) => o.rank <= 3);
  const named = (top.length <= 3 ? top : first).map((o) => `${o.orgName}(${pct(o.goodRate)})`).join('、');
  return `${goodLabel}率位居前列的是:${named}。`;
}

/** The .docx 通报 of the results. */
export async function exportDocx(ctx: Ctx, actor: Actor, id: number) {
  const r = await results(ctx, actor, id);
  const best = bestLine(r.orgs, r.goodLabel);
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({ text: `关于${r.campaign.title}结果的通报`, bold: true, font: 'SimHei', size: 36 }),
            ],
          }),
          new Paragraph({ children: [new TextRun({ text: `各基层党组织:`, font: 'SimSun' })] }),
          new Paragraph({
            children: [
              new TextRun({
                text: `${r.campaign.title}已于${r.campaign.closedDate.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}结束民主评议,共收回有效评议票 ${r.voters} 张。按照“${r.scale.join('、')}”${r.scale.length}个等次统计,${best}现将评议结果通报如下。`,
                font: 'SimSun',
              }),
            ],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                children: ['排名', '组织', ...r.scale.map((g) => `${g}(%)`), `${r.goodLabel}率(%)`].map((h) =>
                  cell(h, true),
                ),
              }),
              ...r.orgs.map(
                (o) =>
                  new TableRow({
                    children: [
                      String(o.rank),
                      o.orgName,
                      ...r.scale.map((g) => String(o.percents[g])),
                      String(o.goodRate),
                    ].map((x) => cell(x)),
                  }),
              ),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun({
                text: '各党组织要对照评议结果和点评意见,认真查找问题,明确整改措施,整改情况纳入问题整改台账跟踪销号。',
                font: 'SimSun',
              }),
            ],
          }),
        ],
      },
    ],
  });
  return { fileName: `${r.campaign.title}-结果通报.docx`, data: await Packer.toBuffer(doc) };
}

/**
 * 民主评议 feeds the ledger: every org whose 好+较好 rate is below `threshold` % gets a
 * rectification item (source 民主评议), issued by the organizing side. Idempotent per org.
 */
export async function lowRatingItems(ctx: Ctx, actor: Actor, id: number, threshold: number) {
  const r = await results(ctx, actor, id);
  const a = await campaignFor(ctx.db, actor, id, { manage: true });
  return ctx.db.transaction().execute(async (trx) => {
    const created: number[] = [];
    for (const o of r.orgs.filter((x) => x.total > 0 && x.goodRate < threshold)) {
      const ref = `review_low:${id}:${o.orgId}`;
      if (await trx.selectFrom('rectification_item').select('id').where('source_ref', '=', ref).executeTakeFirst())
        continue;
      created.push(
        await addItem(trx, ctx, actor, {
          orgId: o.orgId,
          issuerOrgId: a.campaign.owner_org_id,
          source: '民主评议',
          sourceRef: ref,
          deadlineDate: `${a.campaign.year + 1}-12-31`,
          problem: `${r.campaign.title}民主评议中${r.goodLabel}率为 ${o.goodRate}%(低于 ${threshold}%),排名第 ${o.rank} 位`,
        }),
      );
    }
    await audit(ctx, trx, actor, {
      action: 'review.low_rating_items',
      entity: 'review_campaign',
      entityId: id,
      after: { threshold, created: created.length },
    });
    return { created: created.length, ids: created };
  });
}
