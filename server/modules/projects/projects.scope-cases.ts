/**
 * 乙镇's key project with a plan and a reported month: town-a (甲镇's 单位管理员) and the 甲镇 督查员
 * (dcs-a, whose refusal must come from scope, not role) can neither read, plan, report nor take
 * its target; a target from 甲镇's own task for 乙镇 is refused too.
 */
import { localDate } from '../../lib/clock.ts';
import { at, both, ensureUser } from '../../test/scope.test-support.ts';
import type { ScopeModule } from '../../test/scope-types.ts';

const projects: ScopeModule = {
  async setup({ db, c, client }) {
    const dcs = await client('dcs');
    const zzb = await client('zzb');
    const townB = await client('town-b');
    const supA = await ensureUser(db, client, { username: 'dcs-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
    const must = async (what: string, p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      if (r.status !== 200 && r.status !== 201)
        throw new Error(`projects scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const today = localDate(new Date());
    const year = Number(today.slice(0, 4));
    const project = (
      await must(
        'project',
        dcs.post('/api/tasks', {
          text: '乙镇冷链物流园完成投资5亿元',
          leadOrgId: c.orgs.townB,
          keyProject: true,
          targets: ['完成投资5亿元'],
        }),
      )
    ).id as number;
    const own = (
      await must(
        'own project',
        dcs.post('/api/tasks', {
          text: '甲镇产业园完成投资3亿元',
          leadOrgId: c.orgs.townA,
          targets: ['完成投资3亿元'],
        }),
      )
    ).id as number;
    await must(
      'plan',
      dcs.request('PUT', `/api/projects/${project}/investment/plan`, { year, months: Array(12).fill(40) }),
    );
    await must(
      'report',
      townB.request('PUT', `/api/projects/${project}/investment/${today.slice(0, 7)}`, { completed: 35 }),
    );
    const ind = await must(
      'indicator',
      zzb.post('/api/indicators', {
        name: '乙镇重点项目投资(范围测试)',
        unit: '万元',
        frequency: '月',
        aggregation: '求和',
        source: '手工填报',
        ownerOrgId: c.orgs.townB,
        reporterOrgIds: [c.orgs.townB],
      }),
    );
    const countyInd = await must(
      'county indicator',
      zzb.post('/api/indicators', {
        name: '项目投资(范围测试)',
        unit: '万元',
        frequency: '月',
        aggregation: '求和',
        source: '手工填报',
        ownerOrgId: c.orgs.county,
        reporterOrgIds: [c.orgs.townA],
      }),
    );
    return {
      project,
      own,
      year,
      period: today.slice(0, 7),
      ind: ind.id,
      countyInd: countyInd.id,
      supA,
      member: await client('member-a'),
    };
  },
  cases: (ids, c) => {
    const P = `/api/projects/${ids.project}/investment`;
    const target = (indicatorId: number, orgId: number, targetText: string) => ({
      indicatorId,
      orgId,
      year: ids.year,
      annual: 1000,
      targetText,
    });
    return {
      'GET /api/projects': { kind: 'list', url: () => `/api/projects?year=${ids.year}` },
      'GET /api/projects/:id/investment': both(ids, () => [at('GET', P), at('GET', `${P}?year=${ids.year}`)]),
      'PUT /api/projects/:id/investment/plan': both(ids, () => [
        at('PUT', `${P}/plan`, { year: ids.year, months: Array(12).fill(1) }),
      ]),
      'PUT /api/projects/:id/investment/:period': both(
        ids,
        () => [at('PUT', `${P}/${ids.period}`, { completed: 1 })],
        [403, 404],
      ),
      'POST /api/tasks/:id/indicator-target': both(ids, () => [
        at('POST', `/api/tasks/${ids.project}/indicator-target`, target(ids.countyInd, c.orgs.townA, '完成投资5亿元')),
        // 甲镇's own task, but 乙镇's indicator / 乙镇 as the target unit.
        at('POST', `/api/tasks/${ids.own}/indicator-target`, target(ids.ind, c.orgs.townA, '完成投资3亿元')),
        at('POST', `/api/tasks/${ids.own}/indicator-target`, target(ids.countyInd, c.orgs.townB, '完成投资3亿元')),
      ]),
    };
  },
};
export default projects;
