import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { COMMITTEE_ROLES } from '../../../../common/enums.ts';
import { useAuth } from '../../lib/session.tsx';
import { DATE_FMT, fmtDate } from '../../lib/format.ts';
import { keys, orglife, refresh } from './api.ts';
import { BranchSelect } from './model.tsx';

/**
 * 支部班子与党小组: the 支委 (role, term) that make up a 支委会's 应到 — a branch with fewer than
 * 7 正式党员 records only its 书记 — and who belongs to which 党小组 (the 党小组会's 应到).
 */
export default function BranchPage() {
  const [params, setParams] = useSearchParams();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const manage = can('orglife.manage');
  const id = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  useEffect(() => {
    if (!id && me)
      orglife.branch(me.scope.id).then(
        () => setParams({ orgId: String(me.scope.id) }),
        () => {},
      );
  }, [id, me, setParams]);
  const { data: b, error } = useQuery({
    queryKey: keys.branch(id ?? 0),
    queryFn: () => orglife.branch(id!),
    enabled: !!id,
  });
  const [groups, setGroups] = useState<Record<number, number[]>>({});
  useEffect(() => {
    if (b) setGroups(Object.fromEntries(b.groups.map((g) => [g.id, g.members.map((m) => m.memberId)])));
  }, [b]);
  const run = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => {
      message.success('已保存');
      void refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });
  const options = (b?.members ?? []).map((m) => ({
    value: m.memberId,
    label: m.memberType === '预备' ? `${m.name}(预备)` : m.name,
  }));
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <BranchSelect branchesOnly value={id} onChange={(v) => setParams(v ? { orgId: String(v) } : {})} />
          {b && (
            <Typography.Text>
              正式党员 {b.fullMembers} 人,预备党员 {b.probationaryMembers} 人;
              {b.hasCommittee ? (
                <Tag color="green">设支部委员会</Tag>
              ) : (
                <Tag>{b.type === '党支部' && b.fullMembers < 7 ? '不足 7 名正式党员,不设支委会' : '尚未登记支委'}</Tag>
              )}
            </Typography.Text>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      {!id && <Empty description="请选择党支部或党总支" />}
      {b && (
        <>
          <Card size="small" title="支部委员会(支委)">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={b.committee}
              scroll={{ x: 560 }}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '职务', dataIndex: 'role' },
                { title: '任职', dataIndex: 'startDate', render: fmtDate },
                {
                  title: '离任',
                  dataIndex: 'endDate',
                  render: (d: string | null) => (d ? fmtDate(d) : <Tag color="green">在任</Tag>),
                },
                ...(manage
                  ? [
                      {
                        title: '',
                        width: 100,
                        render: (_: unknown, c: (typeof b.committee)[number]) =>
                          !c.endDate && (
                            <Button
                              size="small"
                              onClick={() => run.mutate(() => orglife.endCommittee(c.id, dayjs().format('YYYY-MM-DD')))}
                            >
                              登记离任
                            </Button>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
            {manage && (
              <Form
                layout="inline"
                style={{ marginTop: 12, rowGap: 8 }}
                onFinish={(v) =>
                  run.mutate(() =>
                    orglife.addCommittee(b.id, {
                      memberId: v.memberId,
                      role: v.role,
                      startDate: v.start.format('YYYY-MM-DD'),
                    }),
                  )
                }
                initialValues={{ start: dayjs() }}
              >
                <Form.Item name="memberId" rules={[{ required: true, message: '请选择党员' }]}>
                  <Select
                    aria-label="支委人选"
                    showSearch
                    optionFilterProp="label"
                    placeholder="党员"
                    style={{ width: 160 }}
                    options={options}
                  />
                </Form.Item>
                <Form.Item name="role" rules={[{ required: true, message: '请选择职务' }]}>
                  <Select
                    aria-label="职务"
                    placeholder="职务"
                    style={{ width: 120 }}
                    options={COMMITTEE_ROLES.map((r) => ({ value: r, label: r }))}
                  />
                </Form.Item>
                <Form.Item name="start" rules={[{ required: true }]}>
                  <DatePicker aria-label="任职日期" format={DATE_FMT} />
                </Form.Item>
                <Button htmlType="submit" type="primary" loading={run.isPending}>
                  登记支委
                </Button>
              </Form>
            )}
          </Card>
          <Card size="small" title="党小组">
            {b.groups.length === 0 ? (
              <Empty description="本支部未设党小组(可在「组织机构」中新建党小组)" />
            ) : (
              b.groups.map((g) => (
                <div key={g.id} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>{g.name}</Typography.Text>({g.members.length} 人)
                  <Space.Compact style={{ width: '100%', marginTop: 4 }}>
                    <Select
                      mode="multiple"
                      aria-label={`${g.name}成员`}
                      disabled={!manage}
                      style={{ width: '100%' }}
                      optionFilterProp="label"
                      value={groups[g.id] ?? []}
                      onChange={(v) => setGroups({ ...groups, [g.id]: v })}
                      options={options}
                    />
                    {manage && (
                      <Button onClick={() => run.mutate(() => orglife.setGroup(g.id, groups[g.id] ?? []))}>保存</Button>
                    )}
                  </Space.Compact>
                </div>
              ))
            )}
            <Typography.Text type="secondary">
              调整自今日起生效;此前的党小组会按当时的成员计应到。一名党员只属于本支部的一个党小组。
            </Typography.Text>
          </Card>
        </>
      )}
    </Space>
  );
}
