/**
 * 组织生活 — meetings and check-in (issue 11). Compliance, rules, absences and appraisals are in
 * orglife-work.ts. Acceptance shapes kept exactly: POST /api/meetings → 201 { id };
 * POST /api/meetings/:id/checkin/open → { code, url }; POST /api/checkin { code } → 200 / 409.
 */
import { ATTACHMENT_KINDS, MEETING_STATUSES, MEETING_TYPES, TALK_MODES } from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, ListOf, Nullable, Paging, type Static, Type } from './common.ts';

const Str = (title: string, maxLength: number) => Type.String({ title, maxLength });
const OptText = (title: string, maxLength: number) => Type.Optional(Nullable(Str(title, maxLength)));
export const MeetingTypes = Type.Array(Enum(MEETING_TYPES, '会议类型'), {
  minItems: 1,
  maxItems: 4,
  uniqueItems: true,
  title: '会议类型',
});
const OrgRef = Type.Object({ id: Type.Integer(), name: Type.String() });

export const MeetingIdParams = Type.Object({ id: Id('会议编号') }, { additionalProperties: false });
export const MeetingSubParams = Type.Object({ id: Id('会议编号'), sub: Id('编号') }, { additionalProperties: false });

const MeetingFields = {
  types: MeetingTypes,
  heldAt: Instant('召开时间'),
  endAt: Type.Optional(Nullable(Instant('结束时间'))),
  topic: Type.String({ title: '议题', minLength: 1, maxLength: 500 }),
  place: OptText('地点', 100),
  host: OptText('主持人', 50),
  recorder: OptText('记录人', 50),
  lecturer: OptText('党课主讲人', 50),
  lectureTitle: OptText('党课题目', 200),
  minutes: OptText('会议内容', 50_000),
  talkMode: Type.Optional(Nullable(Enum(TALK_MODES, '谈话方式'))),
  /** 谈心谈话: the two people (members of the org). */
  talkMemberIds: Type.Optional(Type.Array(Id('谈话人'), { minItems: 2, maxItems: 2, title: '谈话双方' })),
  /** A held date more than 30 days before today needs a reason (audited, shown beside the date). */
  backdateReason: OptText('补录原因', 500),
};

export const CreateMeetingBody = Body({
  orgId: Id('组织'),
  ...MeetingFields,
  /** A meeting announced ahead (计划): it may lie in the future and counts only once held. */
  planned: Type.Optional(Type.Boolean({ title: '计划召开' })),
});
export type CreateMeetingBody = Static<typeof CreateMeetingBody>;

export const PatchMeetingBody = Body({
  types: Type.Optional(MeetingTypes),
  heldAt: Type.Optional(Instant('召开时间')),
  endAt: MeetingFields.endAt,
  topic: Type.Optional(MeetingFields.topic),
  place: MeetingFields.place,
  host: MeetingFields.host,
  recorder: MeetingFields.recorder,
  lecturer: MeetingFields.lecturer,
  lectureTitle: MeetingFields.lectureTitle,
  minutes: MeetingFields.minutes,
  talkMode: MeetingFields.talkMode,
  backdateReason: MeetingFields.backdateReason,
});
export type PatchMeetingBody = Static<typeof PatchMeetingBody>;

export const MeetingListQuery = Type.Object(
  {
    orgId: Type.Optional(Id('组织')),
    from: Type.Optional(DateStr('起始日期')),
    to: Type.Optional(DateStr('截止日期')),
    type: Type.Optional(Enum(MEETING_TYPES, '会议类型')),
    status: Type.Optional(Enum(MEETING_STATUSES, '状态')),
    ...Paging,
  },
  { additionalProperties: false },
);
export type MeetingListQuery = Static<typeof MeetingListQuery>;

export const MeetingSummary = Type.Object({
  id: Type.Integer(),
  org: OrgRef,
  types: Type.Array(Type.String()),
  status: Type.String(),
  heldAt: Type.String(),
  heldDate: Type.String(),
  endAt: Nullable(Type.String()),
  place: Nullable(Type.String()),
  topic: Type.String(),
  host: Nullable(Type.String()),
  expected: Type.Integer(),
  present: Type.Integer(),
  leave: Type.Integer(),
  /** Every type of the meeting reached its quorum. */
  quorum: Type.Boolean(),
  checkinState: Type.String(),
  /** Server time of creation: always shown beside the held date (no silent backdating). */
  createdAt: Type.String(),
  backdated: Type.Boolean(),
});
export type MeetingSummary = Static<typeof MeetingSummary>;
export const MeetingList = ListOf(MeetingSummary);
export type MeetingList = Static<typeof MeetingList>;

export const Attendee = Type.Object({
  memberId: Type.Integer(),
  name: Type.String(),
  role: Type.String(),
  voting: Type.Boolean(),
  status: Type.String(),
  reason: Nullable(Type.String()),
  via: Nullable(Type.String()),
  at: Nullable(Type.String()),
});
export type Attendee = Static<typeof Attendee>;

export const MeetingDetail = Type.Object({
  ...MeetingSummary.properties,
  orgType: Type.String(),
  recorder: Nullable(Type.String()),
  lecturer: Nullable(Type.String()),
  lectureTitle: Nullable(Type.String()),
  talkMode: Nullable(Type.String()),
  minutes: Nullable(Type.String()),
  backdateReason: Nullable(Type.String()),
  voidReason: Nullable(Type.String()),
  expectedVoting: Type.Integer(),
  presentVoting: Type.Integer(),
  quorumByType: Type.Array(Type.Object({ type: Type.String(), met: Type.Boolean(), rule: Type.String() })),
  attendees: Type.Array(Attendee),
  guests: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), unit: Nullable(Type.String()) })),
  resolutions: Type.Array(Type.Object({ id: Type.Integer(), text: Type.String(), taskId: Nullable(Type.Integer()) })),
  attachments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: Type.String(),
      fileName: Type.String(),
      size: Type.Integer(),
      uploadedAt: Type.String(),
    }),
  ),
  createdBy: Nullable(Type.String()),
  checkinOpenedAt: Nullable(Type.String()),
  checkinClosesAt: Nullable(Type.String()),
});
export type MeetingDetail = Static<typeof MeetingDetail>;

const Reason = Type.String({ title: '原因', minLength: 1, maxLength: 200 });
export const AttendanceBody = Body({
  memberId: Id('党员'),
  /** 请假 / 补签 are recorded by the secretary with a reason; 缺席 undoes either (also with a reason). */
  status: Enum(['请假', '补签', '缺席'] as const, '出勤状态'),
  reason: Reason,
});
export type AttendanceBody = Static<typeof AttendanceBody>;

export const GuestBody = Body({
  memberId: Type.Optional(Id('列席党员')),
  name: Type.Optional(Type.String({ title: '列席人员姓名', minLength: 1, maxLength: 50 })),
  unit: Type.Optional(Str('单位或职务', 100)),
});
export type GuestBody = Static<typeof GuestBody>;

export const VoidBody = Body({ reason: Reason });
export const ResolutionBody = Body({ text: Type.String({ title: '决议内容', minLength: 1, maxLength: 2000 }) });
export const ResolutionTaskBody = Body({
  dueDate: Type.Optional(DateStr('完成时限')),
  leadOrgId: Type.Optional(Id('牵头单位')),
});
export type ResolutionTaskBody = Static<typeof ResolutionTaskBody>;
export const ResolutionTask = Type.Object({ taskId: Type.Integer() });

export const MinutesUploaded = Type.Object({ characters: Type.Integer(), attachmentId: Type.Integer() });
export const AttachmentKindQuery = Type.Object(
  { kind: Type.Optional(Enum(ATTACHMENT_KINDS, '附件类别')) },
  { additionalProperties: false },
);

// ---- check-in ----
export const CheckinOpened = Type.Object({ code: Type.String(), url: Type.String(), closesAt: Type.String() });
export type CheckinOpened = Static<typeof CheckinOpened>;

export const CheckinState = Type.Object({
  meetingId: Type.Integer(),
  topic: Type.String(),
  orgName: Type.String(),
  types: Type.Array(Type.String()),
  heldAt: Type.String(),
  state: Type.String(),
  code: Nullable(Type.String()),
  url: Nullable(Type.String()),
  /** SVG data URL of the QR code, rendered by the server (nothing loaded from the internet). */
  qr: Nullable(Type.String()),
  /** The address printed in the QR code is a loopback one: phones cannot reach it. */
  loopback: Type.Boolean(),
  closesAt: Nullable(Type.String()),
  expected: Type.Integer(),
  present: Type.Integer(),
  leave: Type.Integer(),
  recent: Type.Array(Type.Object({ name: Type.String(), at: Type.String(), via: Nullable(Type.String()) })),
});
export type CheckinState = Static<typeof CheckinState>;

export const SigninCodes = Type.Object({
  topic: Type.String(),
  orgName: Type.String(),
  heldAt: Type.String(),
  url: Type.String(),
  items: Type.Array(Type.Object({ memberId: Type.Integer(), name: Type.String(), code: Type.String() })),
});
export type SigninCodes = Static<typeof SigninCodes>;

const Code = (title: string) => Type.String({ title, minLength: 4, maxLength: 20 });
export const CheckinBody = Body({ code: Code('签到码') });
export const CheckinCodeBody = Body({ code: Code('会议签到码'), personalCode: Code('个人签到码') });
export const CheckinResult = Type.Object({
  meetingId: Type.Integer(),
  topic: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  checkedAt: Type.String(),
});
export type CheckinResult = Static<typeof CheckinResult>;

export const CheckinInfoQuery = Type.Object({ c: Code('签到码') }, { additionalProperties: false });
export const CheckinInfo = Type.Object({
  topic: Type.String(),
  orgName: Type.String(),
  types: Type.Array(Type.String()),
  heldAt: Type.String(),
  state: Type.String(),
});
export type CheckinInfo = Static<typeof CheckinInfo>;
