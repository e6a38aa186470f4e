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
  'indicator.read',
  'indicator.manage',
  'indicator.report',
  'indicator.approve',
  'letter.sign',
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
    'indicator.read',
    'indicator.manage',
    'indicator.approve',
    'letter.sign',
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
    'indicator.read',
    'indicator.manage',
    'indicator.approve',
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
    'indicator.read',
    'indicator.report',
    'indicator.approve',
    'letter.sign',
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
  indicator_returned: '指标填报退回',
  // later modules, one line each
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** 指标调度 (issue 15). */
export const INDICATOR_FREQUENCIES = ['月', '季', '年'] as const;
export const INDICATOR_AGGREGATIONS = ['求和', '平均', '加权平均', '比率', '同比增速'] as const;
export const INDICATOR_SOURCES = ['手工填报', '系统数据'] as const;
export const INDICATOR_TARGET_SOURCES = ['手工', '责任书', '任务'] as const;
export const INDICATOR_REPORT_STATUSES = ['填报中', '已报送', '已通过', '已退回'] as const;
export const INDICATOR_PACES = ['提前', '按序时', '滞后'] as const;
export const INDICATOR_LIGHTS = ['green', 'yellow', 'red'] as const;
export const LETTER_STATUSES = ['待签', '单位已签', '已签订'] as const;
export const LETTER_ITEM_KINDS = ['指标', '重点任务', '党建'] as const;
