import { useCallback, useEffect, useState } from 'react';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { api, sessionEpoch } from '../api/client.ts';
import type { OrgNode } from '../api/types.ts';

/**
 * The caller's org tree, fetched once and shared by every page (the tree of a county is ~3,000
 * nodes: one request, not one per widget). Mutations call invalidateOrgTree().
 */
let cache: Promise<OrgNode> | null = null;
let cacheEpoch = -1;
let version = 0;
const listeners = new Set<() => void>();

export function invalidateOrgTree() {
  cache = null;
  version++;
  for (const l of listeners) l();
}

export function useOrgTree() {
  const [tree, setTree] = useState<OrgNode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [v, setV] = useState(version);
  useEffect(() => {
    const l = () => setV(version);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  useEffect(() => {
    let live = true;
    if (cacheEpoch !== sessionEpoch()) cache = null; // another login: another subtree
    if (!cache) {
      cache = api.get<OrgNode>('/api/orgs/tree');
      cacheEpoch = sessionEpoch();
    }
    const p = cache;
    p.then(
      (t) => {
        if (live) {
          setTree(t);
          setError(null);
        }
      },
      (e) => {
        if (cache === p) cache = null;
        if (live) setError((e as Error).message);
      },
    );
    return () => {
      live = false;
    };
  }, [v]);
  const reload = useCallback(() => invalidateOrgTree(), []);
  return { tree, error, reload };
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
