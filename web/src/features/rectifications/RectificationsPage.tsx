import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Dropdown, Grid, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import type { RectItem } from '../../../../common/contracts/rectifications.ts';
import { type RECT_SIDES, RECT_SOURCES, RECT_STATUSES, type RectStatus } from '../../../../common/enums.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { rectApi, rectKeys } from './api.ts';
import { rectFilters } from './filters.ts';
import { AssignModal } from './AssignModal.tsx';
import ItemDrawer, { statusColor } from './ItemDrawer.tsx';

type Side = (typeof RECT_SIDES)[number];

/** 问题整改台账: filters in the URL, 交办, detail with 销号 / 回头看, print, .xlsx/.docx, per-org summary. */
export default function RectificationsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const f = rectFilters(params);
  const page = Number(params.get('page') ?? 1) || 1;
  const open = Number(params.get('item') ?? 0) || null;
  const set = (k: string, v: string | number | boolean | undefined) => {
    const p = new URLSearchParams(params);
    if (v === undefined || v === '') p.delete(k);
    else p.set(k, String(v));
    if (k !== 'page' && k !== 'item') p.delete('page');
    setParams(p, { replace: k === 'item' });
  };
  const query = { ...f, page, pageSize: 20 };
  const list = useQuery({
    queryKey: rectKeys.list(query),
    queryFn: () => rectApi.list(query),
    placeholderData: keepPreviousData,
  });
  const { status: _s, ...summaryQuery } = f;
  const summary = useQuery({ queryKey: rectKeys.summary(summaryQuery), queryFn: () => rectApi.summary(summaryQuery) });
  // The units that have items in scope: the unit filter offers these, not 3,000 orgs.
  const units = useQuery({ queryKey: rectKeys.summary({}), queryFn: () => rectApi.summary({}) });
  const exportLedger = useAction(() => rectApi.downloadLedger(f));
  const exportDocx = useAction(() => rectApi.downloadLedgerDocx(f));
  const exportSummary = useAction(() => rectApi.downloadSummary(summaryQuery));
  const error = summary.error; // the list shows its own
  const thisYear = new Date().getFullYear();
  const printQs = new URLSearchParams(
    Object.entries(f).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  ).toString();

  return (
    <Card
      title="问题整改台账"
      extra={
        <Space wrap size={4}>
          {can('rectification.approve') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => set('item', 'new')}>
              交办
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/rectifications/print?${printQs}`)}>
            {narrow ? '' : '打印'}
          </Button>
          <Dropdown
            menu={{
              items: [
                { key: 'xlsx', label: '台账(Excel)', onClick: () => exportLedger.mutate() },
                { key: 'docx', label: '台账(Word)', onClick: () => exportDocx.mutate() },
                { key: 'sum', label: '按单位汇总(Excel)', onClick: () => exportSummary.mutate() },
              ],
            }}
          >
            <Button loading={exportLedger.isPending || exportDocx.isPending || exportSummary.isPending}>导出</Button>
          </Dropdown>
        </Space>
      }
    >
      {error && <Alert type="error" title={error.message} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect label="状态" value={f.status} onChange={(v) => set('status', v)} options={RECT_STATUSES} />
        <FilterSelect label="来源" value={f.source} onChange={(v) => set('source', v)} options={RECT_SOURCES} />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="整改单位"
          aria-label="整改单位"
          style={{ width: 180 }}
          value={f.orgId}
          onChange={(v) => set('orgId', v)}
          options={(units.data?.items ?? []).map((u) => ({ value: u.orgId, label: u.orgName }))}
        />
        <FilterSelect
          label="是否逾期"
          width={110}
          value={f.overdue === undefined ? undefined : String(f.overdue)}
          onChange={(v) => set('overdue', v)}
          options={{ true: '已逾期', false: '未逾期' }}
        />
        <Select<number>
          allowClear
          placeholder="年度"
          aria-label="年度"
          style={{ width: 100 }}
          value={f.year}
          onChange={(v) => set('year', v)}
          options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${thisYear - d}年` }))}
        />
        <FilterSelect<Side>
          label="身份"
          width={110}
          value={f.side}
          onChange={(v) => set('side', v)}
          options={{ 整改方: '本单位整改', 交办方: '本单位交办' }}
        />
        <Input.Search
          allowClear
          placeholder="问题关键词"
          aria-label="问题关键词"
          defaultValue={f.q}
          style={{ width: 200 }}
          onSearch={(v) => set('q', v.trim() || undefined)}
        />
      </Space>
      <Tabs
        items={[
          {
            key: 'list',
            label: '台账',
            children: (
              <ListTable<RectItem>
                query={list}
                page={page}
                onPageChange={(p) => set('page', p)}
                size={narrow ? 'small' : 'middle'}
                // On a phone the columns shrink to the screen (problem text wraps) instead of scrolling.
                scroll={narrow ? undefined : { x: 'max-content' }}
                onRow={(r) => ({
                  onClick: () => set('item', r.id),
                  style: { cursor: 'pointer', background: r.overdue ? '#fff1f0' : undefined },
                })}
                columns={[
                  { title: '编号', dataIndex: 'id', width: 64, responsive: ['md'] },
                  { title: '整改单位', dataIndex: ['org', 'name'], width: narrow ? 96 : 160, ellipsis: true },
                  {
                    title: '问题',
                    dataIndex: 'problem',
                    render: (p: string, r) => (
                      <>
                        {p}
                        {narrow && r.overdue && (
                          <Tag color="red" style={{ marginLeft: 4 }}>
                            逾期
                          </Tag>
                        )}
                      </>
                    ),
                  },
                  { title: '来源', dataIndex: 'source', width: 80, responsive: ['lg'] },
                  {
                    title: '完成时限',
                    dataIndex: 'deadlineDate',
                    width: 150,
                    render: (d, r) => (
                      <span style={{ color: r.overdue ? '#cf1322' : undefined }}>
                        {d ? fmtDate(d) : '—'}
                        {r.overdue ? '(逾期)' : ''}
                      </span>
                    ),
                    responsive: ['md'],
                  },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    width: 88,
                    render: (s: RectStatus) => <Tag color={statusColor(s)}>{s}</Tag>,
                  },
                  {
                    title: '反弹',
                    dataIndex: 'reboundCount',
                    width: 60,
                    responsive: ['md'],
                    render: (n) => (n ? <Tag color="red">{n}</Tag> : 0),
                  },
                ]}
              />
            ),
          },
          {
            key: 'summary',
            label: '按单位汇总',
            children: (
              <Table
                rowKey="orgId"
                size="small"
                dataSource={summary.data?.items}
                loading={summary.isFetching}
                pagination={false}
                scroll={{ x: 640 }}
                onRow={(r) => ({ onClick: () => set('orgId', r.orgId), style: { cursor: 'pointer' } })}
                columns={[
                  { title: '单位', dataIndex: 'orgName', fixed: 'left', width: 140, ellipsis: true },
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
      {open && <ItemDrawer id={open} onClose={() => set('item', undefined)} />}
      {params.get('item') === 'new' && <AssignModal onClose={() => set('item', undefined)} />}
    </Card>
  );
}
