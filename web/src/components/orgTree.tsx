import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import type { OrgNode } from '../../../common/contracts/orgs.ts';
import { orgKeys, useOrgTreeQuery } from '../features/orgs/api.ts';

/**
 * The caller's org tree, fetched once per session and shared by every page and picker through the
 * query cache (a county is ~3,000 nodes: one request, not one per widget). `reload` refetches it
 * after a change made outside the org mutations (which invalidate it themselves), e.g. an import.
 */
export function useOrgTree() {
  const qc = useQueryClient();
  const q = useOrgTreeQuery();
  const reload = useCallback(() => void qc.invalidateQueries({ queryKey: orgKeys.tree }), [qc]);
  return { tree: q.data ?? null, error: q.error, reload };
}

export interface OrgOption {
  value: number;
  title: string;
  key: number;
  type: string;
  disabled?: boolean;
  children?: OrgOption[];
}

/** Tree data for TreeSelect; `disable(n)` greys out nodes (e.g. a node's own subtree when moving). */
export function toOptions(n: OrgNode, disable?: (n: OrgNode) => boolean, parentDisabled = false): OrgOption {
  const d = parentDisabled || !!disable?.(n);
  return {
    value: n.id,
    key: n.id,
    title: n.name,
    type: n.type,
    disabled: d,
    children: n.children.length ? n.children.map((c) => toOptions(c, disable, d)) : undefined,
  };
}

/** Flattens a tree into id → node (and parent) maps. */
export function indexTree(root: OrgNode) {
  const byId = new Map<number, OrgNode>();
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    byId.set(n.id, n);
    for (const c of n.children) stack.push(c);
  }
  return byId;
}

type Props = Omit<TreeSelectProps, 'treeData'> & { disableNode?: (n: OrgNode) => boolean };

/** A searchable org picker over the caller's tree (virtual list, so 3,000 nodes stay fast). */
export function OrgTreeSelect({ disableNode, ...rest }: Props) {
  const { tree } = useOrgTree();
  return (
    <TreeSelect
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder="请选择组织(可输入名称搜索)"
      treeData={tree ? [toOptions(tree, disableNode)] : []}
      treeDefaultExpandedKeys={tree ? [tree.id] : []}
      loading={!tree}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)', minWidth: 280 } } }}
      {...rest}
    />
  );
}
