import type { Generated } from 'kysely';
import type { PublicityKind } from '../../../common/enums.ts';

/**
 * An objection to a posted (公示) result, whatever was posted (migration 202612060100): the 年度综合考核
 * of a unit, the 标准化 grade of a branch, a 表彰 nomination.
 */
export interface PublicityObjectionTable {
  id: Generated<number>;
  kind: PublicityKind;
  /** The posting: assessment.id, std_round.id or commend_round.id. */
  posting_id: number;
  /** What is objected to: the assessed org's id, the std_entry.id, the commend_nomination.id. */
  subject_id: number;
  /** Its name as posted (the unit, or the person / unit nominated). */
  subject_name: string;
  /** The unit whose subtree may read it (assessed unit, branch, nominating unit); scope joins its path. */
  org_id: number;
  text: string;
  created_by: number | null;
  created_at: string;
  answer: string | null;
  /** 1 when the objection was found true (the result corrected, the nomination withdrawn). */
  upheld: number;
  answered_by: number | null;
  answered_at: string | null;
}

export interface PublicityDB {
  publicity_objection: PublicityObjectionTable;
}
