import { useQuery } from '@tanstack/react-query';
import { List, Tag, Typography } from 'antd';
import { fmtDate } from '../../lib/format.ts';
import { commendApi, commendKeys } from './api.ts';

/** The honours recorded on an org or a member (published 表彰), for the org page and 党员档案. */
export function Honours({ kind, id }: { kind: 'orgs' | 'members'; id: number }) {
  const q = useQuery({ queryKey: commendKeys.honours(kind, id), queryFn: () => commendApi.honours(kind, id) });
  const items = q.data?.items ?? [];
  return (
    <div data-testid="honours" style={{ marginTop: 12 }}>
      <Typography.Title level={5}>获得表彰</Typography.Title>
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(h) => (
            <List.Item>
              <span>
                <Tag color="gold">{h.title}</Tag>
                {h.grantedBy}
                {h.docNo ? `(${h.docNo})` : ''}
              </span>
              <span>{fmtDate(h.grantedDate)}</span>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{q.isLoading ? '正在读取……' : '暂无表彰记录'}</Typography.Text>
      )}
    </div>
  );
}
