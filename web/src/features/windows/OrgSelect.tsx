import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

type Node = { id: number; name: string; children?: Node[] };
type Opt = { value: number; title: string; children?: Opt[] };
const toTree = (n: Node): Opt => ({ value: n.id, title: n.name, children: n.children?.map(toTree) });

/** The caller's org subtree as a searchable tree select (the scope decides what is offered). */
export function OrgSelect(props: {
  value?: number;
  onChange?: (v: number) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}) {
  const tree = useQuery({
    queryKey: ['windows', 'orgTree'],
    queryFn: () => api.get<Node>('/api/orgs/tree'),
    staleTime: 300_000,
  });
  return (
    <TreeSelect
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll={false}
      placeholder={props.placeholder ?? '选择单位'}
      loading={tree.isLoading}
      treeData={tree.data ? [toTree(tree.data)] : []}
      {...props}
    />
  );
}
