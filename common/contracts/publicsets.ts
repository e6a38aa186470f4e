/** Public progress pages: published task sets (staff side), public JSON, feedback and follows. */
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, PUBLIC_SET_KINDS, PUBLIC_STATUSES } from '../enums.ts';
import { Body, Enum, Id, ItemsOf, Nullable, Paging, type Static, Type } from './common.ts';

/** Counts by public status (early 提前完成, done 已完成, onTrack 按序时, lagging 滞后); `total` is every item. */
export const StatusCounts = Type.Object({
  total: Type.Integer(),
  early: Type.Integer(),
  done: Type.Integer(),
  onTrack: Type.Integer(),
  lagging: Type.Integer(),
});
export type StatusCounts = Static<typeof StatusCounts>;

/** GET /api/public/sets (no login). */
export const PublicSetList = ItemsOf(
  Type.Object({
    id: Type.Integer(),
    title: Type.String(),
    kind: Type.String(),
    publishedAt: Nullable(Type.String()),
    objectionUntilDate: Nullable(Type.String()),
    counts: StatusCounts,
  }),
);
export type PublicSetList = Static<typeof PublicSetList>;

export const PublicItem = Type.Object({
  taskId: Type.Integer(),
  text: Type.String(),
  leadUnit: Type.String(),
  dueDate: Nullable(Type.String()),
  deadlineText: Nullable(Type.String()),
  status: Enum(PUBLIC_STATUSES, '状态'),
  progress: Type.Integer(),
  plannedProgress: Nullable(Type.Integer()),
  lagReason: Nullable(Type.String()),
});
export type PublicItem = Static<typeof PublicItem>;

export const SetBody = Body({
  title: Type.String({ title: '标题', minLength: 1, maxLength: 200 }),
  kind: Enum(PUBLIC_SET_KINDS, '类别'),
  intro: Type.Optional(Nullable(Type.String({ title: '说明', maxLength: 2000 }))),
  documentId: Type.Optional(Nullable(Id('来源文件'))),
  taskIds: Type.Optional(Type.Array(Id('任务'), { title: '任务', maxItems: 2000 })),
});
export type SetBody = Static<typeof SetBody>;
export const SetPatch = Body({
  title: Type.Optional(Type.String({ title: '标题', minLength: 1, maxLength: 200 })),
  intro: Type.Optional(Nullable(Type.String({ title: '说明', maxLength: 2000 }))),
});
export const AddItemsBody = Body({ taskIds: Type.Array(Id('任务'), { title: '任务', minItems: 1, maxItems: 2000 }) });
export const ItemParams = Type.Object({ id: Id('编号'), taskId: Id('任务编号') }, { additionalProperties: false });
export const ItemPatch = Body({ lagReason: Nullable(Type.String({ title: '滞后原因', maxLength: 500 })) });
export const PublishBody = Body({
  publicity: Type.Optional(Type.Boolean({ title: '作为公示发布' })),
  objectionDays: Type.Optional(Type.Integer({ title: '异议期(天)', minimum: 1, maximum: 30 })),
});

export const SetSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  kind: Type.String(),
  ownerOrg: Type.Object({ id: Type.Integer(), name: Type.String() }),
  published: Type.Boolean(),
  publicity: Type.Boolean(),
  publishedAt: Nullable(Type.String()),
  objectionUntilDate: Nullable(Type.String()),
  counts: StatusCounts,
  pendingFeedback: Type.Integer(),
});
export type SetSummary = Static<typeof SetSummary>;
export const SetList = ItemsOf(SetSummary);

export const SetDetail = Type.Object({
  ...SetSummary.properties,
  intro: Nullable(Type.String()),
  documentId: Nullable(Type.Integer()),
  items: Type.Array(Type.Object({ ...PublicItem.properties, internalStatus: Type.String(), followed: Type.Boolean() })),
});
export type SetDetail = Static<typeof SetDetail>;

export const FeedbackQuery = Type.Object(
  { status: Type.Optional(Enum(FEEDBACK_STATUSES, '状态')), ...Paging },
  { additionalProperties: false },
);
export const FeedbackItem = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  taskText: Type.String(),
  kind: Type.String(),
  text: Type.String(),
  contact: Nullable(Type.String()),
  status: Type.String(),
  reply: Nullable(Type.String()),
  createdAt: Type.String(),
  moderatedAt: Nullable(Type.String()),
});
export type FeedbackItem = Static<typeof FeedbackItem>;
export const FeedbackList = Type.Object({ items: Type.Array(FeedbackItem), total: Type.Integer() });
export const FeedbackParams = Type.Object(
  { id: Id('编号'), feedbackId: Id('意见编号') },
  { additionalProperties: false },
);
export const ModerateBody = Body({
  decision: Enum(['已公开', '不予公开'] as const, '审核结果'),
  reply: Type.Optional(Nullable(Type.String({ title: '答复', maxLength: 1000 }))),
});

/** The public feedback form (JSON from scripts, or a plain HTML form post). */
export const PublicFeedbackBody = Body({
  kind: Enum(FEEDBACK_KINDS, '类型'),
  text: Type.String({ title: '内容', minLength: 2, maxLength: 1000 }),
  contact: Type.Optional(Type.String({ title: '联系方式', maxLength: 50 })),
});
export type PublicFeedbackBody = Static<typeof PublicFeedbackBody>;

export const FollowList = ItemsOf(
  Type.Object({
    taskId: Type.Integer(),
    text: Type.String(),
    leadUnit: Type.String(),
    status: Type.String(),
    progress: Type.Integer(),
    followedAt: Type.String(),
  }),
);
export const TaskIdParams = Type.Object({ taskId: Id('任务编号') }, { additionalProperties: false });
