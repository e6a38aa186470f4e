/** Shared bits of the 组织生活 pages: labels, colours, pickers. */
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Tag, TreeSelect } from 'antd';
import type { OrgNode } from '../../../../common/contracts/orgs.ts';
import { useOrgTree } from '../../components/orgTree.tsx';

export const ATT_COLOR: Record<string, string> = { 出席: 'green', 补签: 'cyan', 请假: 'orange', 缺席: 'red' };
export const ITEM_STATUS: Record<string, { label: string; color: string; bg: string }> = {
  done: { label: '已完成', color: 'green', bg: '#f6ffed' },
  missed: { label: '未完成', color: 'red', bg: '#fff1f0' },
  due: { label: '临期', color: 'gold', bg: '#fffbe6' },
  open: { label: '未到期', color: 'default', bg: '#fafafa' },
};
export const LIGHT = {
  red: { label: '红灯', color: '#f5222d' },
  yellow: { label: '黄灯', color: '#faad14' },
  green: { label: '绿灯', color: '#52c41a' },
} as const;
export const TYPE_COLOR: Record<string, string> = {
  支部党员大会: 'volcano',
  支部委员会: 'purple',
  党小组会: 'blue',
  党课: 'magenta',
  主题党日: 'red',
  组织生活会: 'gold',
  民主评议党员: 'orange',
  谈心谈话: 'cyan',
  其他: 'default',
};
/** Short names for calendar cells. */
export const SHORT: Record<string, string> = {
  支部党员大会: '党员大会',
  支部委员会: '支委会',
  民主评议党员: '民主评议',
};
export const TypeTags = ({ types }: { types: string[] }) => (
  <>
    {types.map((t) => (
      <Tag key={t} color={TYPE_COLOR[t]} style={{ marginInlineEnd: 4 }}>
        {t}
      </Tag>
    ))}
  </>
);

/** HH:mm in local time of an instant. */
export const hm = (iso: string | null | undefined) => (iso ? dayjs(iso).format('HH:mm') : '');
export const thisYear = () => dayjs().year();
export const yearOptions = () => [0, 1, 2].map((k) => ({ value: thisYear() - k, label: `${thisYear() - k}年` }));

const MEETING_ORGS = ['党支部', '党总支', '党小组'];
const BRANCHES = ['党支部', '党总支'];

interface Opt {
  value: number;
  key: number;
  title: string;
  selectable: boolean;
  children?: Opt[];
}
/** The tree pruned to branches that lead to an allowed node; others stay visible but unselectable. */
function options(n: OrgNode, ok: (n: OrgNode) => boolean): Opt | null {
  const kids = n.children.map((c) => options(c, ok)).filter((c): c is Opt => !!c);
  if (!ok(n) && !kids.length) return null;
  return { value: n.id, key: n.id, title: n.name, selectable: ok(n), children: kids.length ? kids : undefined };
}

/** An org picker limited to what holds meetings (or, with `branchesOnly`, to 支部/总支; `anyOrg`: any). */
export function BranchSelect(props: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  branchesOnly?: boolean;
  anyOrg?: boolean;
  style?: React.CSSProperties;
  placeholder?: string;
  'aria-label'?: string;
}) {
  const { tree } = useOrgTree();
  const allowed = props.branchesOnly ? BRANCHES : MEETING_ORGS;
  const ok = (n: OrgNode) => props.anyOrg || allowed.includes(n.type);
  const root = tree
    ? options(tree, (n) => ok(n) && (props.anyOrg ? !['党小组', '网格', '政府单位'].includes(n.type) : true))
    : null;
  return (
    <TreeSelect
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      style={props.style ?? { minWidth: 260 }}
      placeholder={props.placeholder ?? '选择党支部'}
      aria-label={props['aria-label'] ?? '组织'}
      treeData={root ? [root] : []}
      treeDefaultExpandedKeys={tree ? [tree.id] : []}
      loading={!tree}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)', minWidth: 280 } } }}
    />
  );
}

/** True on phone-sized screens (layout switches from tables to cards). */
export function useNarrow(px = 640) {
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.innerWidth < px);
  useEffect(() => {
    const f = () => setNarrow(window.innerWidth < px);
    window.addEventListener('resize', f);
    return () => window.removeEventListener('resize', f);
  }, [px]);
  return narrow;
}

export const pct = (v: number | null | undefined) => (v == null ? '—' : `${v}%`);
