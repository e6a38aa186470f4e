/**
 * 党支部建设标准化 (server/modules/standards): manuals as versioned data, scoring rounds
 * (自评 → 初核 → 审定), grades with guide quotas, 公示 with objections, 整顿 and 示范点.
 */
import { Body, DateStr, Enum, Id, Instant, ItemsOf, Nullable, type Static, Type } from './common.ts';
import {
  STD_ENTRY_STATUSES,
  STD_METHODS,
  STD_PLAN_STATUSES,
  STD_QUOTA_MODES,
  STD_ROUND_STATUSES,
  STD_SCHEMES,
  STD_SOURCE_RULES,
} from '../enums.ts';
import { PublicityObjection } from './publicity.ts';

const Text = (title: string, max = 500) => Type.String({ title, minLength: 1, maxLength: max });
const Points = (title: string) => Type.Number({ title, minimum: 0, maximum: 1000 });

/** An item bound to a computed figure (server/lib/figures.ts) instead of being typed. */
export const ItemSource = Type.Object(
  {
    key: Type.String({ title: '数据来源', minLength: 3, maxLength: 80 }),
    /** perUnit: −step per unit of the value; below/above: −step when the value crosses the threshold. */
    rule: Enum(STD_SOURCE_RULES, '计分规则'),
    step: Type.Number({ title: '扣分', minimum: 0, maximum: 1000 }),
    threshold: Type.Optional(Type.Number({ title: '阈值' })),
  },
  { additionalProperties: false },
);

export const ManualItem = Type.Object(
  {
    code: Type.String({ title: '编号', minLength: 1, maxLength: 20 }),
    title: Text('项目', 100),
    criterion: Text('考评标准', 1000),
    maxPoints: Points('分值'),
    method: Enum(STD_METHODS, '计分方式'),
    /** deduct / bonus: points per occurrence; floor: the least an item can score (扣完为止 = 0). */
    perOccurrence: Type.Optional(Type.Number({ title: '每次分值', minimum: 0, maximum: 1000 })),
    floor: Type.Optional(Type.Number({ title: '最低分', minimum: 0, maximum: 1000 })),
    levels: Type.Optional(
      Type.Array(
        Type.Object({ label: Text('等次', 20), points: Points('等次分值') }, { additionalProperties: false }),
        {
          maxItems: 10,
        },
      ),
    ),
    /** 不累计: bonus items of one group count once (the highest). */
    bonusGroup: Type.Optional(Type.String({ title: '不累计组', maxLength: 20 })),
    evidence: Type.Array(Type.String({ title: '佐证类型', minLength: 1, maxLength: 20 }), { maxItems: 10 }),
    source: Type.Optional(ItemSource),
    /** 单项否决: an item scoring below this cannot be graded in a band that honours vetoes. */
    vetoBelow: Type.Optional(Type.Number({ title: '否决线', minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type ManualItem = Static<typeof ManualItem>;

export const Dimension = Type.Object(
  {
    name: Text('维度', 40),
    points: Points('维度分值'),
    bonus: Type.Optional(Type.Boolean({ title: '加分项' })),
    items: Type.Array(ManualItem, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type Dimension = Static<typeof Dimension>;

export const Band = Type.Object(
  {
    grade: Text('等次', 20),
    minScore: Type.Number({ title: '最低分', minimum: 0, maximum: 1000 }),
    quotaPercent: Type.Optional(Nullable(Type.Number({ title: '指导比例', minimum: 0, maximum: 100 }))),
    quotaMode: Enum(STD_QUOTA_MODES, '比例控制'),
    vetoBlocks: Type.Boolean({ title: '受单项否决' }),
    /** The 整顿 band (后进 / 一星): branches here are 整顿 candidates. */
    rectify: Type.Optional(Type.Boolean({ title: '整顿对象' })),
  },
  { additionalProperties: false },
);
export type Band = Static<typeof Band>;

export const ManualBody = Body({
  name: Text('名称', 100),
  scheme: Enum(STD_SCHEMES, '类型'),
  totalPoints: Points('基本分'),
  bonusPoints: Points('加分上限'),
  dimensions: Type.Array(Dimension, { minItems: 1, maxItems: 30 }),
  bands: Type.Array(Band, { minItems: 2, maxItems: 10 }),
});
export type ManualBody = Static<typeof ManualBody>;

export const ManualSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  version: Type.Integer(),
  totalPoints: Type.Number(),
  bonusPoints: Type.Number(),
  scheme: Type.String(),
  familyId: Type.Integer(),
  itemCount: Type.Integer(),
  latest: Type.Boolean(),
  inUse: Type.Boolean(),
  updatedAt: Instant('更新时间'),
});
export const ManualList = ItemsOf(ManualSummary);
export type ManualList = Static<typeof ManualList>;
export const ManualDetail = Type.Composite([
  ManualSummary,
  Type.Object({ dimensions: Type.Array(Dimension), bands: Type.Array(Band), note: Nullable(Type.String()) }),
]);
export type ManualDetail = Static<typeof ManualDetail>;
export const ManualListQuery = Type.Object({ all: Type.Optional(Type.Boolean({ title: '全部版本' })) });
/** Saving a manual: a manual in use is never changed, a new version is created (its id returned). */
export const ManualSaved = Type.Object({ id: Type.Integer(), version: Type.Integer(), newVersion: Type.Boolean() });
export const ManualUpdateBody = Body({ ...ManualBody.properties, note: Type.Optional(Text('修订说明', 200)) });

export const RoundBody = Body({
  manualId: Id('评分手册'),
  year: Type.Integer({ title: '年度', minimum: 2000, maximum: 2100 }),
  name: Text('名称', 100),
  orgIds: Type.Optional(Type.Array(Id('参评支部'), { minItems: 1, maxItems: 5000 })),
  selfWeight: Type.Integer({ title: '自评权重', minimum: 0, maximum: 100 }),
  superiorWeight: Type.Integer({ title: '初核权重', minimum: 0, maximum: 100 }),
  selfDueDate: DateStr('自评截止'),
  reviewDueDate: DateStr('初核截止'),
  objectionDays: Type.Integer({ title: '公示期(工作日)', minimum: 1, maximum: 30 }),
});
export type RoundBody = Static<typeof RoundBody>;

export const RoundSummary = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  status: Enum(STD_ROUND_STATUSES, '状态'),
  name: Type.String(),
  manualId: Type.Integer(),
  manualName: Type.String(),
  manualVersion: Type.Integer(),
  selfWeight: Type.Integer(),
  superiorWeight: Type.Integer(),
  selfDueDate: Type.String(),
  reviewDueDate: Type.String(),
  objectionDays: Type.Integer(),
  publicityStartDate: Nullable(Type.String()),
  publicityEndDate: Nullable(Type.String()),
  entries: Type.Integer(),
  approved: Type.Integer(),
});
export const RoundList = ItemsOf(RoundSummary);
export type RoundList = Static<typeof RoundList>;
export type RoundSummary = Static<typeof RoundSummary>;

export const EntryRow = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  townshipName: Nullable(Type.String()),
  status: Enum(STD_ENTRY_STATUSES, '状态'),
  /** Who the entry is waiting for, in words (progress board). */
  waitingFor: Nullable(Type.String()),
  selfScore: Nullable(Type.Number()),
  superiorScore: Nullable(Type.Number()),
  total: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
  rank: Nullable(Type.Integer()),
  vetoed: Type.Boolean(),
  returnReason: Nullable(Type.String()),
});
export type EntryRow = Static<typeof EntryRow>;
export const RoundDetail = Type.Composite([
  RoundSummary,
  Type.Object({
    entryRows: Type.Array(EntryRow),
    counts: Type.Record(Type.String(), Type.Integer()),
    warnings: Type.Array(Type.String()),
  }),
]);
export type RoundDetail = Static<typeof RoundDetail>;

export const ResultRow = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  selfScore: Nullable(Type.Number()),
  superiorScore: Nullable(Type.Number()),
  total: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
  rank: Nullable(Type.Integer()),
  directReason: Nullable(Type.String()),
});
export const ResultList = ItemsOf(ResultRow);
export type ResultList = Static<typeof ResultList>;

export const Evidence = Type.Object(
  { type: Text('佐证类型', 20), note: Text('佐证说明', 200) },
  { additionalProperties: false },
);
export type Evidence = Static<typeof Evidence>;

/** An uploaded evidence file under one item of a sheet (its kind sniffed from the content). */
export const EvidenceFile = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  note: Nullable(Type.String()),
  fileName: Type.String(),
  kind: Type.Union([Type.Literal('image'), Type.Literal('pdf'), Type.Literal('docx'), Type.Literal('xlsx')]),
  size: Type.Integer(),
  uploadedAt: Instant('上传时间'),
});
export type EvidenceFile = Static<typeof EvidenceFile>;
export const EvidenceFileParams = Type.Object(
  { id: Id('参评记录'), fileId: Id('佐证文件') },
  { additionalProperties: false },
);

export const SheetItem = Type.Object({
  code: Type.String(),
  dimension: Type.String(),
  title: Type.String(),
  criterion: Type.String(),
  maxPoints: Type.Number(),
  method: Type.String(),
  floor: Type.Number(),
  perOccurrence: Nullable(Type.Number()),
  levels: Type.Array(Type.Object({ label: Type.String(), points: Type.Number() })),
  bonus: Type.Boolean(),
  evidenceRequired: Type.Array(Type.String()),
  selfPoints: Nullable(Type.Number()),
  selfNote: Nullable(Type.String()),
  evidence: Type.Array(Evidence),
  files: Type.Array(EvidenceFile),
  auto: Nullable(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      value: Nullable(Type.Number()),
      unit: Type.String(),
      detail: Nullable(Type.String()),
      link: Nullable(Type.String()),
      points: Nullable(Type.Number()),
    }),
  ),
  overrideReason: Nullable(Type.String()),
  superiorPoints: Nullable(Type.Number()),
  superiorComment: Nullable(Type.String()),
  returned: Type.Boolean(),
});
export type SheetItem = Static<typeof SheetItem>;
export const Sheet = Type.Object({
  entry: EntryRow,
  roundId: Type.Integer(),
  roundName: Type.String(),
  year: Type.Integer(),
  totalPoints: Type.Number(),
  bonusPoints: Type.Number(),
  items: Type.Array(SheetItem),
  /** Per basic dimension: this branch (superior score, else self) beside the round's average over submitted sheets. */
  dimensions: Type.Array(
    Type.Object({
      name: Type.String(),
      points: Type.Number(),
      score: Nullable(Type.Number()),
      average: Nullable(Type.Number()),
    }),
  ),
});
export type Sheet = Static<typeof Sheet>;

export const EntryParams = Type.Object({ id: Id('参评记录') }, { additionalProperties: false });

export const SelfScoreBody = Body({
  items: Type.Array(
    Type.Object(
      {
        code: Type.String({ title: '编号', minLength: 1, maxLength: 20 }),
        points: Type.Number({ title: '得分', minimum: -1000, maximum: 1000 }),
        note: Type.Optional(Type.String({ title: '说明', maxLength: 500 })),
        evidence: Type.Optional(Type.Array(Evidence, { maxItems: 20 })),
        /** Required when `points` differs from the auto-filled value. */
        overrideReason: Type.Optional(Type.String({ title: '调整理由', maxLength: 300 })),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 300 },
  ),
  submit: Type.Optional(Type.Boolean({ title: '提交' })),
});
export type SelfScoreBody = Static<typeof SelfScoreBody>;

export const ReviewBody = Body({
  items: Type.Array(
    Type.Object(
      {
        code: Type.String({ title: '编号', minLength: 1, maxLength: 20 }),
        points: Type.Number({ title: '初核得分', minimum: -1000, maximum: 1000 }),
        comment: Type.Optional(Type.String({ title: '初核意见', maxLength: 500 })),
      },
      { additionalProperties: false },
    ),
    { maxItems: 300 },
  ),
  /** 退回: items sent back to the branch for correction, with the reason. */
  returnCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 300 })),
  returnReason: Type.Optional(Type.String({ title: '退回理由', maxLength: 300 })),
});
export type ReviewBody = Static<typeof ReviewBody>;

export const DirectGradeBody = Body({ grade: Text('等次', 20), reason: Text('荣誉依据', 300) });

export const GradeResult = Type.Object({ graded: Type.Integer(), warnings: Type.Array(Type.String()) });

export const PublicityBody = Body({ startDate: Type.Optional(DateStr('公示开始')) });
export const ObjectionBody = Body({ orgId: Id('对象支部'), text: Text('异议内容', 1000) });
export const AnswerBody = Body({
  answer: Text('答复', 1000),
  /** When the objection is upheld: the corrected total (grade recomputed), audited. */
  newTotal: Type.Optional(Type.Number({ title: '更正后总分', minimum: 0, maximum: 1000 })),
  newGrade: Type.Optional(Text('更正后等次', 20)),
});
/** The 公示 objection of every posting; `changed` (= upheld: the total or grade corrected) as this list always said. */
export const ObjectionRow = Type.Object({ ...PublicityObjection.properties, changed: Type.Boolean() });
export type ObjectionList = Static<typeof ObjectionList>;
export const ObjectionList = ItemsOf(ObjectionRow);
export const ObjectionParams = Type.Object(
  { id: Id('轮次'), objectionId: Id('异议') },
  { additionalProperties: false },
);

/** 整顿 */
export const CandidateQuery = Type.Object({
  percent: Type.Optional(Type.Number({ title: '比例', minimum: 1, maximum: 50, default: 10 })),
});
export const Candidate = Type.Object({
  orgId: Type.Integer(),
  orgName: Type.String(),
  townshipName: Nullable(Type.String()),
  total: Nullable(Type.Number()),
  rank: Nullable(Type.Integer()),
  grade: Nullable(Type.String()),
  reasons: Type.Array(Type.String()),
  onList: Type.Boolean(),
});
export type CandidateList = Static<typeof CandidateList>;
export const CandidateList = ItemsOf(Candidate);

export const PlanBody = Body({
  orgId: Id('整顿支部'),
  roundId: Type.Optional(Id('评定轮次')),
  basis: Text('列入依据', 300),
  contactLeader: Text('联系领导', 40),
  problems: Type.Array(
    Type.Object(
      {
        problem: Text('问题', 300),
        measures: Type.Optional(Type.String({ title: '整改措施', maxLength: 500 })),
        deadlineDate: Type.Optional(DateStr('整改时限')),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 50 },
  ),
});
export type PlanBody = Static<typeof PlanBody>;
export const PlanRow = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  roundId: Nullable(Type.Integer()),
  basis: Type.String(),
  contactLeader: Type.String(),
  status: Enum(STD_PLAN_STATUSES, '状态'),
  startDate: Type.String(),
  liftedDate: Nullable(Type.String()),
  items: Type.Integer(),
  accepted: Type.Integer(),
});
export type PlanList = Static<typeof PlanList>;
export const PlanList = ItemsOf(PlanRow);
export const PlanListQuery = Type.Object({ status: Type.Optional(Enum(STD_PLAN_STATUSES, '状态')) });
export const PlanDetail = Type.Composite([
  PlanRow,
  Type.Object({
    problems: Type.Array(
      Type.Object({
        id: Type.Integer(),
        rectificationItemId: Type.Integer(),
        problem: Type.String(),
        acceptedAt: Nullable(Type.String()),
        acceptNote: Nullable(Type.String()),
      }),
    ),
    progress: Type.Array(Type.Object({ month: Type.String(), text: Type.String(), at: Type.String() })),
  }),
]);
export type PlanDetail = Static<typeof PlanDetail>;
export const ProgressBody = Body({
  month: Type.String({ title: '月份', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
  text: Text('进展', 1000),
});
export const AcceptBody = Body({ note: Text('验收意见', 300) });
export const PlanProblemParams = Type.Object(
  { id: Id('整顿'), problemId: Id('问题') },
  { additionalProperties: false },
);

/** 示范点 */
export const ModelBody = Body({
  orgId: Id('支部'),
  year: Type.Integer({ title: '年度', minimum: 2000, maximum: 2100 }),
  reason: Text('命名理由', 300),
});
export const ModelRow = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  year: Type.Integer(),
  reason: Type.String(),
});
export type ModelList = Static<typeof ModelList>;
export const ModelList = ItemsOf(ModelRow);
export const ModelQuery = Type.Object({ orgId: Type.Optional(Id('支部')), year: Type.Optional(Type.Integer()) });
