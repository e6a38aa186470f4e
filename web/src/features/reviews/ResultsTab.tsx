import { useEffect, useState } from 'react';
import { Alert, Button, Collapse, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError, download } from '../../api/client.ts';
import type { Campaign, Results } from './model.ts';

/** Results: sealed (409) until close; then tallies, ranking, opinions, exports, receipt list. */
export default function ResultsTab({ campaign }: { campaign: Campaign }) {
  const [r, setR] = useState<Results | null>(null);
  const [sealed, setSealed] = useState<string | null>(null);
  const [receipts, setReceipts] = useState<string[] | null>(null);
  useEffect(() => {
    api
      .get<Results>(`/api/reviews/${campaign.id}/results`)
      .then(setR)
      .catch((e) => setSealed(e instanceof ApiError && e.status === 409 ? e.message : (e as Error).message));
  }, [campaign.id]);
  if (sealed) return <Alert type="warning" showIcon message="评议结果密封中" description={sealed} />;
  if (!r) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>
          有效票 <b>{r.voters}</b> 张
        </Typography.Text>
        <Button onClick={() => download(`/api/reviews/${campaign.id}/results.xlsx`, undefined, '评议结果.xlsx')}>
          导出 Excel
        </Button>
        <Button onClick={() => download(`/api/reviews/${campaign.id}/results.docx`, undefined, '结果通报.docx')}>
          导出通报(Word)
        </Button>
        <Button onClick={async () => setReceipts((await api.get(`/api/reviews/${campaign.id}/receipts`)).receipts)}>
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
            render: (_: unknown, o: Results['orgs'][number]) => `${o.counts[g]}(${o.percents[g]}%)`,
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
                {o.items.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            ),
          }))}
      />
      {receipts && (
        <Typography.Paragraph copyable={{ text: receipts.join('\n') }} data-testid="receipts">
          已计入的回执码({receipts.length}):{receipts.join('、')}
        </Typography.Paragraph>
      )}
    </Space>
  );
}
