import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Progress, Space, Statistic, Tabs, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { reviewKeys, reviewsApi } from './api.ts';
import CommentsTab from './CommentsTab.tsx';
import { statusColor } from './labels.ts';
import { AgendaTab, VotingTab } from './MeetingTabs.tsx';
import ReportsTab from './ReportsTab.tsx';
import ResultsTab from './ResultsTab.tsx';

/** One campaign: overview, reports, 点评, meeting agenda, voting (tokens, paper), results. */
export default function ReviewDetailPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  // While voting, the campaign is re-read every few seconds: when someone else closes it (another
  // manager, another screen), its tabs follow without a reload. While the ballots are being counted
  // (a background job on the server), every second.
  const q = useQuery({
    queryKey: reviewKeys.campaign(id),
    queryFn: () => reviewsApi.get(id),
    refetchInterval: (query) =>
      query.state.data?.status === 'closing' ? 1000 : query.state.data?.status === 'voting' ? 5000 : false,
  });
  const invalidate = [reviewKeys.campaign(id)];
  const open = useAction(() => reviewsApi.openVoting(id), { success: '投票已开始', invalidate });
  const close = useAction(() => reviewsApi.close(id), { success: '投票已停止,正在计票', invalidate });
  const status = q.data?.status;
  const seen = useRef(status);
  useEffect(() => {
    // From voting or closing (a small campaign may be counted before the first poll) to closed.
    if (seen.current && seen.current !== 'closed' && status === 'closed') void message.success('投票已结束,结果已启封');
    seen.current = status;
  }, [status, message]);
  if (q.error) return <Alert type="error" title={q.error.message} />;
  const c = q.data;
  if (!c) return <Card loading />;
  const tabs = [
    { key: 'reports', label: '述职报告', children: <ReportsTab campaign={c} /> },
    { key: 'comments', label: '点评', children: <CommentsTab campaign={c} /> },
    ...(c.manager
      ? [
          { key: 'agenda', label: '会议议程', children: <AgendaTab campaign={c} /> },
          { key: 'voting', label: '投票', children: <VotingTab campaign={c} /> },
        ]
      : []),
    { key: 'results', label: '评议结果', children: <ResultsTab campaign={c} /> },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <>
            {c.title} <Tag color={statusColor(c.status)}>{c.statusLabel}</Tag>
          </>
        }
        extra={
          c.manager && (
            <Space wrap>
              <Link to={`/reviews/${id}/screen`}>
                <Button>大屏</Button>
              </Link>
              {c.status === 'preparing' && (
                <Popconfirm
                  placement="bottomRight"
                  title="开始投票后议程和评议组织不能再修改,确定开始?"
                  onConfirm={() => open.mutateAsync().catch(() => undefined)}
                >
                  <Button type="primary" loading={open.isPending}>
                    开始投票
                  </Button>
                </Popconfirm>
              )}
              {c.status === 'closing' && c.closing?.error && (
                <Button danger type="primary" loading={close.isPending} onClick={() => close.mutate()}>
                  重新计票
                </Button>
              )}
              {c.status === 'voting' && (
                <Popconfirm
                  placement="bottomRight"
                  title="结束投票后不能再投票,结果将启封。确定结束?"
                  onConfirm={() => close.mutateAsync().catch(() => undefined)}
                >
                  <Button danger type="primary" loading={close.isPending}>
                    结束投票并启封结果
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { label: '年度', children: c.year },
            { label: '组织单位', children: c.owner.name },
            { label: '评议等次', children: c.scale.join(' / ') },
            { label: '报告截止', children: fmtDate(c.reportDeadline) || '—' },
            { label: '会议日期', children: fmtDate(c.meetingDate) || '—' },
            {
              label: '被评议组织',
              children: `${c.targets.length} 个(口头 ${c.targets.filter((t) => t.mode === '口头').length})`,
            },
          ]}
        />
        {c.closing && (
          <div data-testid="close-progress" style={{ marginTop: 12 }}>
            {c.closing.error ? (
              <Alert
                type="error"
                showIcon
                title="计票中断,结果仍然封存"
                description={`${c.closing.error}。请排除原因后点击“重新计票”,已统计的选票不会重复计算。`}
              />
            ) : (
              <>
                正在计票:已统计 {c.closing.done} / {c.closing.total} 张选票,完成后结果自动启封。
                <Progress
                  percent={c.closing.total ? Math.floor((c.closing.done * 100) / c.closing.total) : 100}
                  status="active"
                />
              </>
            )}
          </div>
        )}
        {c.counts && (
          <Space size="large" wrap style={{ marginTop: 12 }}>
            <Statistic title="已发放选票码" value={c.counts.issued} />
            <Statistic title="已投票" value={c.counts.used} />
            <Statistic title="纸质票(已核对)" value={c.counts.paper} />
            <Statistic title="有效票" value={c.counts.ballots} />
          </Space>
        )}
      </Card>
      <Card>
        <Tabs items={tabs} destroyOnHidden />
      </Card>
    </Space>
  );
}
