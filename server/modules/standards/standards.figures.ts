import type { FigureProvider, FigureValue } from '../../lib/figures.ts';
import { orgPaths } from '../../lib/figures.ts';
import { pathUpper } from '../../lib/scope.ts';

/**
 * 标准化考评得分: the average 审定 total of the branches in the subtree, from the latest round
 * published in the period (only published results count: grades in 公示 may still change).
 */
export const standardsScore: FigureProvider = {
  key: 'standards.score',
  label: '标准化考评得分',
  unit: '分',
  module: '标准化',
  description: '期内最近一次已发布的标准化考评中,本单位及下级党支部审定总分的平均值',
  higherIsBetter: true,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    const round = await db
      .selectFrom('std_round')
      .select(['id', 'name'])
      .where('status', '=', '已发布')
      .where('year', '>=', Number(q.from.slice(0, 4)))
      .where('year', '<=', Number(q.to.slice(0, 4)))
      .orderBy('year', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    for (const [orgId, path] of await orgPaths(db, q.orgIds)) {
      if (!round) {
        out.set(orgId, { value: null, detail: '期内没有已发布的标准化考评' });
        continue;
      }
      const r = await db
        .selectFrom('std_entry')
        .select((eb) => [eb.fn.avg<number>('total').as('avg'), eb.fn.countAll<number>().as('n')])
        .where('round_id', '=', round.id)
        .where('org_path', '>=', path)
        .where('org_path', '<', pathUpper(path))
        .where('total', 'is not', null)
        .executeTakeFirstOrThrow();
      const n = Number(r.n);
      const avg = n ? Math.round(Number(r.avg) * 10) / 10 : null;
      out.set(orgId, {
        value: avg,
        numerator: n,
        detail: n ? `${round.name}:${n} 个支部平均 ${avg} 分` : `${round.name}中没有本单位的支部`,
        link: `/standards/rounds/${round.id}`,
      });
    }
    return out;
  },
};

/** 整顿中的党支部数 at the end of the period (plans started by then and not lifted by then). */
export const standardsRectifying: FigureProvider = {
  key: 'standards.rectifyingCount',
  label: '整顿中的党支部数',
  unit: '个',
  module: '标准化',
  description: '截至期末,本单位及下级列入后进/软弱涣散整顿且尚未验收摘帽的党支部数',
  higherIsBetter: false,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    for (const [orgId, path] of await orgPaths(db, q.orgIds)) {
      const rows = await db
        .selectFrom('std_plan')
        .select('org_id')
        .distinct()
        .where('org_path', '>=', path)
        .where('org_path', '<', pathUpper(path))
        .where('start_date', '<=', q.to)
        .where((eb) => eb.or([eb('lifted_date', 'is', null), eb('lifted_date', '>', q.to)]))
        .execute();
      out.set(orgId, {
        value: rows.length,
        detail: rows.length ? `截至 ${q.to} 有 ${rows.length} 个支部在整顿中` : `截至 ${q.to} 没有整顿中的支部`,
        link: '/standards/plans',
      });
    }
    return out;
  },
};
