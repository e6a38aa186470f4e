import type { Generated } from 'kysely';
import type { SupervisionDB } from './schema/supervision.ts';
import type { ReviewsDB } from './schema/reviews.ts';
import type { RectificationsDB } from './schema/rectifications.ts';
import type { CountersDB } from './schema/counters.ts';
import type { IndicatorsDB } from './schema/indicators.ts';
import type { CobuildDB } from './schema/cobuild.ts';
import type { OrglifeDB } from './schema/orglife.ts';
import type { ResearchDB } from './schema/research.ts';
import type { PublicSetsDB } from './schema/publicsets.ts';
import type { DigestDB } from './schema/digest.ts';
import type { StandardsDB } from './schema/standards.ts';
import type { WindowsDB } from './schema/windows.ts';
import type { CorrectionsDB } from './schema/corrections.ts';
import type { ReviewDraftDB } from './schema/reviewdraft.ts';
import type { InstancesDB } from './schema/instances.ts';
import type { CommendationsDB } from './schema/commendations.ts';
import type { ProjectsDB } from './schema/projects.ts';
import type { PublicityDB } from './schema/publicity.ts';
import type { MembersDB } from './schema/members.ts';

/**
 * Column conventions (identical on SQLite and PostgreSQL so that one set of queries serves both):
 * ids are integers; instants are UTC ISO strings (`...At`); local dates are `YYYY-MM-DD` text
 * (`...Date`); booleans are 0/1 integers; JSON is text.
 */
export interface OrgUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  type: string;
  parent_id: number | null;
  /** Materialized path of ids, e.g. `/1/5/23/`; subtree = path range [p, p with last '/' → '0'). */
  path: string;
  depth: number;
  secretary_member_id: number | null;
  sort_order: number;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface OrgHistoryTable {
  id: Generated<number>;
  org_id: number;
  action: string;
  detail: string;
  actor_id: number | null;
  at: string;
}

export interface MemberTable {
  id: Generated<number>;
  name: string;
  name_initials: string;
  name_pinyin: string;
  gender: string;
  ethnicity: string | null;
  birth_date: string | null;
  id_number: string;
  id_last4: string;
  phone: string | null;
  education: string | null;
  org_id: number;
  /** The branch's path, kept by triggers (see migration 202611251100); never written by the app. */
  org_path: Generated<string>;
  join_date: string | null;
  full_date: string | null;
  member_type: string;
  category: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface TransferTable {
  id: Generated<number>;
  member_id: number;
  from_org_id: number;
  to_org_id: number;
  /** The superior of the out-side branch that must approve (its scope node). */
  approver_org_id: number;
  status: string;
  reason: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface TransferStepTable {
  id: Generated<number>;
  transfer_id: number;
  step: string;
  actor_id: number;
  opinion: string | null;
  at: string;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_org_id: number;
  member_id: number | null;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  /** JSON array of previous password hashes, newest first (no reuse). */
  password_history: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a leaked table does not leak live sessions. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
}

export interface SetupTokenTable {
  id: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  seq: number;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  at: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/**
 * The whole database. Each later domain declares its tables in `schema/<domain>.ts` and is
 * added to the `extends` list here (one line per domain).
 */
export interface DB
  extends FoundationDB,
    ReviewsDB,
    RectificationsDB,
    SupervisionDB,
    // one line per later domain, below
    IndicatorsDB,
    CobuildDB,
    OrglifeDB,
    ResearchDB,
    PublicSetsDB,
    DigestDB,
    StandardsDB,
    WindowsDB,
    CountersDB,
    CorrectionsDB,
    ReviewDraftDB,
    ProjectsDB,
    PublicityDB,
    InstancesDB,
    CommendationsDB,
    MembersDB {}

export interface FoundationDB {
  org_unit: OrgUnitTable;
  org_history: OrgHistoryTable;
  member: MemberTable;
  transfer: TransferTable;
  transfer_step: TransferStepTable;
  app_user: AppUserTable;
  session: SessionTable;
  setup_token: SetupTokenTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
}
