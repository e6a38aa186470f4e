import type { Generated } from 'kysely';

/** 双报到 / 共驻共建 tables (migration 202612031500_cobuild). */
export interface CobuildCommunityTable {
  org_id: number;
  /** 社区 | 村 */
  kind: string;
  address: string | null;
  contact_phone: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CobuildRegistrationTable {
  id: Generated<number>;
  /** member | unit */
  kind: string;
  member_id: number | null;
  unit_org_id: number;
  community_org_id: number;
  /** pending | active | declined | ended */
  status: string;
  address: string | null;
  skills: string | null;
  note: string | null;
  reported_date: string;
  accepted_date: string | null;
  confirmed_date: string | null;
  due_date: string | null;
  decided_by: number | null;
  decline_reason: string | null;
  ended_date: string | null;
  end_reason: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface CobuildRegistrationEventTable {
  id: Generated<number>;
  registration_id: number;
  /** reported | accepted | declined | confirmed | ended */
  kind: string;
  note: string | null;
  actor_id: number | null;
  at: string;
}

export interface CobuildNeedTable {
  id: Generated<number>;
  community_org_id: number;
  title: string;
  category: string;
  description: string | null;
  place: string | null;
  start_date: string;
  end_date: string;
  headcount: number;
  skills: string | null;
  /** open | closed | done */
  status: string;
  close_reason: string | null;
  done_date: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface CobuildResourceTable {
  id: Generated<number>;
  /** member | unit */
  owner_kind: string;
  member_id: number | null;
  unit_org_id: number;
  title: string;
  category: string;
  description: string | null;
  available_from: string;
  available_to: string;
  contact: string | null;
  /** available | withdrawn */
  status: string;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface CobuildProjectTable {
  id: Generated<number>;
  community_org_id: number;
  lead_org_id: number;
  lead_member_id: number | null;
  title: string;
  category: string;
  description: string | null;
  start_date: string;
  end_date: string;
  /** active | done | cancelled */
  status: string;
  done_date: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface CobuildClaimTable {
  id: Generated<number>;
  /** need | resource */
  target: string;
  need_id: number | null;
  resource_id: number | null;
  /** member | unit | community */
  claimant: string;
  member_id: number | null;
  org_id: number | null;
  headcount: number;
  note: string | null;
  /** pending | accepted | declined | withdrawn | fulfilled */
  status: string;
  reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_by: number;
  created_at: string;
}

export interface CobuildActivityTable {
  id: Generated<number>;
  community_org_id: number;
  need_id: number | null;
  project_id: number | null;
  title: string;
  category: string;
  description: string | null;
  place: string;
  lat: number | null;
  lng: number | null;
  starts_at: string;
  ends_at: string;
  activity_date: string;
  signup_limit: number;
  /** open | cancelled */
  status: string;
  cancel_reason: string | null;
  checkin_token: string;
  checkout_token: string;
  created_by: number;
  created_at: string;
  updated_at: string;
}

export interface CobuildSignupTable {
  id: Generated<number>;
  activity_id: number;
  member_id: number;
  /** signed_up | cancelled */
  status: string;
  signed_up_at: string;
  checkin_at: string | null;
  checkin_lat: number | null;
  checkin_lng: number | null;
  checkin_accuracy: number | null;
  checkout_at: string | null;
  checkout_lat: number | null;
  checkout_lng: number | null;
  checkout_accuracy: number | null;
  hours: number | null;
  /** pending | verified | rejected */
  verification: string;
  verified_hours: number | null;
  verified_by: number | null;
  verified_at: string | null;
  verify_note: string | null;
}

export interface CobuildPhotoTable {
  id: Generated<number>;
  activity_id: number;
  signup_id: number | null;
  file_name: string;
  stored_name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: number;
  uploaded_at: string;
}

export interface CobuildRuleTable {
  id: Generated<number>;
  version: number;
  effective_date: string;
  rules_json: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface CobuildPointTable {
  id: Generated<number>;
  /** member | unit */
  subject_kind: string;
  subject_id: number;
  year: number;
  entry_date: string;
  at: string;
  action: string;
  points: number;
  capped: number;
  vetoed: number;
  rule_version: number | null;
  /** registration | signup | claim | project | adjustment */
  source_kind: string;
  source_id: number | null;
  reason: string;
  created_by: number | null;
}

export interface CobuildPointTotalTable {
  subject_kind: string;
  subject_id: number;
  year: number;
  points: number;
  hours: number;
}

export interface CobuildVetoTable {
  id: Generated<number>;
  subject_kind: string;
  subject_id: number;
  from_date: string;
  to_date: string;
  /** e.g. 2026年 or 2026年第2季度 */
  period: string;
  reason: string;
  /** active | lifted */
  status: string;
  lift_reason: string | null;
  created_by: number;
  created_at: string;
  lifted_by: number | null;
  lifted_at: string | null;
}

export interface CobuildReportTable {
  id: Generated<number>;
  /** letter | bulletin */
  kind: string;
  org_id: number;
  /** 2026Q1 (letters) | 2026B1 (bulletins: two months) */
  period: string;
  from_date: string;
  to_date: string;
  data_json: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CobuildDB {
  cobuild_community: CobuildCommunityTable;
  cobuild_registration: CobuildRegistrationTable;
  cobuild_registration_event: CobuildRegistrationEventTable;
  cobuild_need: CobuildNeedTable;
  cobuild_resource: CobuildResourceTable;
  cobuild_project: CobuildProjectTable;
  cobuild_claim: CobuildClaimTable;
  cobuild_activity: CobuildActivityTable;
  cobuild_signup: CobuildSignupTable;
  cobuild_photo: CobuildPhotoTable;
  cobuild_rule: CobuildRuleTable;
  cobuild_point: CobuildPointTable;
  cobuild_point_total: CobuildPointTotalTable;
  cobuild_veto: CobuildVetoTable;
  cobuild_report: CobuildReportTable;
}
