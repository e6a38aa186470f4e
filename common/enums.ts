/**
 * Every enumeration of Luoshi, declared once and imported by server (validation, queries) and web
 * (options, labels). The rule (docs/ARCHITECTURE.md "One enum rule"): the value stored in the
 * database is the value the API sends and accepts. Two shapes:
 * - a list (`as const` array) when the value is itself the Chinese word users read and type
 *   (org types, grades, rectification statuses): the value is its own label;
 * - a map `{ key: label }` when the value is a stable English key (roles, task statuses, lights):
 *   the key travels, the label is shown.
 * Stored values are never respelled: the API is published (acceptance checks call `?light=red` and
 * send Chinese org types), so a migration would change the contract.
 */

/** The keys of a `{ key: label }` enumeration, as a typed list (for schemas and selects). */
export const keysOf = <T extends Record<string, string>>(m: T) => Object.keys(m) as (keyof T & string)[];

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
  inspector: '作风监督员',
} as const;
export type Role = keyof typeof ROLES;

/**
 * Permissions, and which roles hold them: one row per permission, one column per role in the order
 * of ROLE_COLUMNS — org 组织部管理员, sup 督查员, unit 单位管理员/书记, mem 党员, insp 作风监督员
 * (1 = granted). The 系统管理员 holds every permission (a row of zeros is theirs alone) and has no
 * column. Every API route declares exactly one permission (or 'public' / 'authenticated'); what it
 * allows is further limited to the caller's scope subtree. A new permission is one new row.
 */
const ROLE_COLUMNS = [
  'org_admin',
  'supervisor',
  'unit_admin',
  'member',
  'inspector',
] as const satisfies readonly Exclude<Role, 'sysadmin'>[];
type Row = readonly [0 | 1, 0 | 1, 0 | 1, 0 | 1, 0 | 1];

// biome-ignore format: a table reads by its columns
const GRANTS = {
  //                        org  sup  unit mem  insp
  'org.read':              [1,   1,   1,   1,   1],
  'org.write':             [1,   0,   1,   0,   0],
  'member.read':           [1,   1,   1,   1,   0],
  'member.write':          [1,   0,   1,   0,   0],
  'transfer.read':         [1,   0,   1,   0,   0],
  'transfer.create':       [1,   0,   1,   0,   0],
  'transfer.approve':      [1,   0,   1,   0,   0],
  'user.read':             [1,   0,   0,   0,   0],
  'user.manage':           [1,   0,   0,   0,   0],
  'audit.read':            [0,   0,   0,   0,   0],
  'document.read':         [1,   1,   1,   0,   0],
  'document.write':        [1,   1,   0,   0,   0],
  'task.read':             [1,   1,   1,   0,   0],
  'task.manage':           [1,   1,   0,   0,   0],
  'task.report':           [0,   0,   1,   0,   0],
  'task.supervise':        [1,   1,   0,   0,   0],
  'task.settings':         [0,   0,   0,   0,   0],
  'review.read':           [1,   0,   1,   0,   0],
  'review.report':         [0,   0,   1,   0,   0],
  'review.manage':         [1,   0,   0,   0,   0],
  'rectification.read':    [1,   1,   1,   0,   0],
  'rectification.write':   [1,   0,   1,   0,   0],
  'rectification.approve': [1,   1,   1,   0,   0],
  'indicator.read':        [1,   1,   1,   0,   0],
  'indicator.manage':      [1,   1,   0,   0,   0],
  'indicator.report':      [0,   0,   1,   0,   0],
  'indicator.approve':     [1,   1,   1,   0,   0],
  'letter.sign':           [1,   0,   1,   0,   0],
  'cobuild.self':          [1,   1,   1,   1,   0],
  'cobuild.read':          [1,   1,   1,   0,   0],
  'cobuild.manage':        [1,   0,   1,   0,   0],
  'cobuild.settings':      [1,   0,   0,   0,   0],
  'orglife.read':          [1,   1,   1,   0,   0],
  'orglife.manage':        [1,   0,   1,   0,   0],
  'orglife.rules':         [1,   0,   0,   0,   0],
  'research.read':         [1,   1,   1,   0,   0],
  'research.plan':         [1,   1,   1,   0,   0],
  'research.coordinate':   [1,   1,   0,   0,   0],
  'publicset.manage':      [1,   1,   0,   0,   0],
  'standards.read':        [1,   1,   1,   0,   0],
  'standards.score':       [1,   0,   1,   0,   0],
  'standards.manage':      [1,   0,   0,   0,   0],
  'window.read':           [1,   1,   1,   0,   1],
  'window.manage':         [0,   0,   1,   0,   0],
  'window.supervise':      [1,   1,   0,   0,   0],
  'window.inspect':        [0,   1,   0,   0,   1],
  'commend.read':          [1,   1,   1,   0,   0],
  'commend.nominate':      [1,   0,   1,   0,   0],
  'commend.manage':        [1,   0,   1,   0,   0],
} as const satisfies Record<string, Row>;

export type Permission = keyof typeof GRANTS;
export const PERMISSIONS = Object.keys(GRANTS) as Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: PERMISSIONS,
  ...(Object.fromEntries(
    ROLE_COLUMNS.map((role, col) => [role, PERMISSIONS.filter((p) => GRANTS[p][col] === 1)]),
  ) as Record<(typeof ROLE_COLUMNS)[number], Permission[]>),
};

/** Roles a manager may grant: never above their own. */
export const ROLE_RANK: Record<Role, number> = {
  sysadmin: 5,
  org_admin: 4,
  supervisor: 3,
  unit_admin: 2,
  member: 1,
  inspector: 2,
};

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
  orglife_due: '组织生活临期提醒',
  orglife_absence: '党员连续缺席组织生活提醒',
  orglife_case: '连续6个月不参加组织生活处置',
  indicator_returned: '指标填报退回',
  rating_case: '差评工单',
  rating_overdue: '差评逾期',
  // later modules, one line each
  cobuild_todo: '共驻共建待办',
  cobuild_letter: '共驻共建反馈函',
  cobuild_bulletin: '共驻共建通报',
  research: '调研统筹',
  public_feedback: '群众意见',
  task_follow: '关注任务动态',
  digest: '每日汇总',
  standards: '标准化',
  task_assigned: '新任务交办',
  commend: '评选表彰',
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
/** Parts of the 年度综合考核, each computed from records (figure registry or 平时 scores). */
export const ASSESSMENT_SOURCES = {
  'indicators.completion': '指标完成',
  'tasks.onTimeRate': '督查任务完成',
  'reviews.goodRate': '述职评议',
  'standards.score': '标准化考评',
  'windows.satisfactionRate': '窗口满意度',
  monthly: '平时考核',
} as const;
export const ASSESSMENT_STATUSES = ['评分中', '公示中', '已发布'] as const;
export const ASSESSMENT_GRADES = ['优秀', '良好', '合格', '不合格'] as const;
export const ASSESSMENT_ADJUSTMENTS = ['加分', '扣分', '一票否决'] as const;
/** 评选表彰 (issue 15 item 8): who commends, what, and where a nomination stands. */
export const COMMEND_LEVELS = ['县委', '乡镇党委'] as const;
export const COMMEND_CATEGORIES = ['先进集体', '先进工作者', '优秀党员', '优秀党务工作者'] as const;
export type CommendCategory = (typeof COMMEND_CATEGORIES)[number];
export const COMMEND_QUOTA_MODES = ['提醒', '严格'] as const;
export const COMMEND_ROUND_STATUSES = ['推荐中', '公示中', '已发布'] as const;
export const NOMINATION_STATUSES = ['草稿', '已报送', '已审核', '已审定', '已退回', '已撤销'] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
/** What a 公示 posts (server/lib/publicity.ts): the kind of a `publicity_objection` row. */
export const PUBLICITY_KINDS = {
  assessment: '年度综合考核',
  standards: '党支部标准化评定',
  commend: '评选表彰',
} as const;
export type PublicityKind = keyof typeof PUBLICITY_KINDS;
// ── Supervision (文件与任务分解, 督查督办): English keys, Chinese labels ──

export const TASK_STATUSES = { pending: '待签收', doing: '办理中', requested: '申请办结', done: '已办结' } as const;
export type TaskStatus = keyof typeof TASK_STATUSES;
/** Traffic lights (红黄绿灯) of unfinished tasks. */
export const LIGHTS = { green: '绿灯', yellow: '黄灯', red: '红灯' } as const;
export type Light = keyof typeof LIGHTS;
export const TASK_PRIORITIES = ['一般', '重要', '紧急'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export const REPORT_CYCLES = { weekly: '每周', monthly: '每月', none: '不定期' } as const;
export type ReportCycle = keyof typeof REPORT_CYCLES;
/** The unit's part in a task (task_org.role). */
export const TASK_ORG_ROLES = { lead: '牵头单位', co: '配合单位' } as const;
/** Entries of a task's 办理记录 (task_event.kind). */
export const TASK_EVENT_KINDS = {
  dispatch: '下发',
  accept: '签收',
  report: '报送进展',
  request_close: '申请办结',
  close: '确认办结',
  return: '退回',
  instruction: '领导批示',
  urge: '催办',
  supervise_order: '下发督办单',
  milestone: '节点完成',
} as const;
export type TaskEventKind = keyof typeof TASK_EVENT_KINDS;
/** A key project's milestone against its plan (computed, not stored). */
export const MILESTONE_STATES = { done: '按期完成', done_late: '逾期完成', late: '已逾期', pending: '未到期' } as const;
export type MilestoneState = keyof typeof MILESTONE_STATES;
/** How a document's text arrived. */
export const DOCUMENT_SOURCES = { paste: '粘贴正文', txt: '文本文件', docx: 'Word 文档' } as const;
export type DocumentSource = keyof typeof DOCUMENT_SOURCES;

// ── 述职评议: campaign and comment workflow keys; the rest are the Chinese words themselves ──

/** `closing`: the campaign close is counting ballots in chunks (reviews/campaigns.service.ts). */
export const CAMPAIGN_STATUSES = {
  preparing: '筹备中',
  voting: '投票中',
  closing: '正在计票',
  closed: '已结束',
} as const;
export type CampaignStatus = keyof typeof CAMPAIGN_STATUSES;
export const COMMENT_STATUSES = { draft: '起草', submitted: '提交审定', approved: '已审定', returned: '退回' } as const;
export type CommentStatus = keyof typeof COMMENT_STATUSES;
/** Where a 点评 finding comes from. */
export const FINDING_SOURCES = ['平时掌握情况', '巡视巡察反馈', '督查调研发现'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];
/** 口头 = reports at the meeting (on the agenda); 书面 = written report only. */
export const REPORT_MODES = ['口头', '书面'] as const;
export const REPORT_STATES = ['已报送', '未报送'] as const;
export const PARTICIPANT_KINDS = ['正式', '列席'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
export const BALLOT_CHANNELS = ['电子', '纸质'] as const;
/** A paper ballot typed twice: 待复录 (once), 不一致 (twice, differing), 已核对 (counted). */
export const PAPER_SHEET_STATUSES = ['待复录', '不一致', '已核对'] as const;
export type PaperSheetStatus = (typeof PAPER_SHEET_STATUSES)[number];
/** What the meeting's big screen shows. */
export const SCREEN_PHASES = ['准备', '大会述职', '民主评议', '已结束'] as const;

// ── 问题整改 (the one rectification ledger) ──

export const RECT_SOURCES = [
  '点评',
  '巡视巡察',
  '督查',
  '民主评议',
  '好差评',
  '标准化',
  '任务逾期',
  '调研',
  '其他',
] as const;
export type RectSource = (typeof RECT_SOURCES)[number];
export const RECT_STATUSES = ['整改中', '申请销号', '已销号'] as const;
export type RectStatus = (typeof RECT_STATUSES)[number];
export const RECHECK_STATUSES = ['待回头看', '未反弹', '反弹'] as const;
/** The caller's side of an item: the rectifying org's subtree, or the issuing side. */
export const RECT_SIDES = ['整改方', '交办方'] as const;

/** 组织生活 (issue 11): meeting types, one meeting may count as several. */
export const MEETING_TYPES = [
  '支部党员大会',
  '支部委员会',
  '党小组会',
  '党课',
  '主题党日',
  '组织生活会',
  '民主评议党员',
  '谈心谈话',
  '其他',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const TALK_MODES = ['面对面', '电话', '其他'] as const;
export const MEETING_STATUSES = ['计划', '已召开', '已作废'] as const;
/** 缺席 is the default of every 应到 row; 出席 comes only from a check-in (扫码/签到码). */
export const ATTENDANCE_STATUSES = ['缺席', '出席', '补签', '请假'] as const;
export const ATTACHMENT_KINDS = ['会议记录', '照片', '签到表', '其他'] as const;
export const RULE_FREQUENCIES = { month: '每月', quarter: '每季度', half: '每半年', year: '每年' } as const;
export type RuleFrequency = keyof typeof RULE_FREQUENCIES;
/** Who must be present for a meeting to count as held. */
export const QUORUM_KINDS = {
  voting_majority: '有表决权的到会人数超过应到有表决权人数的半数',
  half: '到会人数不少于应到人数的半数',
  any: '有人到会即可',
} as const;
export type QuorumKind = keyof typeof QUORUM_KINDS;
export const RULE_ORG_TYPES = ['党支部', '党总支'] as const;
export const COMMITTEE_ROLES = [
  '书记',
  '副书记',
  '组织委员',
  '宣传委员',
  '纪检委员',
  '青年委员',
  '统战委员',
  '委员',
] as const;
export const APPRAISAL_GRADES = ['优秀', '合格', '基本合格', '不合格'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const CASE_DECISIONS = ['除名(报上级党组织批准)', '限期改正', '有正当理由,不作处置', '其他'] as const;
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

/** 党支部建设标准化 (server/modules/standards). */
export const STD_SCHEMES = ['标准化', '星级'] as const;
/** deduct: 扣分 per occurrence down to a floor; levels: 好/较好/一般/差; yesno: all or nothing; bonus: 加分. */
export const STD_METHODS = ['deduct', 'levels', 'yesno', 'bonus'] as const;
export const STD_METHOD_LABELS = { deduct: '按次扣分', levels: '分档评定', yesno: '是否达标', bonus: '加分' } as const;
export const STD_SOURCE_RULES = ['perUnit', 'below', 'above'] as const;
export const STD_QUOTA_MODES = ['enforce', 'warn'] as const;
export const STD_ROUND_STATUSES = ['评分中', '公示中', '已发布'] as const;
export const STD_ENTRY_STATUSES = ['待自评', '已退回', '待初核', '待审定', '已审定'] as const;
export const STD_PLAN_STATUSES = ['整顿中', '已摘帽'] as const;
/** 好差评: the five levels, best first (stored as 5 … 1: 非常满意 = 5). 不满意 and 非常不满意 are 差评. */
export const RATING_LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const levelValue = (l: RatingLevel) => 5 - RATING_LEVELS.indexOf(l);
export const levelName = (v: number): RatingLevel => RATING_LEVELS[5 - v];
export const WINDOW_KINDS = ['窗口', '大厅', '站点'] as const;
/** 差评工单 statuses in workflow order; 已办结 and 申诉成立 are closed. */
export const RATING_CASE_STATUSES = ['待核实', '待回访', '待处置', '待复评', '申诉中', '已办结', '申诉成立'] as const;
export type RatingCaseStatus = (typeof RATING_CASE_STATUSES)[number];
export const RATING_CASE_RESOLUTIONS = ['整改', '解释说明'] as const;
export const INSPECTION_STATUSES = ['已提交', '已转工单', '已交办整改', '已发整改通知书', '无问题'] as const;

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

/**
 * What a reviewer's correction of an extraction teaches (extraction_correction.kind): an alias for a unit as written,
 * a row that is not a task, the lead for a topic, the lead for a department type; split and merge are recorded for
 * the statistics of granularity but teach nothing automatic.
 */
export const CORRECTION_KINDS = {
  alias: '单位简称',
  not_task: '不是任务',
  topic: '同类事项的牵头单位',
  type: '职能类别的牵头单位',
  split: '拆分',
  merge: '合并',
} as const;
export type CorrectionKind = keyof typeof CORRECTION_KINDS;
