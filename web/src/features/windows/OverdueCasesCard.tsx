import { useQuery } from '@tanstack/react-query';
import { Card, Col, List, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { casesApi, LIGHT_COLORS } from './api.ts';

/** On the 督查 dashboard: overdue 差评 cases in red, so they are chased with the tasks. */
export function OverdueCasesCard() {
  const { can } = useAuth();
  const q = useQuery({
    queryKey: ['windows', 'cases', 'overdue'],
    queryFn: () => casesApi.list({ light: 'red', pageSize: 5 }),
    enabled: can('window.read'),
  });
  if (!can('window.read') || !q.data) return null;
  return (
    <Col xs={24} lg={12}>
      <Card size="small" title="逾期差评工单" extra={<Link to="/rating-cases?light=red">全部</Link>}>
        <Statistic
          value={q.data.total}
          suffix="件"
          valueStyle={{ color: q.data.total ? LIGHT_COLORS.red : undefined }}
        />
        <List
          size="small"
          dataSource={q.data.items}
          renderItem={(c) => (
            <List.Item>
              <Link to={`/rating-cases/${c.id}`}>
                <Tag color="red">逾期</Tag>
                {c.orgName} · {c.windowName ?? c.source}
              </Link>
              <Typography.Text type="danger">{fmtDate(c.dueDate)}</Typography.Text>
            </List.Item>
          )}
        />
      </Card>
    </Col>
  );
}
