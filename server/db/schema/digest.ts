/** Per-user notification preferences and the daily digest runs. */
export interface NotificationPrefTable {
  user_id: number;
  /** digest: reminders arrive as one daily message; immediate: one per task and kind. */
  mode: string;
  /** Kinds the user does not want to see (keys of NOTIFICATION_KINDS). */
  muted_json: string;
  updated_at: string;
}

export interface DigestRunTable {
  /** Local date of the digest (Asia/Shanghai); unique: one run per day across all instances. */
  run_date: string;
  holder: string;
  units: number;
  created_at: string;
  sent_at: string | null;
  webhook_status: number | null;
}

export interface DigestDB {
  notification_pref: NotificationPrefTable;
  digest_run: DigestRunTable;
}
