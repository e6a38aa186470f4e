/** Enumerations shared by server and web. Labels are what users see. */

export const ORG_TYPES = [
  '党委',
  '党工委',
  '党组',
  '机关工委',
  '党总支',
  '党支部',
  '党小组',
  '政府单位',
  '网格',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ORG_STATUSES = ['正常', '已撤销'] as const;

export const MEMBER_CATEGORIES = ['在职', '离退休', '生产一线', '流动', '退役军人'] as const;
export const MEMBER_TYPES = ['正式', '预备'] as const;
export const MEMBER_STATUSES = ['正常', '已转出', '停止党籍', '已故'] as const;
export const GENDERS = ['男', '女'] as const;
export const EDUCATIONS = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中', '小学及以下'] as const;

export const ROLES = {
  sysadmin: '系统管理员',
  org_admin: '组织部管理员',
  supervisor: '督查员',
  unit_admin: '单位管理员/书记',
  member: '党员',
} as const;
export type Role = keyof typeof ROLES;

/**
 * Permissions. Every API route declares exactly one (or 'public' / 'authenticated').
 * What a permission allows is further limited to the caller's scope subtree.
 */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'member.read',
  'member.write',
  'transfer.read',
  'transfer.create',
  'transfer.approve',
  'user.read',
  'user.manage',
  'audit.read',
  'document.read',
  'document.write',
  'task.read',
  'task.manage',
  'task.report',
  'task.supervise',
  'task.settings',
  'review.read',
  'review.report',
  'review.manage',
  'rectification.read',
  'rectification.write',
  'rectification.approve',
  'research.read',
  'research.plan',
  'research.coordinate',
  'publicset.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: PERMISSIONS,
  org_admin: [
    'org.read',
    'org.write',
    'member.read',
    'member.write',
    'transfer.read',
    'transfer.create',
    'transfer.approve',
    'user.read',
    'user.manage',
    'review.read',
    'review.manage',
    'rectification.read',
    'rectification.write',
    'rectification.approve',
    'document.read',
    'document.write',
    'task.read',
    'task.manage',
    'task.supervise',
    'research.read',
    'research.plan',
    'research.coordinate',
    'publicset.manage',
  ],
  supervisor: [
    'org.read',
    'member.read',
    'rectification.read',
    'rectification.approve',
    'document.read',
    'document.write',
    'task.read',
    'task.manage',
    'task.supervise',
    'research.read',
    'research.plan',
    'research.coordinate',
    'publicset.manage',
  ],
  unit_admin: [
    'org.read',
    'org.write',
    'member.read',
    'member.write',
    'transfer.read',
    'transfer.create',
    'transfer.approve',
    'review.read',
    'review.report',
    'rectification.read',
    'rectification.write',
    'rectification.approve',
    'document.read',
    'task.read',
    'task.report',
    'research.read',
    'research.plan',
  ],
  member: ['org.read', 'member.read'],
};

/** Roles a manager may grant: never above their own. */
export const ROLE_RANK: Record<Role, number> = { sysadmin: 5, org_admin: 4, supervisor: 3, unit_admin: 2, member: 1 };

export const TRANSFER_STATUSES = {
  pending_out: '待转出方上级审批',
  pending_in: '待接收方接收',
  done: '已完成',
  rejected: '已退回',
  revoked: '已撤销',
} as const;
export type TransferStatus = keyof typeof TRANSFER_STATUSES;

/** Kinds of in-app notification (server/lib/notify.ts), with the label users see. One line per kind. */
export const NOTIFICATION_KINDS = {
  due_soon: '临期提醒',
  overdue: '逾期提醒',
  report_due: '进展报送提醒',
  urge: '催办',
  instruction: '领导批示',
  supervise_order: '督办单',
  // later modules, one line each
  research: '调研统筹',
  public_feedback: '群众意见',
  task_follow: '关注任务动态',
  digest: '每日汇总',
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** 调研统筹 (server/modules/research). */
export const VISITOR_LEVELS = ['省级', '市级', '县级', '乡镇级'] as const;
export type VisitorLevel = (typeof VISITOR_LEVELS)[number];
export const HOST_LEVELS = ['县级', '乡镇级', '村级'] as const;
export type HostLevel = (typeof HOST_LEVELS)[number];
export const PLAN_KINDS = ['年度计划', '临时备案'] as const;
export const VISIT_STATUSES = ['待统筹', '已确认', '已合并', '已取消'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
/** Conflict warnings: key → what users see. */
export const VISIT_WARNINGS = {
  same_place: '重复调研',
  place_load: '接待过多',
  same_township_day: '同日同镇',
  escort: '陪同超标',
  classic_route: '经典路线',
} as const;
export type VisitWarningKind = keyof typeof VISIT_WARNINGS;
export const FINDING_KINDS = ['问题', '经验', '建议'] as const;
export const FINDING_OUTCOMES = ['none', 'task', 'rectification'] as const;

/** Public progress pages (server/modules/publicsets). */
export const PUBLIC_SET_KINDS = ['重点任务', '民生实事', '其他'] as const;
/** The public status of a task, in the vocabulary of the 通报. */
export const PUBLIC_STATUSES = ['提前完成', '已完成', '按序时', '滞后'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];
/** The key of each public status in `counts` objects. */
export const PUBLIC_STATUS_KEYS = { 提前完成: 'early', 已完成: 'done', 按序时: 'onTrack', 滞后: 'lagging' } as const;
export const FEEDBACK_KINDS = ['意见', '异议'] as const;
export const FEEDBACK_STATUSES = ['待审核', '已公开', '不予公开'] as const;
