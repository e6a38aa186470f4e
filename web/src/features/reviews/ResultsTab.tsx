import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Collapse, Space, Table, Tag, Typography } from 'antd';
import type { OrgResult } from '../../../../common/contracts/ballots.ts';
import type { Campaign } from '../../../../common/contracts/reviews.ts';
import { ApiError } from '../../api/client.ts';
import { useAction } from '../../components/useAction.ts';
import { reviewKeys, reviewsApi } from './api.ts';

/** Results: sealed (409) until close; then tallies, ranking, opinions, exports, receipt list. */
export default function ResultsTab({ campaign }: { campaign: Campaign }) {
  const id = campaign.id;
  // The status is part of the key: when the campaign (polled by the page) turns closed, the results
  // are fetched at once instead of the sealed answer staying on screen until a reload.
  const q = useQuery({
    queryKey: [...reviewKeys.part(id, 'results'), campaign.status],
    queryFn: () => reviewsApi.results(id),
  });
  const receipts = useAction(() => reviewsApi.receipts(id));
  const exportFile = useAction((kind: 'xlsx' | 'docx') => reviewsApi.downloadResults(id, kind));
  if (q.error) {
    return q.error instanceof ApiError && q.error.status === 409 ? (
      <Alert type="warning" showIcon title="评议结果密封中" description={q.error.message} />
    ) : (
      <Alert type="error" showIcon title={q.error.message} />
    );
  }
  const r = q.data;
  if (!r) return null;
  const list = receipts.data?.receipts;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>
          有效票 <b>{r.voters}</b> 张
        </Typography.Text>
        <Button onClick={() => exportFile.mutate('xlsx')}>导出 Excel</Button>
        <Button onClick={() => exportFile.mutate('docx')}>导出通报(Word)</Button>
        <Button loading={receipts.isPending} onClick={() => receipts.mutate()}>
          回执码清单
        </Button>
      </Space>
      <Table
        rowKey="orgId"
        dataSource={r.orgs}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '排名', dataIndex: 'rank', width: 60 },
          { title: '组织', dataIndex: 'orgName' },
          ...r.scale.map((g) => ({
            title: g,
            key: g,
            render: (_: unknown, o: OrgResult) => `${o.counts[g]}(${o.percents[g]}%)`,
          })),
          {
            title: `${r.goodLabel}率`,
            dataIndex: 'goodRate',
            render: (v: number) => <Tag color={v >= 80 ? 'green' : v >= 60 ? 'orange' : 'red'}>{v}%</Tag>,
          },
        ]}
      />
      <Collapse
        items={r.opinions
          .filter((o) => o.items.length)
          .map((o) => ({
            key: o.orgId,
            label: `${o.orgName}(意见 ${o.items.length} 条)`,
            children: (
              <ul>
                {[...countSame(o.items)].map(([t, n]) => (
                  <li key={t}>
                    {t}
                    {n > 1 ? `(${n} 人)` : ''}
                  </li>
                ))}
              </ul>
            ),
          }))}
      />
      {list && (
        <Typography.Paragraph copyable={{ text: list.join('\n') }} data-testid="receipts">
          已计入的回执码({list.length}):{list.join('、')}
        </Typography.Paragraph>
      )}
    </Space>
  );
}

/** Identical opinions shown once with how many wrote them (the list is sorted, never in casting order). */
function countSame(items: string[]) {
  const m = new Map<string, number>();
  for (const t of items) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}
