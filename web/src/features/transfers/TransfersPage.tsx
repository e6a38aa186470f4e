import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Card, Grid, Space, Tabs, Tag, type TableColumnsType } from 'antd';
import type { Transfer } from '../../../../common/contracts/transfers.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { useAuth } from '../../lib/session.tsx';
import { fmtTime } from '../../lib/format.ts';
import { TRANSFER_CHANGES, transferKeys, transfersApi, useTransfersTodo } from './api.ts';
import { transferStatusColor } from './status.ts';
import { DecisionModal, TransferDetailDrawer } from './TransferDialogs.tsx';

/** 组织关系转接: 待我审批 (the caller's step) and 全部 (everything the caller takes part in). */
export default function TransfersPage() {
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md; // on a phone the action column scrolls with the row
  const [params, setParams] = useSearchParams();
  const box = params.get('box') === 'all' ? ('all' as const) : ('todo' as const);
  const [page, setPage] = useState(1);
  const [detail, setDetail] = useState<number | null>(null);
  const [decide, setDecide] = useState<{ t: Transfer; kind: 'approve' | 'reject' } | null>(null);
  const qc = useQueryClient();
  const query = { box, page, pageSize: 20 };
  const list = useQuery({
    queryKey: transferKeys.list(query),
    queryFn: () => transfersApi.list(query),
    placeholderData: keepPreviousData,
  });
  const todo = useTransfersTodo(true);
  const revokeMutation = useMutation({
    mutationFn: (t: Transfer) => transfersApi.revoke(t.id),
    onSuccess: () => {
      message.success('申请已撤销');
      for (const queryKey of TRANSFER_CHANGES) void qc.invalidateQueries({ queryKey });
    },
    onError: (e) => message.error(e.message),
  });

  const mine = (t: Transfer) =>
    (t.status === 'pending_out' && t.mySides.includes('approver')) ||
    (t.status === 'pending_in' && t.mySides.includes('in'));

  const revoke = (t: Transfer) =>
    modal.confirm({
      title: '确认撤销此转接申请?',
      content: `党员 ${t.member.name} 转往「${t.to.name}」的申请将被撤销。`,
      okText: '撤销申请',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => revokeMutation.mutateAsync(t).catch(() => undefined),
    });

  const columns: TableColumnsType<Transfer> = [
    { title: '编号', dataIndex: 'id', width: 64, responsive: ['md'] },
    { title: '党员', dataIndex: ['member', 'name'], width: 90 },
    { title: '转出组织', dataIndex: ['from', 'name'], width: 200, ellipsis: true },
    { title: '接收组织', dataIndex: ['to', 'name'], width: 200, ellipsis: true },
    { title: '审批组织', dataIndex: ['approver', 'name'], width: 200, ellipsis: true, responsive: ['lg'] },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 150,
      render: (v, t) => <Tag color={transferStatusColor(t.status)}>{v}</Tag>,
    },
    { title: '发起时间', dataIndex: 'createdAt', width: 160, render: fmtTime, responsive: ['md'] },
    {
      title: '操作',
      key: 'op',
      width: 170,
      fixed: narrow ? undefined : 'right',
      render: (_, t) => (
        <Space size={10}>
          <a onClick={() => setDetail(t.id)}>详情</a>
          {can('transfer.approve') && mine(t) && (
            <a onClick={() => setDecide({ t, kind: 'approve' })}>{t.status === 'pending_in' ? '接收' : '通过'}</a>
          )}
          {can('transfer.approve') && mine(t) && (
            <a style={{ color: '#cf1322' }} onClick={() => setDecide({ t, kind: 'reject' })}>
              退回
            </a>
          )}
          {can('transfer.create') &&
            t.mySides.includes('out') &&
            (t.status === 'pending_out' || t.status === 'pending_in') && <a onClick={() => revoke(t)}>撤销</a>}
        </Space>
      ),
    },
  ];

  return (
    <Card size="small" title="组织关系转接">
      <Tabs
        activeKey={box}
        onChange={(k) => {
          setPage(1);
          setParams(k === 'all' ? { box: 'all' } : {}, { replace: true });
        }}
        items={[
          {
            key: 'todo',
            label: <span>待我审批 {todo.data?.total ? <Badge count={todo.data.total} size="small" /> : null}</span>,
          },
          { key: 'all', label: '全部' },
        ]}
      />
      <ListTable<Transfer>
        query={list}
        columns={columns}
        locale={{ emptyText: box === 'todo' ? '暂无待审批的转接申请' : '暂无转接申请' }}
        page={page}
        pageSize={20}
        totalText={(n) => `共 ${n} 条`}
        onPageChange={setPage}
      />
      {detail !== null && <TransferDetailDrawer id={detail} onClose={() => setDetail(null)} />}
      {decide && (
        <DecisionModal
          transfer={decide.t}
          kind={decide.kind}
          onClose={() => setDecide(null)}
          onDone={() => setDecide(null)}
        />
      )}
    </Card>
  );
}
