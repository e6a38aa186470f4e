/**
 * 督查督办: tasks (list, detail, create, edit), their workflow (签收 → 报送 → 申请办结 → 办结 / 退回,
 * 批示, 催办), progress reports, evidence files and key-project milestones. The worked example of
 * docs/ARCHITECTURE.md "How to add a module".
 */
import { keysOf, LIGHTS, REPORT_CYCLES, TASK_EVENT_KINDS, TASK_PRIORITIES, TASK_STATUSES } from '../enums.ts';
import { Body, CursorPaging, DateStr, Enum, Id, Instant, KeysetListOf, Nullable, type Static, Type } from './common.ts';

export const Light = Enum(keysOf(LIGHTS), '红黄绿灯');
export const TaskStatus = Enum(keysOf(TASK_STATUSES), '状态');
export const Priority = Enum(TASK_PRIORITIES, '优先级');
export const ReportCycle = Enum(keysOf(REPORT_CYCLES), '报送周期');
export const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });
export type OrgRef = Static<typeof OrgRef>;

export const TaskParams = Type.Object({ id: Id('任务编号') }, { additionalProperties: false });
export const MilestoneParams = Type.Object(
  { id: Id('任务编号'), milestoneId: Id('节点编号') },
  { additionalProperties: false },
);
export const AttachmentParams = Type.Object(
  { id: Id('任务编号'), attId: Id('附件编号') },
  { additionalProperties: false },
);

// ── Requests ──

/** The fields of a new task; also the rows published from a document (documents.ts adds offsets). */
export const TaskFields = {
  text: Type.String({ title: '工作任务', maxLength: 4000 }),
  leadOrgId: Id('牵头单位'),
  coOrgIds: Type.Optional(Type.Array(Id('配合单位'), { title: '配合单位', maxItems: 200 })),
  dueDate: Type.Optional(Nullable(DateStr('完成时限'))),
  deadlineText: Type.Optional(Nullable(Type.String({ title: '时限原文', maxLength: 100 }))),
  leader: Type.Optional(Nullable(Type.String({ title: '责任领导', maxLength: 50 }))),
  priority: Type.Optional(Priority),
  reportCycle: Type.Optional(ReportCycle),
  targets: Type.Optional(
    Type.Array(
      Type.Union([
        Type.String({ title: '指标', maxLength: 500 }),
        Type.Object({ text: Type.String({ title: '指标', maxLength: 500 }) }, { additionalProperties: true }),
      ]),
      { title: '指标', maxItems: 50 },
    ),
  ),
  keyProject: Type.Optional(Type.Boolean({ title: '重点项目' })),
};

/** The list's filters; the ledgers (print, .xlsx, .docx) take the same ones, without paging. */
export const TaskFilters = {
  orgId: Type.Optional(Id('单位')),
  light: Type.Optional(Light),
  status: Type.Optional(TaskStatus),
  q: Type.Optional(Type.String({ maxLength: 50, title: '关键词' })),
  documentId: Type.Optional(Id('文件')),
  parentId: Type.Optional(Id('上级任务')),
  overdue: Type.Optional(Type.Boolean({ title: '逾期' })),
  /** Only tasks the unit (or its subtree) leads — what it must 签收 and 报送, not what it cooperates on. */
  lead: Type.Optional(Type.Boolean({ title: '本单位牵头' })),
  keyProject: Type.Optional(Type.Boolean({ title: '重点项目' })),
};
export const TaskQuery = Type.Object({ ...TaskFilters, ...CursorPaging }, { additionalProperties: false });
export type TaskQuery = Static<typeof TaskQuery>;

export const NewTask = Body({ ...TaskFields, parentId: Type.Optional(Nullable(Id('上级任务'))) });
export type NewTask = Static<typeof NewTask>;

export const TaskPatch = Body({
  text: Type.Optional(TaskFields.text),
  leader: TaskFields.leader,
  dueDate: TaskFields.dueDate,
  priority: TaskFields.priority,
  reportCycle: TaskFields.reportCycle,
  keyProject: TaskFields.keyProject,
});
export type TaskPatch = Static<typeof TaskPatch>;

export const RequestCloseBody = Body({ summary: Type.Optional(Type.String({ title: '办结说明', maxLength: 2000 })) });
export type RequestCloseBody = Static<typeof RequestCloseBody>;
export const CloseBody = Body({ opinion: Type.Optional(Type.String({ title: '审核意见', maxLength: 2000 })) });
export type CloseBody = Static<typeof CloseBody>;
export const ReturnBody = Body({ reason: Type.String({ title: '退回理由', minLength: 1, maxLength: 2000 }) });
export type ReturnBody = Static<typeof ReturnBody>;
export const InstructionBody = Body({ text: Type.String({ title: '批示内容', minLength: 1, maxLength: 2000 }) });
export type InstructionBody = Static<typeof InstructionBody>;
export const UrgeBody = Body({ message: Type.Optional(Type.String({ title: '催办内容', maxLength: 500 })) });
export type UrgeBody = Static<typeof UrgeBody>;
export const ReportBody = Body({
  text: Type.String({ title: '进展情况', maxLength: 4000 }),
  percent: Type.Integer({ title: '完成进度(%)', minimum: 0, maximum: 100 }),
});
export type ReportBody = Static<typeof ReportBody>;
export const MilestoneBody = Body({
  name: Type.String({ title: '节点名称', minLength: 1, maxLength: 50 }),
  dueDate: DateStr('计划完成日期'),
});
export type MilestoneBody = Static<typeof MilestoneBody>;

// ── Responses ──

export const TaskItem = Type.Object({
  id: Type.Integer(),
  text: Type.String(),
  light: Light,
  lightLabel: Type.String(),
  /** Why the light is not green, in Chinese (e.g. 逾期 3 个工作日). */
  lightReasons: Type.Array(Type.String()),
  status: TaskStatus,
  statusLabel: Type.String(),
  overdue: Type.Boolean(),
  leadOrg: OrgRef,
  coOrgs: Type.Array(OrgRef),
  leader: Nullable(Type.String()),
  dueDate: Nullable(DateStr('完成时限')),
  deadlineText: Nullable(Type.String()),
  targets: Type.Array(Type.String()),
  priority: Type.String(),
  reportCycle: ReportCycle,
  keyProject: Type.Boolean(),
  progress: Type.Integer(),
  documentId: Nullable(Type.Integer()),
  /** Offsets of the passage in the document the task was published from. */
  passage: Nullable(Type.Object({ start: Nullable(Type.Integer()), end: Nullable(Type.Integer()) })),
  parentId: Nullable(Type.Integer()),
  issuedDate: DateStr('下发日期'),
  acceptedDate: Nullable(DateStr('签收日期')),
  lastReportDate: Nullable(DateStr('最近报送日期')),
  closedAt: Nullable(Instant('办结时间')),
  createdAt: Instant('创建时间'),
});
export type TaskItem = Static<typeof TaskItem>;
export const TaskPage = KeysetListOf(TaskItem);
export type TaskPage = Static<typeof TaskPage>;

export const TaskDetail = Type.Composite([
  TaskItem,
  Type.Object({
    document: Nullable(Type.Object({ id: Type.Integer(), title: Type.String(), date: DateStr('会议日期') })),
    passageText: Nullable(Type.String()),
    children: Type.Array(TaskItem),
    reports: Type.Array(
      Type.Object({
        id: Type.Integer(),
        percent: Type.Integer(),
        text: Type.String(),
        createdAt: Instant('报送时间'),
        author: Type.String(),
        orgName: Type.String(),
      }),
    ),
    attachments: Type.Array(
      Type.Object({
        id: Type.Integer(),
        reportId: Nullable(Type.Integer()),
        fileName: Type.String(),
        size: Type.Integer(),
        mime: Type.String(),
        uploadedAt: Instant('上传时间'),
        uploader: Type.String(),
      }),
    ),
    events: Type.Array(
      Type.Object({
        id: Type.Integer(),
        kind: Enum(keysOf(TASK_EVENT_KINDS), '记录类型'),
        text: Nullable(Type.String()),
        at: Instant('时间'),
        actor: Nullable(Type.String()),
      }),
    ),
    milestones: Type.Array(
      Type.Object({
        id: Type.Integer(),
        name: Type.String(),
        dueDate: DateStr('计划完成日期'),
        doneDate: Nullable(DateStr('完成日期')),
        sortOrder: Type.Integer(),
      }),
    ),
  }),
]);
export type TaskDetail = Static<typeof TaskDetail>;

/** A workflow step's answer: the status the task moved to. */
export const StepResult = Type.Object({ ok: Type.Boolean(), status: TaskStatus });
export type StepResult = Static<typeof StepResult>;
/** 批示 / 催办: the log entry written. */
export const RemarkResult = Type.Object({ ok: Type.Boolean(), eventId: Type.Integer() });
export type RemarkResult = Static<typeof RemarkResult>;
export const MilestoneDone = Type.Object({ ok: Type.Boolean(), doneDate: DateStr('完成日期') });
export type MilestoneDone = Static<typeof MilestoneDone>;
