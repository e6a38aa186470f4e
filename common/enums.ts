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
  'cobuild.self',
  'cobuild.read',
  'cobuild.manage',
  'cobuild.settings',
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
    'cobuild.self',
    'cobuild.read',
    'cobuild.manage',
    'cobuild.settings',
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
    'cobuild.self',
    'cobuild.read',
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
    'cobuild.self',
    'cobuild.read',
    'cobuild.manage',
  ],
  member: ['org.read', 'member.read', 'cobuild.self'],
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
  cobuild_todo: '共驻共建待办',
  cobuild_letter: '共驻共建反馈函',
  cobuild_bulletin: '共驻共建通报',
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** 双报到 / 共驻共建 (server/modules/cobuild). */
export const COBUILD_COMMUNITY_KINDS = ['社区', '村'] as const;
export const COBUILD_CATEGORIES = [
  '环境整治',
  '文明创建',
  '助老助残',
  '关爱儿童',
  '法律服务',
  '医疗健康',
  '教育培训',
  '治安巡逻',
  '政策宣讲',
  '就业帮扶',
  '其他',
] as const;
/** Registration status: 待确认 → 已报到 (community accepts) | 已退回; 已报到 → 已结束 (moved, withdrawn). */
export const COBUILD_REG_STATUSES = {
  pending: '待确认',
  active: '已报到',
  declined: '已退回',
  ended: '已结束',
} as const;
export type CobuildRegStatus = keyof typeof COBUILD_REG_STATUSES;
export const COBUILD_NEED_STATUSES = { open: '认领中', closed: '已关闭', done: '已完成' } as const;
export type CobuildNeedStatus = keyof typeof COBUILD_NEED_STATUSES;
export const COBUILD_CLAIM_STATUSES = {
  pending: '待答复',
  accepted: '已接受',
  declined: '已婉拒',
  withdrawn: '已撤回',
  fulfilled: '已完成',
} as const;
export type CobuildClaimStatus = keyof typeof COBUILD_CLAIM_STATUSES;
export const COBUILD_PROJECT_STATUSES = { active: '实施中', done: '已完成', cancelled: '已取消' } as const;
export const COBUILD_VERIFICATIONS = { pending: '待核验', verified: '已核验', rejected: '未通过' } as const;
export type CobuildVerification = keyof typeof COBUILD_VERIFICATIONS;
/** Point actions and their labels; caps are per action (积分类别) per period. */
export const COBUILD_ACTIONS = {
  report: '报到',
  service: '志愿服务',
  leadProject: '牵头项目',
  needFulfilled: '认领需求完成',
  adjust: '人工调整',
} as const;
export type CobuildAction = keyof typeof COBUILD_ACTIONS;
export const COBUILD_CAP_PERIODS = { month: '每月', quarter: '每季度', year: '每年' } as const;
export type CobuildCapPeriod = keyof typeof COBUILD_CAP_PERIODS;
