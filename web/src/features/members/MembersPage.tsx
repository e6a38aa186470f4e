import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Grid, Input, Row, Select, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Member, MemberQuery } from '../../../../common/contracts/members.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { totalLabel, usePageCursors } from '../../components/usePageCursors.ts';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate } from '../../lib/format.ts';
import { OrgTreeSelect, useOrgTree } from '../../components/orgTree.tsx';
import OrgTreePanel from '../orgs/OrgTreePanel.tsx';
import { MEMBER_CATEGORIES, MEMBER_STATUSES, MEMBER_TYPES } from '../../../../common/enums.ts';
import ExcelToolbar from '../excel/ExcelToolbar.tsx';
import { memberKeys, membersApi } from './api.ts';
import MemberDrawer from './MemberDrawer.tsx';
import MemberFormModal from './MemberFormModal.tsx';

/** The filters as they stand in the URL (`?orgId=3&category=在职`), read back into the contract's query. */
function filterOf(params: URLSearchParams): MemberQuery {
  const f: MemberQuery = {};
  const orgId = Number(params.get('orgId'));
  if (orgId) f.orgId = orgId;
  const q = params.get('q');
  if (q) f.q = q;
  const pick = <K extends 'category' | 'memberType' | 'status'>(k: K, values: readonly MemberQuery[K][]) => {
    const v = params.get(k);
    if (v && values.includes(v as MemberQuery[K])) f[k] = v as MemberQuery[K];
  };
  pick('category', MEMBER_CATEGORIES);
  pick('memberType', MEMBER_TYPES);
  pick('status', MEMBER_STATUSES);
  return f;
}

/** 党员管理: filters live in the URL, so a reload or a return after login shows the same list. */
export default function MembersPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [viewing, setViewing] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const screens = Grid.useBreakpoint();
  const wide = !!screens.xxl; // a tree beside the table on wide screens (≥1600px), a picker above it otherwise
  const { tree } = useOrgTree();

  const filter = useMemo(() => filterOf(params), [params]);
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const cursors = usePageCursors(JSON.stringify([filter, pageSize]));
  const cursor = cursors.cursorFor(page);
  const query = cursor ? { ...filter, pageSize, cursor } : { ...filter, page, pageSize };
  // The previous page stays on screen (greyed by `loading`) while the next one loads.
  const list = useQuery({
    queryKey: memberKeys.list(query),
    queryFn: async () => {
      const r = await membersApi.list(query);
      cursors.remember(page, r.nextCursor);
      return r;
    },
    placeholderData: keepPreviousData,
  });

  const set = (patch: Record<string, string | number | null | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<Member> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 90,
      fixed: 'left',
      render: (v, r) => <a onClick={() => setViewing(r.id)}>{v}</a>,
    },
    { title: '性别', dataIndex: 'gender', width: 56 },
    { title: '出生日期', dataIndex: 'birthDate', width: 124, render: fmtDate, responsive: ['md'] },
    { title: '身份证号', dataIndex: 'idNumber', width: 180, responsive: ['lg'] },
    { title: '手机', dataIndex: 'phone', width: 120, responsive: ['lg'] },
    { title: '学历', dataIndex: 'education', width: 90, responsive: ['xl'] },
    { title: '所在组织', dataIndex: 'orgName', width: 220, ellipsis: true, responsive: ['sm'] },
    { title: '入党日期', dataIndex: 'joinDate', width: 124, render: fmtDate, responsive: ['md'] },
    { title: '类别', dataIndex: 'category', width: 90, responsive: ['md'] },
    {
      title: '正式/预备',
      dataIndex: 'memberType',
      width: 84,
      render: (v) => <Tag color={v === '预备' ? 'orange' : undefined}>{v}</Tag>,
    },
    {
      title: '操作',
      key: 'op',
      width: can('member.write') ? 100 : 60,
      fixed: 'right',
      render: (_, r) => (
        <Space size={8}>
          <a onClick={() => setViewing(r.id)}>查看</a>
          {can('member.write') && <a onClick={() => setEditing(r.id)}>编辑</a>}
        </Space>
      ),
    },
  ];

  const card = (
    <Card
      size="small"
      title="党员管理"
      extra={
        <Space wrap>
          {can('member.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              新增党员
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        {!wide && (
          <Col xs={24} md={12} lg={6}>
            <OrgTreeSelect
              style={{ width: '100%' }}
              value={filter.orgId}
              onChange={(v) => set({ orgId: v as number | undefined })}
              placeholder="全部组织(可选择组织查看其下党员)"
              aria-label="所在组织"
            />
          </Col>
        )}
        <Col xs={24} md={12} lg={wide ? 8 : 7}>
          <Input.Search
            placeholder="姓名、拼音首字母(如 zsm)或身份证后4位"
            allowClear
            enterButton="查询"
            value={qInput}
            onChange={(e) => {
              setQInput(e.target.value);
              if (!e.target.value) set({ q: null });
            }}
            onSearch={(v) => set({ q: v.trim() })}
            aria-label="搜索党员"
          />
        </Col>
        <Col xs={8} lg={3}>
          <Select
            style={{ width: '100%' }}
            allowClear
            placeholder="党员类别"
            value={filter.category}
            onChange={(v) => set({ category: v })}
            options={MEMBER_CATEGORIES.map((v) => ({ value: v, label: v }))}
          />
        </Col>
        <Col xs={8} lg={3}>
          <Select
            style={{ width: '100%' }}
            allowClear
            placeholder="正式/预备"
            value={filter.memberType}
            onChange={(v) => set({ memberType: v })}
            options={MEMBER_TYPES.map((v) => ({ value: v, label: v }))}
          />
        </Col>
        <Col xs={8} lg={3}>
          <Select
            style={{ width: '100%' }}
            placeholder="状态"
            value={filter.status ?? '正常'}
            onChange={(v) => set({ status: v === '正常' ? null : v })}
            options={MEMBER_STATUSES.map((v) => ({ value: v, label: v }))}
          />
        </Col>
        <Col xs={24} lg={2}>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} block>
            刷新
          </Button>
        </Col>
      </Row>
      <div style={{ marginBottom: 12 }}>
        <ExcelToolbar kind="members" canImport={can('member.write')} exportQuery={filter} />
      </div>
      <ListTable<Member>
        query={list}
        columns={columns}
        page={page}
        pageSize={pageSize}
        sizeChanger
        totalText={(t, approx) => totalLabel(t, approx, '名党员')}
        onPageChange={(p, s) => set({ page: p === 1 ? null : p, pageSize: s === 20 ? null : s }, false)}
      />
      {viewing !== null && (
        <MemberDrawer
          id={viewing}
          onClose={() => setViewing(null)}
          onEdit={(id) => {
            setViewing(null);
            setEditing(id);
          }}
        />
      )}
      {editing !== null && (
        <MemberFormModal
          id={editing === 'new' ? null : editing}
          defaultOrgId={filter.orgId}
          onClose={() => setEditing(null)}
          onDone={() => setEditing(null)}
        />
      )}
    </Card>
  );
  if (!wide) return card;
  return (
    <Row gutter={12} wrap={false}>
      <Col flex="340px">
        <Card
          size="small"
          title="按组织查看"
          extra={filter.orgId ? <a onClick={() => set({ orgId: null })}>全部</a> : null}
        >
          <OrgTreePanel
            tree={tree}
            selected={filter.orgId}
            onSelect={(id) => set({ orgId: id === tree?.id ? null : id })}
            height={Math.max(360, window.innerHeight - 260)}
          />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {card}
      </Col>
    </Row>
  );
}
