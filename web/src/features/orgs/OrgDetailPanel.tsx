import { useState } from 'react';
import { Link } from 'react-router';
import {
  App,
  Button,
  Card,
  Descriptions,
  Dropdown,
  Empty,
  Grid,
  Space,
  Spin,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import {
  DeleteOutlined,
  DownOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  SwapOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { OrgNode } from '../../../../common/contracts/orgs.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAuth } from '../../lib/session.tsx';
import { fmtTime } from '../../lib/format.ts';
import ModelYears from '../standards/ModelYears.tsx';
import { useOrgDetail, useOrgHistory } from './api.ts';
import { Honours } from '../commendations/Honours.tsx';
import { DissolveModal, MergeModal, MoveModal, OrgFormModal, SecretaryModal } from './OrgModals.tsx';

type ModalKind = 'create' | 'edit' | 'move' | 'merge' | 'dissolve' | 'secretary' | null;

/** One node: its facts, counts and 沿革, and (with org.write) the actions on it. */
export default function OrgDetailPanel({
  id,
  tree,
  onChanged,
}: {
  id: number;
  tree: OrgNode | null;
  onChanged(next?: number): void;
}) {
  const { can, me } = useAuth();
  // A 党员 reads only their own record: a link to 104 names would open a list of one.
  const rosterLink = can('member.read') && me?.user.role !== 'member';
  const { message } = App.useApp();
  const detail = useOrgDetail(id);
  const history = useOrgHistory(id).data?.items;
  const [modal, setModal] = useState<ModalKind>(null);
  const wide = !!Grid.useBreakpoint().lg; // on narrow screens the actions go under the title

  // The modals refresh what they changed; the page only follows a new or merged-into node.
  const done = (msg: string, next?: number) => {
    setModal(null);
    message.success(msg);
    onChanged(next);
  };

  const org = detail.data;
  if (detail.error) return <ErrorAlert error={detail.error} style={{ marginBottom: 0 }} />;
  if (!org)
    return (
      <Card>
        <div style={{ textAlign: 'center', padding: 32 }}>
          <Spin />
        </div>
      </Card>
    );

  const writable = can('org.write') && org.status === '正常';
  const isRoot = tree?.id === org.id;
  const more = {
    items: [
      { key: 'move', icon: <SwapOutlined />, label: '调整隶属关系', disabled: isRoot },
      { key: 'merge', icon: <MergeCellsOutlined />, label: '合并到其他组织', disabled: isRoot },
      { type: 'divider' as const },
      { key: 'dissolve', icon: <DeleteOutlined />, label: '撤销组织', danger: true, disabled: isRoot },
    ],
    onClick: ({ key }: { key: string }) => setModal(key as ModalKind),
  };

  const actions = writable ? (
    <Space wrap size={6}>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setModal('create')}>
        新建下级
      </Button>
      <Button size="small" icon={<EditOutlined />} onClick={() => setModal('edit')}>
        编辑
      </Button>
      <Button size="small" icon={<UserSwitchOutlined />} onClick={() => setModal('secretary')}>
        设置书记
      </Button>
      <Dropdown menu={more}>
        <Button size="small">
          更多 <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  ) : null;

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span style={{ fontWeight: 600 }}>{org.name}</span>
          <Tag>{org.type}</Tag>
          {org.status !== '正常' && <Tag color="default">{org.status}</Tag>}
        </Space>
      }
      extra={wide && actions}
    >
      {!wide && actions && <div style={{ marginBottom: 8 }}>{actions}</div>}
      <Tabs
        size="small"
        items={[
          {
            key: 'info',
            label: '基本信息',
            children: (
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, sm: 2 }}
                styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
              >
                <Descriptions.Item label="组织名称">{org.name}</Descriptions.Item>
                <Descriptions.Item label="简称">{org.shortName || '—'}</Descriptions.Item>
                <Descriptions.Item label="组织编码">{org.code}</Descriptions.Item>
                <Descriptions.Item label="组织类型">{org.type}</Descriptions.Item>
                <Descriptions.Item label="上级组织">{org.parent ? org.parent.name : '—'}</Descriptions.Item>
                <Descriptions.Item label="书记">
                  {org.secretary ? org.secretary.name : <Typography.Text type="secondary">未设置</Typography.Text>}
                </Descriptions.Item>
                <Descriptions.Item label="直属下级组织">{org.counts.children} 个</Descriptions.Item>
                <Descriptions.Item label="全部下级组织">{org.counts.descendants} 个</Descriptions.Item>
                <Descriptions.Item label="党员总数">
                  {rosterLink ? (
                    <Link to={`/members?orgId=${org.id}`} title="查看该组织及下级组织的党员名册">
                      {org.counts.members} 名
                    </Link>
                  ) : (
                    `${org.counts.members} 名`
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="直属党员">{org.counts.directMembers} 名</Descriptions.Item>
                <Descriptions.Item label="状态">{org.status}</Descriptions.Item>
                <Descriptions.Item label="排序号">{org.sortOrder}</Descriptions.Item>
                <Descriptions.Item label="示范点">
                  <ModelYears orgId={org.id} />
                </Descriptions.Item>
              </Descriptions>
            ),
          },
          { key: 'honours', label: '表彰', children: <Honours kind="orgs" id={org.id} /> },
          {
            key: 'history',
            label: `沿革${history?.length ? `(${history.length})` : ''}`,
            children: history?.length ? (
              <Timeline
                items={history.map((h) => ({
                  content: (
                    <div>
                      <div>
                        <Tag>{h.action}</Tag>
                        {h.detail}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmtTime(h.at)}
                        {h.actor ? ` · ${h.actor}` : ''}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty description="暂无沿革记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ),
          },
        ]}
      />
      {modal === 'create' && (
        <OrgFormModal parent={org} onClose={() => setModal(null)} onDone={(newId) => done('组织已新建', newId)} />
      )}
      {modal === 'edit' && (
        <OrgFormModal org={org} onClose={() => setModal(null)} onDone={() => done('组织信息已保存')} />
      )}
      {modal === 'move' && <MoveModal org={org} onClose={() => setModal(null)} onDone={() => done('隶属关系已调整')} />}
      {modal === 'merge' && <MergeModal org={org} onClose={() => setModal(null)} onDone={(t, msg) => done(msg, t)} />}
      {modal === 'dissolve' && (
        <DissolveModal
          org={org}
          onClose={() => setModal(null)}
          onDone={() => done('组织已撤销', org.parentId ?? undefined)}
        />
      )}
      {modal === 'secretary' && (
        <SecretaryModal org={org} onClose={() => setModal(null)} onDone={() => done('书记已更新')} />
      )}
    </Card>
  );
}
