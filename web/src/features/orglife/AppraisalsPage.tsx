import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAuth } from '../../lib/session.tsx';
import { fmtTime } from '../../lib/format.ts';
import { keys, orglife, refresh } from './api.ts';
import { BranchSelect, thisYear, yearOptions } from './model.tsx';

/** 民主评议党员: one campaign per branch and year; open one, then grade in its page. */
export default function AppraisalsPage() {
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<number>();
  const [year, setYear] = useState<number>(thisYear());
  const f = { orgId, year };
  const { data, isLoading } = useQuery({ queryKey: keys.appraisals(f), queryFn: () => orglife.appraisals(f) });
  const create = useMutation({
    mutationFn: () => orglife.createAppraisal(orgId!, year),
    onSuccess: (r) => {
      void refresh();
      navigate(`/org-life/appraisals/${r.id}`);
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Card title="民主评议党员">
      <Space wrap style={{ marginBottom: 12 }}>
        <BranchSelect branchesOnly value={orgId} onChange={setOrgId} placeholder="全部(本人管辖范围)" />
        <Select aria-label="年度" value={year} options={yearOptions()} onChange={setYear} style={{ width: 110 }} />
        {can('orglife.manage') && (
          <Button type="primary" disabled={!orgId} loading={create.isPending} onClick={() => create.mutate()}>
            开展{year}年度民主评议
          </Button>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items}
        scroll={{ x: 700 }}
        onRow={(a) => ({ onClick: () => navigate(`/org-life/appraisals/${a.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '支部', dataIndex: ['org', 'name'] },
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '参评', dataIndex: 'members', width: 60 },
          { title: '评定等次', dataIndex: 'graded', width: 80 },
          { title: '已自评', dataIndex: 'selfDone', width: 70 },
          { title: '优秀', dataIndex: 'excellent', width: 60 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s: string) => <Tag color={s === '已完成' ? 'green' : 'blue'}>{s}</Tag>,
          },
          { title: '完成时间', dataIndex: 'finalizedAt', width: 160, render: (v: string | null) => fmtTime(v) },
        ]}
      />
    </Card>
  );
}
