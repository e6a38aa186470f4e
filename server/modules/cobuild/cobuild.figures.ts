import type { FigureProvider, FigureValue } from '../../lib/figures.ts';
import { orgPaths, percent } from '../../lib/figures.ts';
import { pathUpper } from '../../lib/scope.ts';
import { loadTree } from './access.ts';
import { reportStates } from './roster.service.ts';

/** 报到率 at the end of the period, over the in-service members of the units in each subtree. */
export const cobuildReportRate: FigureProvider = {
  key: 'cobuild.reportRate',
  label: '在职党员到社区报到率',
  unit: '%',
  module: '共驻共建',
  description: '期末本单位及下级的在职党员(组织关系不在村、社区)中,已到居住地社区报到(社区已确认、未逾期复核)的比例',
  higherIsBetter: true,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    const paths = await orgPaths(db, q.orgIds);
    if (!paths.size) return out;
    const tree = await loadTree(db);
    const root = [...tree.orgs.values()].find((o) => o.parentId === null)?.path ?? '/';
    const states = await reportStates(db, tree, { path: root }, q.to);
    for (const [orgId, path] of paths) {
      const mine = states.filter((s) => s.orgPath.startsWith(path));
      const reported = mine.filter((s) => s.state === 'reported').length;
      out.set(orgId, {
        value: percent(reported, mine.length),
        numerator: reported,
        denominator: mine.length,
        detail: mine.length
          ? `截至 ${q.to} 在职党员 ${mine.length} 名,已报到 ${reported} 名,未报到 ${mine.length - reported} 名`
          : '没有需要报到的在职党员',
        link: `/cobuild/unit?unitId=${orgId}`,
      });
    }
    return out;
  },
};

/** Verified volunteer hours in the period of the members of each subtree. */
export const cobuildVerifiedHours: FigureProvider = {
  key: 'cobuild.verifiedHours',
  label: '经社区核验的志愿服务时长',
  unit: '小时',
  module: '共驻共建',
  description: '期内本单位及下级党员参加、并经活动所在社区核验的志愿服务时长合计',
  higherIsBetter: true,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    for (const [orgId, path] of await orgPaths(db, q.orgIds)) {
      const r = await db
        .selectFrom('cobuild_signup as g')
        .innerJoin('cobuild_activity as a', 'a.id', 'g.activity_id')
        .innerJoin('member as m', 'm.id', 'g.member_id')
        .select((eb) => [
          eb.fn.coalesce(eb.fn.sum<number>('g.verified_hours'), eb.val(0)).as('h'),
          eb.fn.countAll<number>().as('n'),
        ])
        .where('g.verification', '=', 'verified')
        .where('a.activity_date', '>=', q.from)
        .where('a.activity_date', '<=', q.to)
        .where('m.org_path', '>=', path)
        .where('m.org_path', '<', pathUpper(path))
        .executeTakeFirstOrThrow();
      const h = Math.round(Number(r.h) * 10) / 10;
      out.set(orgId, {
        value: h,
        detail: `${q.from} 至 ${q.to} 经核验的志愿服务 ${Number(r.n)} 人次,共 ${h} 小时`,
        link: `/cobuild/unit?unitId=${orgId}`,
      });
    }
    return out;
  },
};
