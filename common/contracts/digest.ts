/** Reminders people can bear: notification preferences and the daily digest. */
import { NOTIFICATION_KINDS } from '../enums.ts';
import { Body, Enum, type Static, Type } from './common.ts';

export const NOTIFY_MODES = ['digest', 'immediate'] as const;
const Kind = Enum(Object.keys(NOTIFICATION_KINDS) as (keyof typeof NOTIFICATION_KINDS)[], '通知类型');

export const NotificationPrefs = Type.Object({
  /** digest: 临期/逾期/报送 reminders come as one daily message per unit; immediate: one per task. */
  mode: Enum(NOTIFY_MODES, '提醒方式'),
  mutedKinds: Type.Array(Kind, { title: '不接收的通知', maxItems: 30 }),
});
export type NotificationPrefs = Static<typeof NotificationPrefs>;
export const PrefsBody = Body(NotificationPrefs.properties);

const Line = Type.Object({
  taskId: Type.Integer(),
  text: Type.String(),
  dueDate: Type.Union([Type.String(), Type.Null()]),
});
export const UnitDigest = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  dueSoon: Type.Array(Line),
  overdue: Type.Array(Line),
  reportDue: Type.Array(Line),
});
export type UnitDigest = Static<typeof UnitDigest>;
export const DigestPreview = Type.Object({ date: Type.String(), units: Type.Array(UnitDigest) });

export const DigestRunResult = Type.Object({
  ran: Type.Boolean(),
  date: Type.String(),
  units: Type.Integer(),
  notifications: Type.Integer(),
  webhook: Type.Integer(),
});
export type DigestRunResult = Static<typeof DigestRunResult>;
