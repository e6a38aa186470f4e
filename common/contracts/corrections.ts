/**
 * Learning from corrections: the review screen reports what a person changed in an extraction (a lead unit, a row
 * deleted as not a task, a split or a merge); the server keeps what that teaches, per deployment, and the next
 * extraction uses it. See server/modules/documents/corrections.service.ts.
 */
import { CORRECTION_KINDS, type CorrectionKind } from '../enums.ts';
import { Body, Enum, Id, Instant, ListOf, Nullable, Paging, Type, type Static } from './common.ts';

const Passage = {
  text: Type.String({ title: '任务文本', minLength: 1, maxLength: 2000 }),
  start: Type.Integer({ title: '原文起始位置', minimum: 0 }),
  end: Type.Integer({ title: '原文结束位置', minimum: 1 }),
};

/** A lead unit a person chose for a row, and what the extractor had offered. */
export const UnitCorrection = Type.Object(
  {
    kind: Type.Literal('unit'),
    ...Passage,
    /** the unit as the text wrote it, when the row named exactly one (an alias is learnt from it) */
    unitText: Nullable(Type.String({ title: '原文中的单位', maxLength: 100 })),
    /** where the extractor's unit came from (explicit: named in the clause) */
    unitSource: Nullable(Type.String({ title: '单位来源', maxLength: 20 })),
    /** the department type of the function proposal the row had, if any */
    proposalType: Nullable(Type.String({ title: '建议的职能类别', maxLength: 40 })),
    leadOrgId: Id('牵头单位'),
  },
  { additionalProperties: false },
);
export const RowCorrection = Type.Object(
  { kind: Enum(['not_task', 'split', 'merge'] as const, '更正类型'), ...Passage },
  { additionalProperties: false },
);

export const RecordCorrectionsBody = Body({
  corrections: Type.Array(Type.Union([UnitCorrection, RowCorrection]), { title: '更正', minItems: 1, maxItems: 500 }),
});
export type RecordCorrectionsBody = Static<typeof RecordCorrectionsBody>;

export const RecordCorrectionsResult = Type.Object({
  /** corrections received */
  recorded: Type.Integer(),
  /** lessons kept, by kind (a repeated lesson replaces the older one) */
  learnt: Type.Object({
    alias: Type.Integer(),
    not_task: Type.Integer(),
    topic: Type.Integer(),
    type: Type.Integer(),
  }),
});
export type RecordCorrectionsResult = Static<typeof RecordCorrectionsResult>;

export const CorrectionKindEnum = Enum(Object.keys(CORRECTION_KINDS) as CorrectionKind[], '类型');

export const CorrectionsQuery = Type.Object(
  { kind: Type.Optional(CorrectionKindEnum), ...Paging },
  { additionalProperties: false },
);
export type CorrectionsQuery = Static<typeof CorrectionsQuery>;

export const Correction = Type.Object({
  id: Type.Integer(),
  kind: CorrectionKindEnum,
  /** the unit as written (alias), the row's text (not_task, topic, split, merge) */
  text: Type.String(),
  /** the function words that identify a topic */
  words: Type.Array(Type.String()),
  deptType: Nullable(Type.String()),
  unitOrgId: Nullable(Type.Integer()),
  unitName: Nullable(Type.String()),
  documentId: Nullable(Type.Integer()),
  documentTitle: Nullable(Type.String()),
  ownerOrgId: Type.Integer(),
  createdBy: Nullable(Type.String()),
  createdAt: Instant('记录时间'),
});
export type Correction = Static<typeof Correction>;
export const CorrectionList = ListOf(Correction);
export type CorrectionList = Static<typeof CorrectionList>;
