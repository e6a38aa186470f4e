/**
 * 文件与任务分解: documents stored with their full text (search with highlighted snippets), the
 * extractor's task proposals for review (nothing saved), and publishing the reviewed rows as tasks
 * that keep their passage offsets.
 */
import { DOCUMENT_SOURCES, keysOf } from '../enums.ts';
import { Body, DateStr, Enum, Instant, ListOf, Nullable, Paging, type Static, Type } from './common.ts';
import { Light, TaskFields, TaskStatus } from './tasks.ts';

const Source = Enum(keysOf(DOCUMENT_SOURCES), '来源');

export const DocumentQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 50, title: '关键词' })), ...Paging },
  { additionalProperties: false },
);
export type DocumentQuery = Static<typeof DocumentQuery>;

export const NewDocument = Body({
  title: Type.String({ title: '标题', maxLength: 200 }),
  date: DateStr('会议(发文)日期'),
  text: Type.String({ title: '正文', maxLength: 500_000 }),
  meeting: Type.Optional(Nullable(Type.String({ title: '会议名称', maxLength: 200 }))),
  issuingUnit: Type.Optional(Nullable(Type.String({ title: '发文单位', maxLength: 100 }))),
  /** Save even though the same text is already on file (after the 409 DOCUMENT_DUPLICATE warning). */
  allowDuplicate: Type.Optional(Type.Boolean({ title: '确认重复录入' })),
});
export type NewDocument = Static<typeof NewDocument>;

/** A reviewed row to publish: a task plus the offsets of its passage in the document. */
export const PublishRow = Type.Object(
  {
    ...TaskFields,
    start: Type.Integer({ title: '原文起始位置', minimum: 0 }),
    end: Type.Integer({ title: '原文结束位置', minimum: 1 }),
  },
  { additionalProperties: false },
);
export type PublishRow = Static<typeof PublishRow>;
export const PublishBody = Body({ tasks: Type.Array(PublishRow, { title: '任务', minItems: 1, maxItems: 500 }) });
export type PublishBody = Static<typeof PublishBody>;
export const Published = Type.Object({ taskIds: Type.Array(Type.Integer()) });
export type Published = Static<typeof Published>;
/** The `details` of a 409 DOCUMENT_DUPLICATE: the document already holding the same text. */
export const DocumentDuplicate = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  date: DateStr('会议(发文)日期'),
});
export type DocumentDuplicate = Static<typeof DocumentDuplicate>;

/** A passage around a search hit, split so the client can mark the match. */
export const Snippet = Type.Object({
  before: Type.String(),
  match: Type.String(),
  after: Type.String(),
  field: Type.Union([Type.Literal('title'), Type.Literal('text')]),
});
export type Snippet = Static<typeof Snippet>;

/** What a list row and the detail both say about a document. */
const DocFields = {
  id: Type.Integer(),
  title: Type.String(),
  meeting: Nullable(Type.String()),
  date: DateStr('会议(发文)日期'),
  issuingUnit: Nullable(Type.String()),
  source: Source,
  fileName: Nullable(Type.String()),
  createdAt: Instant('录入时间'),
};

export const DocumentRow = Type.Object({
  ...DocFields,
  /** Tasks of this document the caller can see. */
  taskCount: Type.Integer(),
  /** Only when searching. */
  snippets: Type.Optional(Type.Array(Snippet)),
});
export type DocumentRow = Static<typeof DocumentRow>;
export const DocumentPage = ListOf(DocumentRow);
export type DocumentPage = Static<typeof DocumentPage>;

export const DocumentDetail = Type.Object({
  ...DocFields,
  text: Type.String(),
  /** The caller's scope owns the document, so may publish tasks from it. */
  canPublish: Type.Boolean(),
  tasks: Type.Array(
    Type.Object({
      id: Type.Integer(),
      text: Type.String(),
      start: Nullable(Type.Integer()),
      end: Nullable(Type.Integer()),
      light: Light,
      status: TaskStatus,
      dueDate: Nullable(DateStr('完成时限')),
      leadName: Type.String(),
    }),
  ),
});
export type DocumentDetail = Static<typeof DocumentDetail>;

/** The extractor's deadline: the phrase as written and the date interval it means. */
const Deadline = Type.Object({
  text: Type.String(),
  from: Nullable(DateStr('起始日期')),
  to: Nullable(DateStr('截止日期')),
  kind: Type.String(),
  recurring: Type.Optional(Type.String()),
  start: Type.Optional(Type.Integer()),
  end: Type.Optional(Type.Integer()),
});

/** One proposed task of the review table, with org ids matched from the unit names found. */
export const Proposal = Type.Object({
  text: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  /** Lead and cooperating units as the text names them. */
  units: Type.Array(Type.String()),
  cooperating: Type.Array(Type.String()),
  deadline: Nullable(Deadline),
  targets: Type.Array(
    Type.Object({ text: Type.String(), start: Type.Optional(Type.Integer()), end: Type.Optional(Type.Integer()) }),
  ),
  heading: Nullable(Type.String()),
  leadOrgId: Nullable(Type.Integer()),
  leadOrgIds: Type.Array(Type.Integer()),
  coOrgIds: Type.Array(Type.Integer()),
  dueDate: Nullable(DateStr('完成时限')),
  /** Unit names no org of the caller's scope matched: the reviewer picks one. */
  unmatched: Type.Array(Type.String()),
  /** Where the lead came from: the text itself, a proposal from government functions, or a past correction. */
  unitSource: Nullable(
    Enum(['explicit', 'paragraph', 'heading', 'label', 'proposal', 'correction', 'none'] as const, '牵头单位来源'),
  ),
  /** Lead units suggested when the text names none (best first). */
  proposals: Type.Array(
    Type.Object({
      name: Type.String(),
      type: Type.String(),
      keywords: Type.Array(Type.String()),
      score: Type.Number(),
      source: Enum(['function', 'correction'] as const, '建议来源'),
      mapped: Type.Optional(Nullable(Type.String())),
    }),
  ),
  /** 0…1: how sure the extractor is that this is a task with the right unit; low rows are reviewed first. */
  confidence: Nullable(Type.Number()),
  /** Why the row was taken (codes of TASK_REASONS) and their Chinese labels. */
  reasons: Type.Array(Type.String()),
  reasonLabels: Type.Array(Type.String()),
});
export type Proposal = Static<typeof Proposal>;
export const Extraction = Type.Object({
  tasks: Type.Array(Proposal),
  warnings: Type.Array(Type.String()),
  /** How many past corrections of the caller's node and above were applied. */
  learnt: Type.Integer(),
});
export type Extraction = Static<typeof Extraction>;
