/**
 * The two shipped manuals, modelled on the published checklists in work-rules.md §1: a 100 + 10
 * point standardization manual in the seven dimensions of the product brief (deductions per
 * occurrence with a floor, graded levels, yes/no items, bonuses with 封顶 / 不累计, a veto on the
 * 群众评价 item, items auto-filled from figures), and a 五星 scheme with guide quotas. They are data:
 * an organization department edits them (a new version) or loads its own from .xlsx.
 */
import type { ManualBody, ManualItem } from '../../../common/contracts/standards.ts';

const GRADED = (max: number) => [
  { label: '好', points: max },
  { label: '较好', points: Math.round(max * 0.75 * 10) / 10 },
  { label: '一般', points: Math.round(max * 0.5 * 10) / 10 },
  { label: '差', points: 0 },
];
const deduct = (
  code: string,
  title: string,
  max: number,
  per: number,
  criterion: string,
  evidence: string[],
  extra: Partial<ManualItem> = {},
): ManualItem => ({
  code,
  title,
  criterion,
  maxPoints: max,
  method: 'deduct',
  perOccurrence: per,
  floor: 0,
  evidence,
  ...extra,
});
const levels = (
  code: string,
  title: string,
  max: number,
  criterion: string,
  evidence: string[],
  extra: Partial<ManualItem> = {},
): ManualItem => ({
  code,
  title,
  criterion,
  maxPoints: max,
  method: 'levels',
  levels: GRADED(max),
  evidence,
  ...extra,
});
const yesno = (code: string, title: string, max: number, criterion: string, evidence: string[]): ManualItem => ({
  code,
  title,
  criterion,
  maxPoints: max,
  method: 'yesno',
  evidence,
});
const bonus = (
  code: string,
  title: string,
  max: number,
  per: number,
  criterion: string,
  evidence: string[],
  group?: string,
): ManualItem => ({
  code,
  title,
  criterion,
  maxPoints: max,
  method: 'bonus',
  perOccurrence: per,
  evidence,
  ...(group ? { bonusGroup: group } : {}),
});

export const STANDARD_MANUAL: ManualBody = {
  name: '党支部建设标准化考评手册',
  scheme: '标准化',
  totalPoints: 100,
  bonusPoints: 10,
  dimensions: [
    {
      name: '政治建设',
      points: 15,
      items: [
        levels('A1', '理论学习', 5, '落实"第一议题"制度,支部每月集中学习不少于 1 次', ['记录本']),
        deduct('A2', '意识形态工作', 5, 2, '每半年专题研究意识形态工作 1 次,少一次扣 2 分', ['会议记录']),
        levels('A3', '贯彻上级决策部署', 5, '上级部署的重点任务按时落实', ['台账']),
      ],
    },
    {
      name: '组织建设',
      points: 15,
      items: [
        deduct('B1', '书记和支委配备', 5, 4, '书记出缺超过 3 个月扣 4 分;支委未按规定选配扣 2 分', ['批复'], {
          source: { key: 'orgs.secretaryVacancyMonths', rule: 'above', step: 4, threshold: 3 },
        }),
        deduct('B2', '按期换届', 4, 3, '无故或未经批准不按期换届扣 4 分;程序不规范扣 3 分', ['换届批复']),
        levels('B3', '发展党员', 6, '发展党员计划、程序规范,档案齐全', ['台账']),
      ],
    },
    {
      name: '组织生活',
      points: 20,
      items: [
        deduct(
          'C1',
          '三会一课',
          8,
          2,
          '党员大会、支委会、党小组会、党课按规定召开,少一次扣 2 分,扣完为止',
          ['记录本'],
          {
            source: { key: 'orglife.missingMeetings', rule: 'perUnit', step: 2 },
          },
        ),
        deduct('C2', '党员出席率', 4, 2, '党员大会平均出席率低于 80% 扣 2 分', ['签到表'], {
          source: { key: 'orglife.attendanceRate', rule: 'below', step: 2, threshold: 80 },
        }),
        deduct('C3', '组织生活会和民主评议', 4, 3, '全年未开扣 4 分;未按"一会四评"扣 3 分', ['问题整改清单']),
        yesno('C4', '主题党日', 4, '每月固定主题党日,有记录', ['记录本']),
      ],
    },
    {
      name: '班子建设',
      points: 15,
      items: [
        yesno('D1', '书记述职', 4, '书记每年向党员大会述职', ['述职报告']),
        deduct('D2', '书记讲党课', 4, 4, '书记每年至少讲党课 1 次,未讲扣 4 分', ['讲稿']),
        levels('D3', '民主集中制', 4, '重大事项集体研究,无不良反映', ['会议记录']),
        yesno('D4', '谈心谈话', 3, '支委与党员谈心谈话全覆盖', ['谈话记录']),
      ],
    },
    {
      name: '党员队伍建设',
      points: 15,
      items: [
        levels('E1', '党员教育', 5, '党员年度集中学习培训不少于 32 学时', ['台账']),
        deduct('E2', '党员管理', 5, 1, '长期不参加组织生活的党员每人扣 1 分', ['台账'], {
          source: { key: 'orglife.longAbsentMembers', rule: 'perUnit', step: 1 },
        }),
        levels('E3', '党员作用发挥', 5, '设岗定责、志愿服务全年不少于 4 次', ['照片', '台账']),
      ],
    },
    {
      name: '基础保障',
      points: 10,
      items: [
        deduct('F1', '活动阵地', 4, 1, '未悬挂党旗、入党誓词扣 1 分;场所不达标扣 2 分', ['照片']),
        deduct('F2', '台账资料', 3, 1, '资料不健全扣 1 分;整理不规范扣 1 分', ['台账']),
        yesno('F3', '党费收缴', 3, '按时足额收缴党费', ['党费收据']),
      ],
    },
    {
      name: '考核评价',
      points: 10,
      items: [
        deduct(
          'G1',
          '述职评议满意度',
          4,
          4,
          '书记述职评议好和较好率低于 80% 扣 4 分;低于 60% 不得评为先进',
          ['测评表'],
          {
            source: { key: 'reviews.goodRate', rule: 'below', step: 4, threshold: 80 },
            vetoBelow: 1,
          },
        ),
        deduct('G2', '整改落实', 3, 1, '整改台账每逾期一项扣 1 分', ['整改台账'], {
          source: { key: 'rectifications.overdueCount', rule: 'perUnit', step: 1 },
        }),
        deduct('G3', '重点任务', 3, 1, '交办任务每逾期一项扣 1 分', ['任务台账'], {
          source: { key: 'tasks.overdueCount', rule: 'perUnit', step: 1 },
        }),
      ],
    },
    {
      name: '加分项',
      points: 10,
      bonus: true,
      items: [
        bonus('H1', '上级表彰', 5, 2.5, '获县级以上表彰每次加 2.5 分,封顶 5 分', ['表彰文件']),
        bonus('H2', '宣传报道', 1, 1, '宣传报道 5 篇以上加 1 分,封顶 1 分', ['报道截图']),
        bonus('H3', '网站或微信群', 1, 1, '建有网站/微信群加 1 分,不累计', ['截图'], '线上阵地'),
        bonus('H4', '公众号', 1, 1, '建有公众号加 1 分,与网站/微信群不累计', ['截图'], '线上阵地'),
        bonus('H5', '党建创新项目', 3, 3, '党建创新项目经县委组织部认定加 3 分', ['认定文件']),
      ],
    },
  ],
  bands: [
    { grade: '先进', minScore: 90, quotaPercent: 30, quotaMode: 'warn', vetoBlocks: true },
    { grade: '中间', minScore: 70, quotaPercent: null, quotaMode: 'warn', vetoBlocks: false },
    { grade: '后进', minScore: 0, quotaPercent: null, quotaMode: 'warn', vetoBlocks: false, rectify: true },
  ],
};

export const STAR_MANUAL: ManualBody = {
  name: '党支部五星创评标准',
  scheme: '星级',
  totalPoints: 100,
  bonusPoints: 10,
  dimensions: [
    {
      name: '领导班子',
      points: 15,
      items: [
        levels('S1', '班子结构', 8, '书记、委员配齐,分工明确', ['批复']),
        levels('S2', '班子作风', 7, '团结协作,群众认可', ['测评表']),
      ],
    },
    {
      name: '骨干队伍',
      points: 15,
      items: [
        levels('S3', '党员队伍', 8, '结构合理,有后备力量', ['台账']),
        levels('S4', '发展对象', 7, '连续两年有发展对象', ['台账']),
      ],
    },
    { name: '活动阵地', points: 10, items: [yesno('S5', '活动场所', 10, '有固定场所,标识规范', ['照片'])] },
    {
      name: '工作制度',
      points: 15,
      items: [
        deduct('S6', '三会一课', 10, 2, '按规定召开,少一次扣 2 分', ['记录本'], {
          source: { key: 'orglife.missingMeetings', rule: 'perUnit', step: 2 },
        }),
        deduct('S7', '制度措施', 5, 1, '每缺一项制度扣 1 分', ['制度汇编']),
      ],
    },
    { name: '保障机制', points: 10, items: [levels('S8', '经费保障', 10, '工作经费、报酬落实', ['台账'])] },
    {
      name: '工作业绩',
      points: 20,
      items: [
        levels('S9', '完成任务', 10, '完成上级交办任务', ['台账']),
        levels('S10', '创先争优', 10, '发挥战斗堡垒作用', ['材料']),
      ],
    },
    {
      name: '群众评价',
      points: 15,
      items: [
        levels('S11', '群众满意度', 15, '群众满意度测评;低于 60% 不得评为四星以上', ['测评表'], { vetoBelow: 7.5 }),
      ],
    },
    {
      name: '加分项目',
      points: 10,
      bonus: true,
      items: [bonus('S12', '党建创新项目', 10, 5, '有党建创新项目每项加 5 分,封顶 10 分', ['认定文件'])],
    },
  ],
  bands: [
    { grade: '五星', minScore: 90, quotaPercent: 10, quotaMode: 'enforce', vetoBlocks: true },
    { grade: '四星', minScore: 80, quotaPercent: 30, quotaMode: 'warn', vetoBlocks: true },
    { grade: '三星', minScore: 70, quotaPercent: 40, quotaMode: 'warn', vetoBlocks: false },
    { grade: '二星', minScore: 60, quotaPercent: null, quotaMode: 'warn', vetoBlocks: false },
    { grade: '一星', minScore: 0, quotaPercent: null, quotaMode: 'warn', vetoBlocks: false, rectify: true },
  ],
};

export const BUILTIN_MANUALS: Record<string, ManualBody> = { standard: STANDARD_MANUAL, stars: STAR_MANUAL };
