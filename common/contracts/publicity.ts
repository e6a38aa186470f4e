/**
 * 公示 objections (server/lib/publicity.ts): one shape for every posted result — a unit's 年度综合考核,
 * a branch's 标准化 grade, a 表彰 nomination. The modules' lists return it (and may add the names their
 * clients already read); the web shows it with one component (components/ObjectionTable.tsx).
 */
import { PUBLICITY_KINDS, keysOf } from '../enums.ts';
import { Enum, Instant, ItemsOf, Nullable, type Static, Type } from './common.ts';

export const PublicityObjection = Type.Object({
  id: Type.Integer(),
  kind: Enum(keysOf(PUBLICITY_KINDS), '公示类别'),
  /** The posting: the assessment, the 标准化 round or the 表彰 round. */
  postingId: Type.Integer(),
  /** What is objected to: the assessed unit's org id, the branch's entry id, the nomination id. */
  subjectId: Type.Integer(),
  /** Its name as posted. */
  subjectName: Type.String(),
  /** The unit it concerns (the assessed unit, the branch, the nominating unit). */
  orgId: Type.Integer(),
  orgName: Type.String(),
  text: Type.String(),
  answer: Nullable(Type.String()),
  /** Found true: the result corrected, or the nomination withdrawn. */
  upheld: Type.Boolean(),
  createdAt: Instant('提出时间'),
  answeredAt: Nullable(Instant('答复时间')),
});
export type PublicityObjection = Static<typeof PublicityObjection>;
export const PublicityObjectionList = ItemsOf(PublicityObjection);
export type PublicityObjectionList = Static<typeof PublicityObjectionList>;
