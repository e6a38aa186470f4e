import { useMemo, useState, type Key } from 'react';
import { Empty, Input, Spin, Tree, Typography } from 'antd';
import type { OrgNode } from '../../../../common/contracts/orgs.ts';

interface TNode {
  key: number;
  title: React.ReactNode;
  children?: TNode[];
}

/**
 * The searchable org tree. The antd Tree is virtual (fixed height), so a county's 3,000 nodes
 * render in a few milliseconds; a search keeps the matches and their ancestors, expanded.
 */
export default function OrgTreePanel({
  tree,
  selected,
  onSelect,
  height,
}: {
  tree: OrgNode | null;
  selected?: number;
  onSelect(id: number): void;
  height: number;
}) {
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const { data, matchKeys } = useMemo(() => {
    if (!tree) return { data: [] as TNode[], matchKeys: [] as number[] };
    const term = q.trim().toLowerCase();
    const hits: number[] = [];
    const label = (n: OrgNode) => {
      const name = n.name;
      let title: React.ReactNode = name;
      if (term) {
        const i = name.toLowerCase().indexOf(term);
        if (i >= 0)
          title = (
            <>
              {name.slice(0, i)}
              <span style={{ color: '#b5121b', fontWeight: 600 }}>{name.slice(i, i + term.length)}</span>
              {name.slice(i + term.length)}
            </>
          );
      }
      return (
        <span
          title={`${n.name}(${n.type})`}
          style={{ display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
        >
          <span>{title}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
            {n.type}
          </Typography.Text>
        </span>
      );
    };
    const walk = (n: OrgNode): TNode | null => {
      const kids = n.children.map(walk).filter((x): x is TNode => x !== null);
      const match =
        !term ||
        n.name.toLowerCase().includes(term) ||
        n.code.toLowerCase().includes(term) ||
        (n.shortName ?? '').toLowerCase().includes(term);
      if (term && match) hits.push(n.id);
      if (!match && kids.length === 0) return null;
      return { key: n.id, title: label(n), children: kids.length ? kids : undefined };
    };
    const root = walk(tree);
    return { data: root ? [root] : [], matchKeys: hits };
  }, [tree, q]);

  // While searching, show every path to a match; otherwise the user's own expansion (default: 2 levels).
  const searchExpanded = useMemo(() => {
    if (!q.trim() || !tree) return null;
    const keys: number[] = [];
    const walk = (n: TNode) => {
      if (n.children) {
        keys.push(n.key);
        n.children.forEach(walk);
      }
    };
    data.forEach(walk);
    return keys;
  }, [data, q, tree]);
  const defaultExpanded = tree ? [tree.id, ...tree.children.map((c) => c.id)] : [];

  return (
    <div>
      <Input.Search
        placeholder="搜索组织名称或编码"
        allowClear
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 8 }}
        aria-label="搜索组织"
      />
      {q.trim() && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          找到 {matchKeys.length} 个组织
        </Typography.Text>
      )}
      {!tree ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : data.length === 0 ? (
        <Empty description="没有匹配的组织" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tree
          treeData={data}
          height={height}
          virtual
          blockNode
          showLine
          selectedKeys={selected ? [selected] : []}
          expandedKeys={searchExpanded ?? expanded ?? defaultExpanded}
          onExpand={(keys) => {
            if (!searchExpanded) setExpanded(keys);
          }}
          onSelect={(keys) => {
            if (keys.length) onSelect(Number(keys[0]));
          }}
        />
      )}
    </div>
  );
}
