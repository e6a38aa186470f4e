import type { Generated } from 'kysely';

/** A set of tasks published for the public (政府工作报告 重点任务, 为民办实事 …). */
export interface PublicSetTable {
  id: Generated<number>;
  title: string;
  /** 重点任务 | 民生实事 | 其他 */
  kind: string;
  intro: string | null;
  document_id: number | null;
  owner_org_id: number;
  /** 1 when published as a 公示 (objections accepted until objection_until_date). */
  publicity: number;
  objection_until_date: string | null;
  published: number;
  published_at: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface PublicSetItemTable {
  set_id: number;
  task_id: number;
  sort_order: number;
  lag_reason: string | null;
}

/** One row per change of a task's public status (已完成 / 提前完成 / 按序时 / 滞后). */
export interface TaskStatusHistoryTable {
  id: Generated<number>;
  task_id: number;
  prev_id: number;
  status: string;
  workflow_status: string;
  progress: number;
  status_date: string;
  at: string;
}

export interface PublicFeedbackTable {
  id: Generated<number>;
  set_id: number;
  task_id: number;
  /** 意见 | 异议 */
  kind: string;
  text: string;
  contact: string | null;
  /** 待审核 | 已公开 | 不予公开 */
  status: string;
  reply: string | null;
  created_at: string;
  moderated_by: number | null;
  moderated_at: string | null;
}

export interface TaskFollowTable {
  user_id: number;
  task_id: number;
  created_at: string;
}

export interface PublicSetsDB {
  public_set: PublicSetTable;
  public_set_item: PublicSetItemTable;
  task_status_history: TaskStatusHistoryTable;
  public_feedback: PublicFeedbackTable;
  task_follow: TaskFollowTable;
}
