import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Grid, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined, PrinterOutlined, SwapOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { TransferStatus } from '../../../../common/contracts/transfers.ts';
import { TRANSFER_STATUSES } from '../../../../common/enums.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { transferStatusColor } from '../transfers/status.ts';
import { useMember } from './api.ts';
import { Honours } from '../commendations/Honours.tsx';
import TransferStartModal from './TransferStartModal.tsx';

/** A member's full record and transfer history; the place to start a 组织关系转接. */
export default function MemberDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: number;
  onClose(): void;
  onEdit(id: number): void;
}) {
  const { can } = useAuth();
  const screens = Grid.useBreakpoint();
  const member = useMember(id);
  const m = member.data;
  const [transfer, setTransfer] = useState(false);
  const navigate = useNavigate();

  const open = m?.transfers.some((t) => t.status === 'pending_out' || t.status === 'pending_in');
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={m ? `党员档案:${m.name}` : '党员档案'}
      extra={
        m && (
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/members/${m.id}/print`)}>
              打印
            </Button>
            {can('transfer.create') && m.status === '正常' && (
              <Button
                icon={<SwapOutlined />}
                disabled={open}
                title={open ? '已有在办的转接申请' : undefined}
                onClick={() => setTransfer(true)}
              >
                发起转接
              </Button>
            )}
            {can('member.write') && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => onEdit(m.id)}>
                编辑
              </Button>
            )}
          </Space>
        )
      }
    >
      <ErrorAlert error={member.error} />
      {member.isPending && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      )}
      {m && (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            styles={{ label: { width: 104, whiteSpace: 'nowrap' } }}
          >
            <Descriptions.Item label="姓名">{m.name}</Descriptions.Item>
            <Descriptions.Item label="性别">{m.gender ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="民族">{m.ethnicity ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{fmtDate(m.birthDate) || '—'}</Descriptions.Item>
            <Descriptions.Item label="身份证号" span={2}>
              <Typography.Text copyable>{m.idNumber}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="手机">{m.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="学历">{m.education ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="所在组织" span={2}>
              {m.orgName}
            </Descriptions.Item>
            <Descriptions.Item label="入党日期">{fmtDate(m.joinDate) || '—'}</Descriptions.Item>
            <Descriptions.Item label="转正日期">{fmtDate(m.fullDate) || '—'}</Descriptions.Item>
            <Descriptions.Item label="正式/预备">{m.memberType}</Descriptions.Item>
            <Descriptions.Item label="党员类别">{m.category}</Descriptions.Item>
            <Descriptions.Item label="状态">{m.status}</Descriptions.Item>
            <Descriptions.Item label="拼音首字母">{m.initials}</Descriptions.Item>
          </Descriptions>
          <Honours kind="members" id={m.id} />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            组织关系转接记录
          </Typography.Title>
          {m.transfers.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无转接记录" />
          ) : (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={m.transfers}
              columns={[
                { title: '转出组织', dataIndex: 'fromName' },
                { title: '接收组织', dataIndex: 'toName' },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 130,
                  render: (s: TransferStatus) => <Tag color={transferStatusColor(s)}>{TRANSFER_STATUSES[s]}</Tag>,
                },
                { title: '发起时间', dataIndex: 'createdAt', width: 150, render: fmtTime },
              ]}
            />
          )}
        </>
      )}
      {transfer && m && (
        <TransferStartModal member={m} onClose={() => setTransfer(false)} onDone={() => setTransfer(false)} />
      )}
    </Drawer>
  );
}
