import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { RECT_SOURCES, RECT_STATUSES, type RectSource, type RectStatus } from '../../../../common/enums.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { rectApi, rectKeys } from './api.ts';
import ItemDrawer, { statusColor } from './ItemDrawer.tsx';

/** 问题整改台账: filters, detail with 销号 / 回头看, .xlsx export, per-organization summary. */
export default function RectificationsPage() {
  const [status, setStatus] = useState<RectStatus>();
  const [source, setSource] = useState<RectSource>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const query = { status, source, page, pageSize: 20 };
  const list = useQuery({
    queryKey: rectKeys.list(query),
    queryFn: () => rectApi.list(query),
    placeholderData: keepPreviousData,
  });
  const summary = useQuery({ queryKey: rectKeys.summary({ source }), queryFn: () => rectApi.summary({ source }) });
  const exportLedger = useAction(() => rectApi.downloadLedger({ status, source }));
  const exportSummary = useAction(() => rectApi.downloadSummary({ source }));
  return (
    <Card
      title="问题整改台账"
      extra={
        <Space wrap>
          <Button loading={exportLedger.isPending} onClick={() => exportLedger.mutate()}>
            导出台账
          </Button>
          <Button loading={exportSummary.isPending} onClick={() => exportSummary.mutate()}>
            导出汇总
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={summary.error} />
      <Tabs
        items={[
          {
            key: 'list',
            label: '台账',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <FilterSelect
                    label="状态"
                    value={status}
                    onChange={(v) => {
                      setStatus(v);
                      setPage(1);
                    }}
                    options={RECT_STATUSES}
                  />
                  <FilterSelect
                    label="来源"
                    value={source}
                    onChange={(v) => {
                      setSource(v);
                      setPage(1);
                    }}
                    options={RECT_SOURCES}
                  />
                </Space>
                <ListTable
                  query={list}
                  page={page}
                  onPageChange={setPage}
                  onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '编号', dataIndex: 'id', width: 64 },
                    { title: '整改单位', dataIndex: ['org', 'name'], width: 140 },
                    { title: '问题', dataIndex: 'problem' },
                    { title: '来源', dataIndex: 'source', width: 80, responsive: ['sm'] },
                    {
                      title: '完成时限',
                      dataIndex: 'deadlineDate',
                      render: (d, r) => (
                        <span style={{ color: r.overdue ? '#cf1322' : undefined }}>
                          {fmtDate(d)}
                          {r.overdue ? '(逾期)' : ''}
                        </span>
                      ),
                      responsive: ['md'],
                    },
                    {
                      title: '状态',
                      dataIndex: 'status',
                      width: 90,
                      render: (s: RectStatus) => <Tag color={statusColor(s)}>{s}</Tag>,
                    },
                    {
                      title: '反弹',
                      dataIndex: 'reboundCount',
                      width: 60,
                      responsive: ['sm'],
                      render: (n) => (n ? <Tag color="red">{n}</Tag> : 0),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'summary',
            label: '按单位汇总',
            children: (
              <Table
                rowKey="orgId"
                dataSource={summary.data?.items}
                loading={summary.isFetching}
                pagination={false}
                scroll={{ x: true }}
                columns={[
                  { title: '单位', dataIndex: 'orgName' },
                  { title: '问题总数', dataIndex: 'total' },
                  { title: '整改中', dataIndex: 'open' },
                  { title: '申请销号', dataIndex: 'applying' },
                  { title: '已销号', dataIndex: 'closed' },
                  { title: '逾期', dataIndex: 'overdue' },
                  { title: '反弹', dataIndex: 'rebounds' },
                  { title: '销号率', dataIndex: 'closeRate', render: (v) => `${v}%` },
                ]}
              />
            ),
          },
        ]}
      />
      {open && <ItemDrawer id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
