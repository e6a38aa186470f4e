/**
 * The monthly 经济运行通报 (.docx) of a subtree, written from the stored roll-up only (never typed):
 * a title and date line; per 牵头单位 a paragraph with each indicator's 本月 / 累计 / 增速 / 目标 /
 * 序时进度 and its light in words; a ranking table of the units directly below; and the units behind
 * 序时进度 named. The same numbers as the cockpit and the 调度表, in prose.
 */
import type { Cockpit, RankingRow } from '../../../common/contracts/indicators.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import * as D from '../../lib/official-docx.ts';
import type { Actor } from '../../lib/scope.ts';
import { cockpit, ranking } from './views.service.ts';

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** A figure as written in a 通报: up to two decimals, no trailing zeros; none → 未报. */
export const fig = (v: number | null | undefined, unit = '') =>
  v == null || !Number.isFinite(v) ? '未报' : `${Number(v.toFixed(2))}${unit}`;
const growthText = (g: number | null) => (g == null ? '' : g >= 0 ? `,同比增长${fig(g)}%` : `,同比下降${fig(-g)}%`);

function sentence(i: Cockpit['items'][number], elapsed: number) {
  const unit = i.unit === '%' ? '%' : i.unit;
  const parts = [`${i.name}:本月${fig(i.value, unit)},累计${fig(i.cumValue, unit)}${growthText(i.growth)}`];
  if (i.target == null) parts.push('未下达年度目标');
  else {
    parts.push(`年度目标${fig(i.target, unit)},完成目标的${fig(i.completion)}%`);
    const pace =
      i.pace === '提前'
        ? '快于序时进度,提前'
        : i.pace === '按序时'
          ? '与序时进度基本持平,按序时'
          : i.pace === '滞后'
            ? '低于序时进度,滞后'
            : '进度未评价';
    parts.push(`序时进度${fig(elapsed)}%,${pace}`);
  }
  return `${parts.join(',')}。`;
}

export async function bulletinDocx(ctx: Ctx, actor: Actor, q: { period: string; orgId?: number }) {
  const c = await cockpit(ctx, actor, q);
  const [year, month] = [Number(q.period.slice(0, 4)), Number(q.period.slice(5))];
  const owners = c.items.length
    ? await ctx.db
        .selectFrom('indicator as i')
        .innerJoin('org_unit as o', 'o.id', 'i.owner_org_id')
        .select(['i.id', 'o.name'])
        .where(
          'i.id',
          'in',
          c.items.map((x) => x.indicatorId),
        )
        .execute()
    : [];
  const ownerOf = new Map(owners.map((o) => [o.id, o.name]));
  const groups = new Map<string, Cockpit['items']>();
  for (const i of c.items) {
    const g = ownerOf.get(i.indicatorId) ?? '其他';
    groups.set(g, [...(groups.get(g) ?? []), i]);
  }
  const ranks = new Map<number, RankingRow[]>();
  for (const i of c.items) ranks.set(i.indicatorId, (await ranking(ctx, actor, i.indicatorId, q)).items);

  // Units directly below, over every indicator: paces counted, completion averaged where targeted.
  const units = new Map<
    number,
    { name: string; ahead: number; on: number; behind: number; comp: number[]; lag: string[] }
  >();
  for (const i of c.items)
    for (const u of ranks.get(i.indicatorId) ?? []) {
      const x = units.get(u.orgId) ?? { name: u.orgName, ahead: 0, on: 0, behind: 0, comp: [], lag: [] };
      if (u.pace === '提前') x.ahead++;
      else if (u.pace === '按序时') x.on++;
      else if (u.pace === '滞后') {
        x.behind++;
        x.lag.push(i.name);
      }
      if (u.completion != null) x.comp.push(u.completion);
      units.set(u.orgId, x);
    }
  const avg = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null);
  const ranked = [...units.values()]
    .map((u) => ({ ...u, avg: avg(u.comp) }))
    .sort((a, b) => (b.avg ?? -1) - (a.avg ?? -1) || a.behind - b.behind);

  const n = (p: string) => c.items.filter((i) => i.pace === p).length;
  const title = `${c.orgName}${year}年${month}月经济运行情况通报`;
  const body = [
    D.title(title),
    D.subtitle(`${c.orgName}  ${D.cnDate(localDate(ctx.clock.now()))}`),
    D.para(
      `截至${year}年${month}月底,纳入调度的主要经济指标 ${c.items.length} 项,序时进度 ${fig(c.elapsed)}%。` +
        `其中提前 ${n('提前')} 项、按序时 ${n('按序时')} 项、滞后 ${n('滞后')} 项。现将有关情况通报如下。`,
    ),
    ...[...groups.entries()].flatMap(([owner, items], k) => [
      D.heading(`${CN_NUM[k] ?? k + 1}、${owner}牵头指标`),
      D.para(items.map((i) => sentence(i, c.elapsed)).join('')),
    ]),
    D.heading(`${CN_NUM[groups.size] ?? groups.size + 1}、各单位排名`),
    ranked.length
      ? D.table(
          [
            ['排名', 1],
            ['单位', 3],
            ['提前', 1.2],
            ['按序时', 1.2],
            ['滞后', 1.2],
            ['平均完成率', 2],
          ],
          ranked.map((u, k) => [
            String(k + 1),
            u.name,
            String(u.ahead),
            String(u.on),
            String(u.behind),
            u.avg == null ? '—' : `${fig(u.avg)}%`,
          ]),
        )
      : D.para('本月下属单位无可排名的数据。'),
    D.heading(`${CN_NUM[groups.size + 1] ?? groups.size + 2}、滞后单位`),
    D.para(
      ranked.some((u) => u.behind)
        ? `以下单位有指标滞后于序时进度,请加快推进:${ranked
            .filter((u) => u.behind)
            .map((u) => `${u.name}(${u.lag.join('、')})`)
            .join(';')}。`
        : '本月无滞后单位。',
    ),
  ];
  return { fileName: `${title}.docx`, data: await D.officialDocx(title, body) };
}
