/**
 * 述职评议 · 投票: the public ballot (a one-time token, no login), the sealed results and their
 * exports, the published receipt list, paper ballots typed twice, and low ratings fed into the
 * rectification ledger.
 */
import { PAPER_SHEET_STATUSES } from '../enums.ts';
import { Body, DateStr, Enum, Id, Nullable, type Static, Type } from './common.ts';

export const Rating = Body({
  orgId: Id('组织编号'),
  grade: Type.String({ title: '评议等次', minLength: 1, maxLength: 10 }),
  opinion: Type.Optional(Nullable(Type.String({ title: '意见', maxLength: 500 }))),
});
export type Rating = Static<typeof Rating>;
const Ratings = Type.Array(Rating, { title: '评议', minItems: 1, maxItems: 1000 });
const Token = Type.String({ title: '选票码', minLength: 4, maxLength: 40 });

/** The code travels in a POST body, never in a URL (logs, proxies, browser history). */
export const FormBody = Body({ token: Token });
export type FormBody = Static<typeof FormBody>;
/** The vote page's random nonce: a retry of a committed ballot with the same nonce gets the same receipt. */
const Nonce = Type.String({ title: '客户端随机数', minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
/** One row of an unfinished ballot: a grade may still be missing (''), an opinion may be typed already. */
export const DraftRating = Body({
  orgId: Id('组织编号'),
  grade: Type.String({ title: '评议等次', maxLength: 10 }),
  opinion: Type.Optional(Type.String({ title: '意见', maxLength: 500 })),
});
export type DraftRating = Static<typeof DraftRating>;
/** The autosave of the vote page: tied to the code only (see server/modules/reviews/draft.ts). */
export const DraftBody = Body({
  token: Token,
  ratings: Type.Array(DraftRating, { title: '评议草稿', maxItems: 1000 }),
});
export type DraftBody = Static<typeof DraftBody>;
/** What a token opens: the campaign's title, its scale, the organizations to rate and the saved draft. */
export const BallotForm = Type.Object({
  title: Type.String(),
  scale: Type.Array(Type.String()),
  orgs: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), secretary: Nullable(Type.String()) })),
  /** The unfinished ballot saved under this code (null when none). */
  draft: Nullable(Type.Array(DraftRating)),
});
export type BallotForm = Static<typeof BallotForm>;
export const CastBody = Body({ token: Token, ratings: Ratings, nonce: Type.Optional(Nonce) });
export type CastBody = Static<typeof CastBody>;
/** The receipt the voter keeps and later finds in the published list. */
export const Receipt = Type.Object({ receipt: Type.String() });
export type Receipt = Static<typeof Receipt>;

export const Receipts = Type.Object({
  campaign: Type.Object({ id: Type.Integer(), title: Type.String() }),
  total: Type.Integer(),
  receipts: Type.Array(Type.String()),
});
export type Receipts = Static<typeof Receipts>;

export const OrgResult = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  total: Type.Integer(),
  /** Votes per grade of the scale. */
  counts: Type.Record(Type.String(), Type.Integer()),
  /** Percent per grade, one decimal. */
  percents: Type.Record(Type.String(), Type.Number()),
  /** Share (%) of the two best grades (好+较好). */
  goodRate: Type.Number(),
  /** Equal rates share a rank. */
  rank: Type.Integer(),
});
export type OrgResult = Static<typeof OrgResult>;
export const Results = Type.Object({
  campaign: Type.Object({
    id: Type.Integer(),
    title: Type.String(),
    year: Type.Integer(),
    closedDate: DateStr('结束日期'),
  }),
  scale: Type.Array(Type.String()),
  voters: Type.Integer(),
  goodLabel: Type.String(),
  orgs: Type.Array(OrgResult),
  /** Sorted by text: their order says nothing about when or by whom. */
  opinions: Type.Array(
    Type.Object({ orgId: Type.Integer(), orgName: Type.String(), items: Type.Array(Type.String()) }),
  ),
});
export type Results = Static<typeof Results>;

export const LowRatingBody = Body({ threshold: Type.Number({ title: '好+较好率下限(%)', minimum: 1, maximum: 100 }) });
export type LowRatingBody = Static<typeof LowRatingBody>;
export const LowRatingItems = Type.Object({ created: Type.Integer(), ids: Type.Array(Type.Integer()) });
export type LowRatingItems = Static<typeof LowRatingItems>;

// ── Paper ballots ──

export const PaperStatus = Enum(PAPER_SHEET_STATUSES, '状态');
const SheetNo = Type.String({ title: '纸质票编号', minLength: 1, maxLength: 30 });
export const PaperBody = Body({ sheetNo: SheetNo, ratings: Ratings });
export type PaperBody = Static<typeof PaperBody>;
export const PaperQuery = Type.Object({ status: Type.Optional(PaperStatus) }, { additionalProperties: false });
export type PaperQuery = Static<typeof PaperQuery>;
export const SheetParams = Type.Object({ id: Id('编号'), sheetNo: SheetNo }, { additionalProperties: false });
export const ResolveBody = Body({ ratings: Ratings });
export type ResolveBody = Static<typeof ResolveBody>;
export const PaperEntered = Type.Object({ sheetNo: Type.String(), status: PaperStatus });
export type PaperEntered = Static<typeof PaperEntered>;

const Entry = Type.Object({ grade: Type.String(), opinion: Nullable(Type.String()) });
export const PaperList = Type.Object({
  items: Type.Array(
    Type.Object({
      sheetNo: Type.String(),
      status: PaperStatus,
      /** The clerks (user ids) who typed the sheet. */
      firstBy: Type.Integer(),
      secondBy: Nullable(Type.Integer()),
      differences: Type.Array(Type.Object({ orgId: Type.Integer(), first: Entry, second: Nullable(Entry) })),
    }),
  ),
  total: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
});
export type PaperList = Static<typeof PaperList>;
