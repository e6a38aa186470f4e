/**
 * 问题整改: the one rectification ledger every module feeds (点评, 民主评议, 督查 …). The rectifying
 * side fills in measures and evidence and applies for 销号; the issuing side approves it and runs
 * the 回头看 months later; a recurrence (反弹) reopens the item.
 */
import { RECHECK_STATUSES, RECT_SIDES, RECT_SOURCES, RECT_STATUSES } from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, ListOf, Nullable, Paging, type Static, Type } from './common.ts';

export const RectStatus = Enum(RECT_STATUSES, '状态');
export const RectSource = Enum(RECT_SOURCES, '来源');
const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });
const RecheckMonths = Type.Integer({ title: '回头看间隔(月)', minimum: 1, maximum: 36 });
const Measures = Type.String({ title: '整改措施', maxLength: 5000 });
const Owner = Type.String({ title: '责任人', maxLength: 50 });

export const EvidenceParams = Type.Object(
  { id: Id('编号'), evidenceId: Id('附件编号') },
  { additionalProperties: false },
);

/** Filters shared by the list, its export and the summary (which does not filter by status). */
const Filters = {
  orgId: Type.Optional(Id('整改单位')),
  status: Type.Optional(RectStatus),
  source: Type.Optional(RectSource),
  q: Type.Optional(Type.String({ maxLength: 50, title: '关键词' })),
  /** Open (not 已销号) and past the 完成时限 — the list's red rows. */
  overdue: Type.Optional(Type.Boolean({ title: '逾期' })),
  /** The year the item was 交办 (建立), in Beijing time. */
  year: Type.Optional(Type.Integer({ title: '年度', minimum: 2000, maximum: 2100 })),
  /** 整改方: the rectifying org is in the caller's subtree; 交办方: the issuing side is. */
  side: Type.Optional(Enum(RECT_SIDES, '身份')),
};
const { status: _status, ...SummaryFilters } = Filters;
export const RectQuery = Type.Object({ ...Filters, ...Paging }, { additionalProperties: false });
export type RectQuery = Static<typeof RectQuery>;
export const RectExportQuery = Type.Object(Filters, { additionalProperties: false });
export type RectExportQuery = Static<typeof RectExportQuery>;
export const RectSummaryQuery = Type.Object(SummaryFilters, { additionalProperties: false });
export type RectSummaryQuery = Static<typeof RectSummaryQuery>;

export const NewRectification = Body({
  orgId: Id('整改单位'),
  problem: Type.String({ title: '问题', minLength: 1, maxLength: 2000 }),
  source: RectSource,
  measures: Type.Optional(Nullable(Measures)),
  owner: Type.Optional(Nullable(Owner)),
  deadlineDate: Type.Optional(Nullable(DateStr('完成时限'))),
  recheckMonths: Type.Optional(RecheckMonths),
});
export type NewRectification = Static<typeof NewRectification>;
export const RectPatch = Body({
  measures: Type.Optional(Nullable(Measures)),
  owner: Type.Optional(Nullable(Owner)),
  deadlineDate: Type.Optional(Nullable(DateStr('完成时限'))),
});
export type RectPatch = Static<typeof RectPatch>;
export const EvidenceBody = Body({
  note: Type.String({ title: '佐证说明', minLength: 1, maxLength: 2000 }),
  fileName: Type.Optional(Type.String({ title: '文件名', minLength: 1, maxLength: 200 })),
  contentBase64: Type.Optional(Type.String({ title: '附件内容', maxLength: 700_000 })),
});
export type EvidenceBody = Static<typeof EvidenceBody>;
export const ApplyCloseBody = Body({ note: Type.Optional(Type.String({ title: '说明', maxLength: 1000 })) });
export type ApplyCloseBody = Static<typeof ApplyCloseBody>;
export const ApproveCloseBody = Body({
  opinion: Type.Optional(Type.String({ title: '意见', maxLength: 1000 })),
  recheckMonths: Type.Optional(RecheckMonths),
});
export type ApproveCloseBody = Static<typeof ApproveCloseBody>;
export const RejectCloseBody = Body({ opinion: Type.String({ title: '退回理由', minLength: 1, maxLength: 1000 }) });
export type RejectCloseBody = Static<typeof RejectCloseBody>;
export const RecheckBody = Body({
  recurred: Type.Boolean({ title: '是否反弹' }),
  note: Type.String({ title: '回头看情况', minLength: 1, maxLength: 2000 }),
});
export type RecheckBody = Static<typeof RecheckBody>;

export const RectItem = Type.Object({
  id: Type.Integer(),
  org: Ref,
  issuer: Ref,
  problem: Type.String(),
  source: RectSource,
  sourceRef: Nullable(Type.String()),
  measures: Nullable(Type.String()),
  owner: Nullable(Type.String()),
  deadlineDate: Nullable(DateStr('完成时限')),
  status: RectStatus,
  overdue: Type.Boolean(),
  reboundCount: Type.Integer(),
  recheckMonths: Type.Integer(),
  recheckDueDate: Nullable(DateStr('回头看日期')),
  closedDate: Nullable(DateStr('销号日期')),
  createdAt: Instant('建立时间'),
  updatedAt: Instant('更新时间'),
});
export type RectItem = Static<typeof RectItem>;
export const RectPage = ListOf(RectItem);
export type RectPage = Static<typeof RectPage>;

export const RectDetail = Type.Composite([
  RectItem,
  Type.Object({
    /** Which sides the caller is on: 整改方 (rectifying org's subtree), 交办方 (issuing side). */
    mySides: Type.Array(Enum(RECT_SIDES, '身份')),
    steps: Type.Array(
      Type.Object({
        step: Type.String(),
        opinion: Nullable(Type.String()),
        at: Instant('时间'),
        actor: Nullable(Type.String()),
      }),
    ),
    evidence: Type.Array(
      Type.Object({
        id: Type.Integer(),
        note: Type.String(),
        fileName: Nullable(Type.String()),
        uploadedAt: Instant('上传时间'),
        uploader: Type.String(),
      }),
    ),
    rechecks: Type.Array(
      Type.Object({
        id: Type.Integer(),
        dueDate: DateStr('应回头看日期'),
        status: Enum(RECHECK_STATUSES, '回头看状态'),
        note: Nullable(Type.String()),
        doneAt: Nullable(Instant('完成时间')),
      }),
    ),
  }),
]);
export type RectDetail = Static<typeof RectDetail>;

/** Per rectifying org: counts by status, overdue, rebounds and the 销号率 (%). */
export const RectSummaryPage = ListOf(
  Type.Object({
    orgId: Type.Integer(),
    orgName: Type.String(),
    total: Type.Integer(),
    open: Type.Integer(),
    applying: Type.Integer(),
    closed: Type.Integer(),
    overdue: Type.Integer(),
    rebounds: Type.Integer(),
    closeRate: Type.Number(),
  }),
);
export type RectSummaryPage = Static<typeof RectSummaryPage>;

export const ApproveCloseResult = Type.Object({ ok: Type.Boolean(), recheckDueDate: DateStr('回头看日期') });
export type ApproveCloseResult = Static<typeof ApproveCloseResult>;
export const RecheckResult = Type.Object({ ok: Type.Boolean(), status: RectStatus, reboundCount: Type.Integer() });
export type RecheckResult = Static<typeof RecheckResult>;
export const RechecksRun = Type.Object({ created: Type.Integer() });
export type RechecksRun = Static<typeof RechecksRun>;
