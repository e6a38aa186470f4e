import { Tag } from 'antd';
import { VISIT_WARNINGS, type VisitWarningKind } from '../../../../common/enums.ts';

export const STATUS_COLOR: Record<string, string> = {
  待统筹: 'orange',
  已确认: 'green',
  已合并: 'default',
  已取消: 'default',
};
export const statusTag = (s: string) => <Tag color={STATUS_COLOR[s] ?? 'default'}>{s}</Tag>;
export const warningTag = (k: string) => (
  <Tag color={k === 'escort' ? 'red' : 'volcano'}>{VISIT_WARNINGS[k as VisitWarningKind] ?? k}</Tag>
);
/** 3月10日 or 3月10日—12日 */
export const span = (a: string, b: string) => {
  const f = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return a === b ? f(a) : `${f(a)}至${f(b)}`;
};
