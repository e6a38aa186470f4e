import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Drawer, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { keys, orglife } from './api.ts';
import CaseDrawer from './CaseDrawer.tsx';
import { BranchSelect } from './model.tsx';
import { AttendanceHistory } from './MyOrgLifePage.tsx';

const level = (m: number) =>
  m >= 6
    ? { color: 'red', label: '处置' }
    : m >= 5
      ? { color: 'volcano', label: '警示' }
      : m >= 3
        ? { color: 'orange', label: '提醒' }
        : { color: 'default', label: '' };

/**
 * 连续缺席党员: members by consecutive months without any organizational life (请假 pauses), the
 * 3/5-month warnings and the 6-month cases the branch handles (谈话, 通知本人, 支部大会决定).
 */
export default function AbsencesPage() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const min = Number(params.get('minMonths') ?? 3);
  const tab = params.get('case') ? 'cases' : (params.get('tab') ?? 'list');
  const [page, setPage] = useState(1);
  const [member, setMember] = useState<number | null>(null);
  const caseId = params.get('case') ? Number(params.get('case')) : null;
  const set = (k: string, v: string | number | undefined | null) => {
    const n = new URLSearchParams(params);
    v == null ? n.delete(k) : n.set(k, String(v));
    setParams(n);
  };
  const f = { orgId, minMonths: min, page, pageSize: 20 };
  const list = useQuery({ queryKey: keys.absences(f), queryFn: () => orglife.absences(f) });
  const cf = { orgId, pageSize: 50 };
  const cases = useQuery({ queryKey: keys.cases(cf), queryFn: () => orglife.cases(cf) });
  const history = useQuery({
    queryKey: keys.member(member ?? 0),
    queryFn: () => orglife.memberAttendance(member!),
    enabled: !!member,
  });

  return (
    <Card title="连续未参加组织生活的党员">
      <Space wrap style={{ marginBottom: 12 }}>
        <BranchSelect anyOrg value={orgId} onChange={(v) => set('orgId', v)} placeholder="全部(本人管辖范围)" />
        <Segmented
          value={min}
          onChange={(v) => {
            setPage(1);
            set('minMonths', v as number);
          }}
          options={[
            { value: 1, label: '全部' },
            { value: 3, label: '3个月以上' },
            { value: 6, label: '6个月以上' },
          ]}
        />
      </Space>
      <Typography.Paragraph type="secondary">
        按签到记录计算:当月应参加会议而未参加即计一个月;书记登记了请假的月份、当月没有应参加的会议,不计入也不中断。连续
        3 个月、5 个月提醒支部书记,连续 6 个月生成处置事项(党章:连续六个月不参加党的组织生活,由支部大会研究决定)。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          set('case', null);
          set('tab', k);
        }}
        items={[
          {
            key: 'list',
            label: `连续缺席(${list.data?.total ?? 0})`,
            children: list.error ? (
              <Alert type="error" showIcon title={(list.error as Error).message} />
            ) : (
              <Table
                size="small"
                rowKey="memberId"
                loading={list.isLoading}
                dataSource={list.data?.items}
                scroll={{ x: 720 }}
                pagination={{
                  current: page,
                  pageSize: 20,
                  total: list.data?.total,
                  onChange: setPage,
                  showSizeChanger: false,
                }}
                onRow={(r) => ({ onClick: () => setMember(r.memberId), style: { cursor: 'pointer' } })}
                columns={[
                  { title: '姓名', dataIndex: 'name', width: 90 },
                  { title: '所在支部', dataIndex: 'orgName' },
                  { title: '类别', dataIndex: 'category', width: 80 },
                  {
                    title: '连续月数',
                    dataIndex: 'months',
                    width: 120,
                    render: (m: number) => (
                      <Space size={4}>
                        <b>{m}</b>
                        {level(m).label && <Tag color={level(m).color}>{level(m).label}</Tag>}
                      </Space>
                    ),
                  },
                  { title: '自', dataIndex: 'sinceMonth', width: 90 },
                  {
                    title: '最近一次参加',
                    dataIndex: 'lastAttendedDate',
                    width: 120,
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: '处置',
                    dataIndex: 'caseId',
                    width: 90,
                    render: (c: number | null) =>
                      c ? (
                        <a
                          onClick={(e) => {
                            e.stopPropagation();
                            set('case', c);
                          }}
                        >
                          查看
                        </a>
                      ) : (
                        ''
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'cases',
            label: `处置事项(${cases.data?.items.filter((c) => c.status === '处理中').length ?? 0} 件处理中)`,
            children: (
              <Table
                size="small"
                rowKey="id"
                loading={cases.isLoading}
                dataSource={cases.data?.items}
                scroll={{ x: 680 }}
                onRow={(c) => ({ onClick: () => set('case', c.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: '党员', dataIndex: ['member', 'name'], width: 90 },
                  { title: '支部', dataIndex: ['org', 'name'] },
                  { title: '缺席自', dataIndex: 'sinceMonth', width: 90 },
                  { title: '当前连续月数', dataIndex: 'currentMonths', width: 110 },
                  { title: '谈话', dataIndex: 'talk', width: 70, render: (t) => (t ? '✓' : '') },
                  { title: '通知本人', dataIndex: 'notified', width: 80, render: (t) => (t ? '✓' : '') },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    width: 90,
                    render: (s: string) => <Tag color={s === '已办结' ? 'green' : 'orange'}>{s}</Tag>,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <Drawer
        title="参加组织生活情况"
        width={Math.min(640, window.innerWidth)}
        open={!!member}
        onClose={() => setMember(null)}
      >
        {history.data && <AttendanceHistory a={history.data} />}
      </Drawer>
      {caseId && <CaseDrawer id={caseId} onClose={() => set('case', null)} />}
    </Card>
  );
}
