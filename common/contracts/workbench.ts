/** 工作台 (`/api/workbench`): the caller's to-dos with counts, and the unread notifications for the bell. */
import { Enum, Type, type Static } from './common.ts';

export const TODO_KEYS = [
  'task_accept',
  'task_report',
  'task_overdue',
  'task_close_review',
  'task_red',
  'transfer_approve',
  'rect_close_approve',
  'rect_overdue',
  'review_comment_approve',
] as const;

export const TodoItem = Type.Object({
  key: Enum(TODO_KEYS, '待办类别'),
  label: Type.String(),
  count: Type.Integer({ minimum: 0 }),
  /** The filtered list it opens (a web path). */
  link: Type.String(),
  /** Shown in red when non-zero (overdue, red light). */
  urgent: Type.Boolean(),
});
export type TodoItem = Static<typeof TodoItem>;

export const Workbench = Type.Object({
  /** Only the to-dos the caller's role acts on, in a fixed order; zero counts included. */
  items: Type.Array(TodoItem),
  unreadNotifications: Type.Integer({ minimum: 0 }),
});
export type Workbench = Static<typeof Workbench>;

export const UnreadCount = Type.Object({ count: Type.Integer({ minimum: 0 }) });
export type UnreadCount = Static<typeof UnreadCount>;
