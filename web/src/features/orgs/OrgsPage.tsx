import { useSearchParams } from 'react-router';
import { Card, Col, Grid, Row, Space } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useOrgTree } from '../../components/orgTree.tsx';
import { useAuth } from '../../lib/session.tsx';
import ExcelToolbar from '../excel/ExcelToolbar.tsx';
import OrgTreePanel from './OrgTreePanel.tsx';
import OrgDetailPanel from './OrgDetailPanel.tsx';

/** 组织机构: the caller's subtree on the left, the selected node's detail and actions on the right. */
export default function OrgsPage() {
  const { tree, error } = useOrgTree();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const selected = Number(params.get('id')) || tree?.id;
  const select = (id: number) => setParams({ id: String(id) }, { replace: true });

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={9} lg={7}>
        <Card
          size="small"
          title="组织树"
          extra={
            <Space size={4}>{tree && <span style={{ color: '#888', fontSize: 12 }}>管辖范围:{tree.name}</span>}</Space>
          }
        >
          <ErrorAlert error={error} style={{ marginBottom: 8 }} />
          <OrgTreePanel
            tree={tree}
            selected={selected}
            onSelect={select}
            height={screens.md ? Math.max(360, window.innerHeight - 250) : 320}
          />
        </Card>
      </Col>
      <Col xs={24} md={15} lg={17}>
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          {selected ? (
            <OrgDetailPanel
              id={selected}
              tree={tree}
              onChanged={(next) => {
                if (next) select(next);
              }}
            />
          ) : null}
          <Card size="small" title="批量导入导出(Excel)">
            <ExcelToolbar
              kind="orgs"
              canImport={can('org.write')}
              exportQuery={selected ? { parentId: selected } : {}}
            />
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
