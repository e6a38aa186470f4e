/**
 * 述职评议: campaigns (targets, scale, dates), participants and one-time ballot tokens, the meeting
 * (agenda, speaker countdown, big screen), 述职报告 and 点评 with findings. The ballot itself,
 * results and paper entry are in ballots.ts.
 */
import {
  CAMPAIGN_STATUSES,
  COMMENT_STATUSES,
  FINDING_SOURCES,
  keysOf,
  PARTICIPANT_KINDS,
  REPORT_MODES,
  REPORT_STATES,
  SCREEN_PHASES,
} from '../enums.ts';
import { Body, DateStr, Enum, Id, Instant, ItemsOf, ListOf, Nullable, Paging, type Static, Type } from './common.ts';

export const CampaignStatus = Enum(keysOf(CAMPAIGN_STATUSES), '状态');
const Year = Type.Integer({ title: '年度', minimum: 2000, maximum: 2100 });
const Title = Type.String({ title: '活动名称', minLength: 2, maxLength: 100 });
const OrgIds = (title: string, minItems = 0) => Type.Array(Id('组织编号'), { title, minItems, maxItems: 1000 });
const Scale = Type.Array(Type.String({ title: '评议等次', minLength: 1, maxLength: 10 }), {
  title: '评议等次',
  minItems: 2,
  maxItems: 6,
});
const Limit = Type.Integer({ title: '每人述职时限(秒)', minimum: 30, maximum: 7200 });

export const ParticipantParams = Type.Object(
  { id: Id('编号'), pid: Id('参评人员编号') },
  { additionalProperties: false },
);
export const ReportParams = Type.Object({ id: Id('编号'), orgId: Id('组织编号') }, { additionalProperties: false });

// ── Campaigns ──

export const NewCampaign = Body({
  title: Title,
  year: Year,
  orgIds: OrgIds('被评议组织', 1),
  oralOrgIds: Type.Optional(OrgIds('口头述职组织')),
  scale: Type.Optional(Scale),
  reportDeadline: Type.Optional(Nullable(DateStr('述职报告截止日期'))),
  meetingDate: Type.Optional(Nullable(DateStr('会议日期'))),
  speakerLimitSec: Type.Optional(Limit),
});
export type NewCampaign = Static<typeof NewCampaign>;
export const CampaignPatch = Body({
  title: Type.Optional(Title),
  year: Type.Optional(Year),
  scale: Type.Optional(Scale),
  reportDeadline: Type.Optional(Nullable(DateStr('述职报告截止日期'))),
  meetingDate: Type.Optional(Nullable(DateStr('会议日期'))),
  speakerLimitSec: Type.Optional(Limit),
});
export type CampaignPatch = Static<typeof CampaignPatch>;
export const CampaignQuery = Type.Object({ year: Type.Optional(Year), ...Paging }, { additionalProperties: false });
export type CampaignQuery = Static<typeof CampaignQuery>;

export const CampaignRow = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  year: Type.Integer(),
  status: CampaignStatus,
  statusLabel: Type.String(),
  meetingDate: Nullable(DateStr('会议日期')),
  reportDeadline: Nullable(DateStr('述职报告截止日期')),
  owner: Type.String(),
  createdAt: Instant('创建时间'),
});
export type CampaignRow = Static<typeof CampaignRow>;
export const CampaignPage = ListOf(CampaignRow);
export type CampaignPage = Static<typeof CampaignPage>;

/** Issued / used tokens and counted ballots (electronic + reconciled paper). Never results. */
export const Turnout = Type.Object({
  issued: Type.Integer(),
  used: Type.Integer(),
  ballots: Type.Integer(),
  paper: Type.Integer(),
});
export type Turnout = Static<typeof Turnout>;

export const Target = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  orgCode: Type.String(),
  mode: Enum(REPORT_MODES, '述职方式'),
  secretary: Nullable(Type.String()),
  agendaOrder: Type.Integer(),
  limitSec: Type.Integer(),
  reportSubmitted: Type.Boolean(),
});
export type Target = Static<typeof Target>;

export const Campaign = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  year: Type.Integer(),
  status: CampaignStatus,
  statusLabel: Type.String(),
  scale: Type.Array(Type.String()),
  owner: Type.Object({ id: Type.Integer(), name: Type.String() }),
  reportDeadline: Nullable(DateStr('述职报告截止日期')),
  meetingDate: Nullable(DateStr('会议日期')),
  speakerLimitSec: Type.Integer(),
  /** The caller manages the campaign (organizing side); otherwise they see only their own targets. */
  manager: Type.Boolean(),
  votingOpenedAt: Nullable(Instant('开始投票时间')),
  closedAt: Nullable(Instant('结束时间')),
  /** While closing, to the organizing side: ballots counted so far, of all; why counting stopped. */
  closing: Nullable(Type.Object({ done: Type.Integer(), total: Type.Integer(), error: Nullable(Type.String()) })),
  targets: Type.Array(Target),
  /** For the organizing side only. */
  counts: Nullable(
    Type.Composite([Turnout, Type.Object({ participants: Type.Integer(), tokensReceived: Type.Integer() })]),
  ),
});
export type Campaign = Static<typeof Campaign>;

/** A close accepted (202): voting has stopped; the ballots are being counted in the background. */
export const CloseStarted = Type.Object({ ok: Type.Boolean(), status: CampaignStatus, ballots: Type.Integer() });
export type CloseStarted = Static<typeof CloseStarted>;

// ── Participants and tokens ──

export const TokensBody = Body({
  count: Type.Integer({ title: '数量', minimum: 1, maximum: 5000 }),
  qr: Type.Optional(Type.Boolean({ title: '生成二维码' })),
});
export type TokensBody = Static<typeof TokensBody>;
/** The codes exist only in this answer (only their hashes are stored). */
export const Tokens = Type.Object({
  tokens: Type.Array(Type.String()),
  /** SVG data URLs of the short links, when asked for. */
  qr: Type.Optional(Type.Array(Type.String())),
  /** The short link of each code (PUBLIC_URL or the request's origin + /v/CODE), printed under its QR code. */
  links: Type.Optional(Type.Array(Type.String())),
  /** True when that address is 127.0.0.1/localhost: phones cannot reach it (set PUBLIC_URL). */
  loopback: Type.Optional(Type.Boolean()),
});
export type Tokens = Static<typeof Tokens>;

export const ParticipantKind = Enum(PARTICIPANT_KINDS, '参会类别');
export const ParticipantsBody = Body({
  items: Type.Array(
    Body({
      name: Type.String({ title: '姓名', minLength: 1, maxLength: 50 }),
      unit: Type.Optional(Nullable(Type.String({ title: '单位', maxLength: 100 }))),
      kind: Type.Optional(ParticipantKind),
      memberId: Type.Optional(Nullable(Id('党员'))),
    }),
    { title: '参评人员', minItems: 1, maxItems: 5000 },
  ),
});
export type ParticipantsBody = Static<typeof ParticipantsBody>;
export type ParticipantIn = Static<typeof ParticipantsBody>['items'][number];
export const Participant = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  unit: Nullable(Type.String()),
  kind: ParticipantKind,
  memberId: Nullable(Type.Integer()),
  /** A token was handed over — never which one. */
  received: Type.Boolean(),
});
export type Participant = Static<typeof Participant>;
export const ParticipantPage = ListOf(Participant);
export type ParticipantPage = Static<typeof ParticipantPage>;
export const ParticipantsAdded = Type.Object({ count: Type.Integer() });
export type ParticipantsAdded = Static<typeof ParticipantsAdded>;
export const IssuedToken = Type.Object({ token: Type.String() });
export type IssuedToken = Static<typeof IssuedToken>;

// ── Meeting ──

export const AgendaItem = Type.Object({
  targetId: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  secretary: Nullable(Type.String()),
  order: Type.Integer(),
  limitSec: Type.Integer(),
});
export type AgendaItem = Static<typeof AgendaItem>;
export const Agenda = ItemsOf(AgendaItem);
export type Agenda = Static<typeof Agenda>;
export const AgendaBody = Body({
  items: Type.Array(Body({ orgId: Id('组织编号'), limitSec: Type.Optional(Nullable(Limit)) }), {
    title: '议程',
    minItems: 1,
    maxItems: 1000,
  }),
});
export type AgendaBody = Static<typeof AgendaBody>;
export const SpeakerBody = Body({ orgId: Nullable(Id('述职组织')) });
export type SpeakerBody = Static<typeof SpeakerBody>;
export const SpeakerSet = Type.Object({ ok: Type.Boolean(), startedAt: Nullable(Instant('开始时间')) });
export type SpeakerSet = Static<typeof SpeakerSet>;

/** The big screen: phase, current speaker's countdown, agenda, live turnout — never results. */
export const Screen = Type.Object({
  title: Type.String(),
  status: CampaignStatus,
  statusLabel: Type.String(),
  phase: Enum(SCREEN_PHASES, '阶段'),
  serverTime: Instant('服务器时间'),
  speaker: Nullable(
    Type.Object({
      orgId: Type.Integer(),
      orgName: Type.String(),
      secretary: Nullable(Type.String()),
      order: Type.Integer(),
      limitSec: Type.Integer(),
      startedAt: Instant('开始时间'),
      elapsedSec: Type.Integer(),
      remainingSec: Type.Integer(),
    }),
  ),
  agenda: Type.Array(
    Type.Object({
      order: Type.Integer(),
      orgName: Type.String(),
      secretary: Nullable(Type.String()),
      limitSec: Type.Integer(),
    }),
  ),
  turnout: Type.Object({ issued: Type.Integer(), used: Type.Integer(), ballots: Type.Integer() }),
});
export type Screen = Static<typeof Screen>;

// ── 述职报告 ──

const ReportState = Enum(REPORT_STATES, '报送状态');
export const ReportRow = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  mode: Enum(REPORT_MODES, '述职方式'),
  secretary: Nullable(Type.String()),
  status: ReportState,
  submittedAt: Nullable(Instant('报送时间')),
  fileName: Nullable(Type.String()),
  remindedAt: Nullable(Instant('催报时间')),
  /** Submitted after the deadline day, or still missing once it has passed. */
  late: Type.Boolean(),
});
export type ReportRow = Static<typeof ReportRow>;
export const ReportList = Type.Composite([ListOf(ReportRow), Type.Object({ deadline: Nullable(DateStr('截止日期')) })]);
export type ReportList = Static<typeof ReportList>;
export const Report = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  text: Nullable(Type.String()),
  fileName: Nullable(Type.String()),
  submittedAt: Nullable(Instant('报送时间')),
  status: ReportState,
});
export type Report = Static<typeof Report>;
export const ReportBody = Body({ text: Type.String({ title: '述职报告', minLength: 1, maxLength: 100000 }) });
export type ReportBody = Static<typeof ReportBody>;
export const ReportSubmitted = Type.Object({ ok: Type.Boolean(), chars: Type.Integer() });
export type ReportSubmitted = Static<typeof ReportSubmitted>;
export const RemindBody = Body({ orgIds: Type.Optional(OrgIds('催报组织')) });
export type RemindBody = Static<typeof RemindBody>;
export const Reminded = Type.Object({ reminded: Type.Integer() });
export type Reminded = Static<typeof Reminded>;

// ── 点评 ──

export const CommentStatus = Enum(keysOf(COMMENT_STATUSES), '点评状态');
export const FindingSource = Enum(FINDING_SOURCES, '问题来源');
export const FindingIn = Body({
  source: FindingSource,
  problem: Type.String({ title: '问题', minLength: 1, maxLength: 1000 }),
});
export type FindingIn = Static<typeof FindingIn>;
const Findings = Type.Array(FindingIn, { title: '发现的问题', maxItems: 50 });
const Summary = Type.String({ title: '点评意见', maxLength: 5000 });
export const NewComment = Body({ orgId: Id('被点评组织'), summary: Summary, findings: Findings });
export type NewComment = Static<typeof NewComment>;
export const CommentPatch = Body({ summary: Type.Optional(Summary), findings: Type.Optional(Findings) });
export type CommentPatch = Static<typeof CommentPatch>;
export const CommentReturnBody = Body({ reason: Type.String({ title: '退回理由', minLength: 1, maxLength: 500 }) });
export type CommentReturnBody = Static<typeof CommentReturnBody>;

export const Comment = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  secretary: Nullable(Type.String()),
  summary: Type.String(),
  status: CommentStatus,
  statusLabel: Type.String(),
  returnReason: Nullable(Type.String()),
  updatedAt: Instant('更新时间'),
  findings: Type.Array(
    Type.Object({
      id: Type.Integer(),
      source: FindingSource,
      problem: Type.String(),
      /** The rectification item the finding became at approval. */
      rectificationId: Nullable(Type.Integer()),
    }),
  ),
});
export type Comment = Static<typeof Comment>;
export const CommentList = ListOf(Comment);
export type CommentList = Static<typeof CommentList>;
export const CommentStep = Type.Object({ ok: Type.Boolean(), status: CommentStatus });
export type CommentStep = Static<typeof CommentStep>;
