import { useQuery } from '@tanstack/react-query';
import { Alert, Grid, List, Progress, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { ProjectListQuery, ProjectSummary } from '../../../../common/contracts/projects.ts';
import { fmtDate } from '../../lib/format.ts';
import { LightDot } from '../tasks/TaskTags.tsx';
import { projectKeys, projectsApi } from './api.ts';

const money = (v: number | null) => (v == null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
const rate = (v: number | null) =>
  v == null ? '—' : <Progress percent={Math.min(100, v)} format={() => `${v}%`} size="small" style={{ width: 110 }} />;
const next = (p: ProjectSummary) =>
  p.nextMilestone ? `${p.nextMilestone.name} ${fmtDate(p.nextMilestone.dueDate)}` : '—';
const reasons = (p: ProjectSummary) =>
  p.reasons.length > 0 && (
    <Typography.Text type={p.light === 'red' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
      {p.reasons.join(';')}
    </Typography.Text>
  );

/**
 * 重点项目 of the caller's subtree: light (§5.3), 累计完成 vs 序时计划, the next milestone; red
 * first, each reason in words. The 督查工作台 panel and the 重点项目 page both show it.
 */
export function ProjectsTable({ query, compact }: { query: ProjectListQuery; compact?: boolean }) {
  const narrow = !Grid.useBreakpoint().md;
  const q = useQuery({ queryKey: projectKeys.list(query), queryFn: () => projectsApi.list(query) });
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  const d = q.data;
  const summary = d && (
    <Space wrap size="large" style={{ marginBottom: 8 }}>
      <span>
        {d.year}年 {d.total} 个项目:红灯 {d.counts.red} · 黄灯 {d.counts.yellow} · 绿灯 {d.counts.green}
      </span>
      <span>
        累计完成投资 <b>{money(d.cumCompleted)}</b> 万元 / 序时计划 {money(d.cumPlanned)} 万元
      </span>
    </Space>
  );
  if (narrow)
    return (
      <>
        {summary}
        <List<ProjectSummary>
          loading={q.isLoading}
          dataSource={d?.items ?? []}
          locale={{ emptyText: '暂无重点项目' }}
          renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    {p.light && <LightDot light={p.light} />}
                    <Link to={`/tasks/${p.id}`}>{p.text}</Link>
                  </Space>
                }
                description={
                  <>
                    <div>
                      {p.leadName} ·{' '}
                      {p.annualPlanned == null
                        ? '尚未制定投资计划'
                        : `完成 ${money(p.cumCompleted)} / 计划 ${money(p.cumPlanned)} 万元 · ${p.rate == null ? '—' : `${p.rate}%`}`}
                    </div>
                    <div>下一节点:{next(p)}</div>
                    {!compact && reasons(p)}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </>
    );
  return (
    <>
      {summary}
      <Table<ProjectSummary>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={d?.items ?? []}
        pagination={compact ? { pageSize: 5, hideOnSinglePage: true } : { pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无重点项目' }}
        columns={[
          {
            title: '灯',
            dataIndex: 'light',
            width: 80,
            render: (l, p) => l && <LightDot light={l} reasons={p.reasons} />,
          },
          {
            title: '项目',
            dataIndex: 'text',
            render: (t: string, p) => (
              <>
                <Link to={`/tasks/${p.id}`}>{t}</Link>
                {!compact && <div>{reasons(p)}</div>}
              </>
            ),
          },
          { title: '牵头单位', dataIndex: 'leadName', width: 150 },
          { title: '全年计划', dataIndex: 'annualPlanned', align: 'right', width: 100, render: money },
          { title: '累计完成', dataIndex: 'cumCompleted', align: 'right', width: 100, render: money },
          { title: '完成率', dataIndex: 'rate', width: 130, render: rate },
          { title: '下一节点', key: 'next', width: 170, render: (_, p) => next(p) },
        ]}
      />
    </>
  );
}
