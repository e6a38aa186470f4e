/** 目标责任书: issued by a superior to each unit, signed by both sides in the system. */
import { Body, Enum, Id, Instant, Nullable, Type, type Static } from './common.ts';
import { LETTER_ITEM_KINDS, LETTER_STATUSES } from '../enums.ts';
import { Year } from './indicators.ts';

export const LetterItemInput = Type.Object(
  {
    kind: Enum(LETTER_ITEM_KINDS, '条目类别'),
    /** For 指标 lines: the indicator and the unit's annual target (written to the targets). */
    indicatorId: Type.Optional(Nullable(Id('指标'))),
    target: Type.Optional(Nullable(Type.Number({ title: '全年目标' }))),
    text: Type.String({ minLength: 2, maxLength: 300, title: '条目内容' }),
  },
  { additionalProperties: false },
);
export const LetterIssue = Body({
  orgIds: Type.Array(Id('责任单位'), { minItems: 1, maxItems: 500, title: '责任单位' }),
  year: Year,
  title: Type.String({ minLength: 4, maxLength: 80, title: '标题' }),
  items: Type.Array(LetterItemInput, { minItems: 1, maxItems: 100, title: '责任书条目' }),
});
export type LetterIssue = Static<typeof LetterIssue>;
export const LetterIssued = Type.Object({ ids: Type.Array(Type.Integer()) });
export type LetterIssued = Static<typeof LetterIssued>;

export const LetterSummary = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  issuerOrgName: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  status: Enum(LETTER_STATUSES, '状态'),
  /** When both sides had signed (the later signature); null until then. */
  signedAt: Nullable(Instant('签订时间')),
});
export const LetterList = Type.Object({ items: Type.Array(LetterSummary), total: Type.Integer() });
export type LetterList = Static<typeof LetterList>;
export type LetterSummary = Static<typeof LetterSummary>;
export const LetterListQuery = Type.Object({ year: Year }, { additionalProperties: false });

export const LetterLine = Type.Object({
  kind: Enum(LETTER_ITEM_KINDS, '条目类别'),
  text: Type.String(),
  indicatorId: Nullable(Type.Integer()),
  target: Nullable(Type.Number()),
  unit: Nullable(Type.String()),
  /** Live progress of an indicator line: the latest month with figures. */
  period: Nullable(Type.String()),
  cumValue: Nullable(Type.Number()),
  completion: Nullable(Type.Number()),
  pace: Nullable(Type.String()),
  light: Nullable(Type.String()),
});
export const LetterDetail = Type.Object({
  ...LetterSummary.properties,
  unitSignedAt: Nullable(Type.String()),
  unitSignerName: Nullable(Type.String()),
  issuerSignedAt: Nullable(Type.String()),
  issuerSignerName: Nullable(Type.String()),
  lines: Type.Array(LetterLine),
});
export type LetterDetail = Static<typeof LetterDetail>;
export const Signed = Type.Object({
  side: Type.String(),
  signedAt: Type.String(),
  status: Enum(LETTER_STATUSES, '状态'),
});
export type Signed = Static<typeof Signed>;
