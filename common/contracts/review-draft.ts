/**
 * The review draft: the 任务分解表 a reviewer is editing, kept on the server per document so that a
 * closed tab or a new login does not lose an hour of edits. One working copy per document (the
 * reviewers of a document share it, last write wins; `version` tells a writer that someone else saved
 * in between). It is cleared when tasks are published from the document.
 */
import { RowCorrection, UnitCorrection } from './corrections.ts';
import { Body, DateStr, Instant, Nullable, type Static, Type } from './common.ts';

const Ints = (title: string) => Type.Array(Type.Integer({ minimum: 1 }), { title, maxItems: 100 });
const Strings = (title: string, maxItems = 50) => Type.Array(Type.String({ maxLength: 500 }), { title, maxItems });

/** A row of the review table as the page holds it (what the extractor proposed is kept in `origin`). */
export const DraftRow = Type.Object(
  {
    key: Type.String({ title: '行标识', minLength: 1, maxLength: 40 }),
    text: Type.String({ title: '工作任务', maxLength: 5000 }),
    start: Type.Integer({ title: '原文起始位置', minimum: 0 }),
    end: Type.Integer({ title: '原文结束位置', minimum: 1 }),
    leadOrgId: Nullable(Type.Integer({ title: '牵头单位', minimum: 1 })),
    coOrgIds: Ints('配合单位'),
    dueDate: Nullable(DateStr('完成时限')),
    deadlineText: Nullable(Type.String({ title: '原文中的时限', maxLength: 200 })),
    targets: Strings('指标'),
    unmatched: Strings('未匹配的单位'),
    units: Strings('原文中的单位'),
    leader: Type.Optional(Type.String({ title: '责任领导', maxLength: 50 })),
    confidence: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1 }))),
    reasons: Type.Optional(Strings('识别依据')),
    origin: Type.Optional(
      Type.Object(
        {
          text: Type.String({ maxLength: 5000 }),
          start: Type.Integer({ minimum: 0 }),
          end: Type.Integer({ minimum: 1 }),
          leadOrgId: Nullable(Type.Integer({ minimum: 1 })),
          unitSource: Nullable(Type.String({ maxLength: 20 })),
          units: Strings('原文中的单位'),
          proposalType: Nullable(Type.String({ maxLength: 40 })),
        },
        { additionalProperties: false, title: '识别结果' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DraftRow = Static<typeof DraftRow>;

const DraftContent = {
  rows: Type.Array(DraftRow, { title: '任务行', maxItems: 500 }),
  /** corrections made since the extraction, sent with the next publish */
  taught: Type.Array(Type.Union([UnitCorrection, RowCorrection]), { title: '更正', maxItems: 1000 }),
  warnings: Strings('识别提示', 100),
};

export const SaveDraftBody = Body({
  /** the version this copy was loaded or last saved as (null: none) */
  baseVersion: Nullable(Type.Integer({ title: '草稿版本', minimum: 1 })),
  ...DraftContent,
});
export type SaveDraftBody = Static<typeof SaveDraftBody>;

export const DraftSaved = Type.Object({
  version: Type.Integer(),
  savedAt: Instant('保存时间'),
  /** someone else saved after `baseVersion`: their copy was replaced by this one */
  overwritten: Type.Boolean(),
});
export type DraftSaved = Static<typeof DraftSaved>;

export const ReviewDraft = Type.Object({
  version: Type.Integer(),
  savedAt: Instant('保存时间'),
  savedByName: Type.String(),
  ...DraftContent,
});
export type ReviewDraft = Static<typeof ReviewDraft>;
export const DraftAnswer = Type.Object({ draft: Nullable(ReviewDraft) });
export type DraftAnswer = Static<typeof DraftAnswer>;
