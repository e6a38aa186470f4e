import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import { api, download } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { fmtDate } from '../../lib/format.ts';
import ItemDrawer, { statusColor, type Item } from './ItemDrawer.tsx';

const STATUSES = ['整改中', '申请销号', '已销号'];
const SOURCES = ['点评', '巡视巡察', '督查', '民主评议', '好差评', '标准化', '任务逾期', '其他'];

/** 问题整改台账: filters, detail with 销号 / 回头看, .xlsx export, per-organization summary. */
export default function RectificationsPage() {
  const [status, setStatus] = useState<string>();
  const [source, setSource] = useState<string>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<Item> | null>(null);
  const [summary, setSummary] = useState<any[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const load = useCallback(async () => {
    try {
      setData(await api.get('/api/rectifications', { status, source, page, pageSize: 20 }));
      setSummary((await api.get('/api/rectifications/summary', { source })).items);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [status, source, page]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Card
      title="问题整改台账"
      extra={
        <Space wrap>
          <Button onClick={() => download('/api/rectifications/export.xlsx', { status, source }, '问题整改台账.xlsx')}>
            导出台账
          </Button>
          <Button onClick={() => download('/api/rectifications/summary.xlsx', { source }, '整改情况汇总.xlsx')}>
            导出汇总
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" message={error} />}
      <Tabs
        items={[
          {
            key: 'list',
            label: '台账',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Select
                    allowClear
                    placeholder="状态"
                    aria-label="状态"
                    style={{ width: 120 }}
                    value={status}
                    onChange={(v) => {
                      setStatus(v);
                      setPage(1);
                    }}
                    options={STATUSES.map((s) => ({ value: s, label: s }))}
                  />
                  <Select
                    allowClear
                    placeholder="来源"
                    aria-label="来源"
                    style={{ width: 120 }}
                    value={source}
                    onChange={(v) => {
                      setSource(v);
                      setPage(1);
                    }}
                    options={SOURCES.map((s) => ({ value: s, label: s }))}
                  />
                </Space>
                <Table
                  rowKey="id"
                  dataSource={data?.items}
                  loading={!data && !error}
                  scroll={{ x: true }}
                  pagination={{
                    current: page,
                    total: data?.total,
                    pageSize: 20,
                    onChange: setPage,
                    showTotal: (n) => `共 ${n} 项`,
                  }}
                  onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '编号', dataIndex: 'id', width: 64 },
                    { title: '整改单位', dataIndex: ['org', 'name'], width: 140 },
                    { title: '问题', dataIndex: 'problem' },
                    { title: '来源', dataIndex: 'source', width: 80 },
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
                      render: (s) => <Tag color={statusColor(s)}>{s}</Tag>,
                    },
                    {
                      title: '反弹',
                      dataIndex: 'reboundCount',
                      width: 60,
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
                dataSource={summary}
                pagination={false}
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
      {open && (
        <ItemDrawer
          id={open}
          onClose={(changed) => {
            setOpen(null);
            if (changed) void load();
          }}
        />
      )}
    </Card>
  );
}
