import type { Generated } from 'kysely';
import type {
  DocumentSource,
  Light,
  NotificationKind,
  ReportCycle,
  TaskEventKind,
  TaskPriority,
  TaskStatus,
} from '../../../common/enums.ts';

// Enumerated columns hold exactly the values of common/enums.ts (the one enum rule).

export interface DocumentTable {
  id: Generated<number>;
  title: string;
  meeting: string | null;
  doc_date: string;
  issuing_unit: string | null;
  owner_org_id: number;
  source: DocumentSource;
  file_name: string | null;
  text: string;
  created_by: number;
  created_at: string;
  updated_at: string;
}

/** SQLite only (FTS5 trigram); rowid = document.id. */
export interface DocumentFtsTable {
  rowid: number;
  title: string;
  body: string;
}

export interface TaskTable {
  id: Generated<number>;
  document_id: number | null;
  passage_start: number | null;
  passage_end: number | null;
  parent_id: number | null;
  text: string;
  lead_org_id: number;
  leader: string | null;
  due_date: string | null;
  deadline_text: string | null;
  targets_json: string;
  priority: TaskPriority;
  key_project: number;
  report_cycle: ReportCycle;
  status: TaskStatus;
  progress: number;
  issued_date: string;
  accepted_date: string | null;
  last_report_date: string | null;
  closed_at: string | null;
  light: Light;
  light_reasons: string;
  /** The light's overdue verdict, written with it (202612060500_task_counts): the 工作台 counters. */
  overdue: Generated<number>;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface TaskOrgTable {
  task_id: number;
  org_id: number;
  role: 'lead' | 'co';
  /** The unit's path, kept by triggers (migration 202612040200_scale): the scope range of the link. */
  org_path: Generated<string>;
  /** Copies of the task's columns, kept by triggers (202612040210_task_org_counts): the 工作台 counts. */
  status: Generated<TaskStatus>;
  light: Generated<Light>;
  due_date: Generated<string | null>;
}

/**
 * Maintained 工作台 counts (202612060500_task_counts, kept by triggers): `lead = 0` counts the
 * distinct tasks with a unit in the subtree of `org_id`; `lead = 1` the tasks `org_id` leads.
 */
export interface TaskCountTable {
  org_id: number;
  lead: number;
  status: TaskStatus;
  light: Light;
  overdue: number;
  n: number;
}

/**
 * Each lead unit's overdue tasks not yet handed in (202612070500_task_overdue_rank): the sum of its
 * `task_count` rows lead = 1, overdue = 1, pending/doing, kept by triggers on `task_count`, indexed
 * (n desc, org_id) for the 工作台 ranking.
 */
export interface TaskOverdueTable {
  org_id: number;
  n: number;
}

export interface TaskReportTable {
  id: Generated<number>;
  task_id: number;
  org_id: number;
  percent: number;
  text: string;
  created_by: number;
  created_at: string;
}

export interface TaskAttachmentTable {
  id: Generated<number>;
  task_id: number;
  report_id: number | null;
  file_name: string;
  stored_name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: number;
  uploaded_at: string;
}

export interface TaskEventTable {
  id: Generated<number>;
  task_id: number;
  kind: TaskEventKind;
  text: string | null;
  actor_id: number | null;
  at: string;
}

export interface TaskMilestoneTable {
  id: Generated<number>;
  task_id: number;
  name: string;
  due_date: string;
  done_date: string | null;
  sort_order: number;
}

export interface NotificationTable {
  id: Generated<number>;
  org_id: number;
  task_id: number | null;
  kind: NotificationKind;
  message: string;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
  /** Web path the notification opens. */
  link: string | null;
  /** Set when addressed to one account only. */
  user_id: number | null;
}

export interface JobLockTable {
  name: string;
  holder: string;
  lease_until: string;
}

export interface SupervisionDB {
  document: DocumentTable;
  document_fts: DocumentFtsTable;
  task: TaskTable;
  task_org: TaskOrgTable;
  task_count: TaskCountTable;
  task_overdue: TaskOverdueTable;
  task_report: TaskReportTable;
  task_attachment: TaskAttachmentTable;
  task_event: TaskEventTable;
  task_milestone: TaskMilestoneTable;
  notification: NotificationTable;
  job_lock: JobLockTable;
}
