import { Link } from 'react-router';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useWorkbench } from './api.ts';

/** 我的待办: one card per to-do of the caller's role; each count opens the filtered list. */
export default function TodoCards() {
  const wb = useWorkbench(true);
  if (wb.error) return <ErrorAlert error={wb.error} style={{ marginBottom: 0 }} />;
  if (!wb.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (!wb.data.items.length) return null;
  return (
    <Card size="small" title="我的待办" data-testid="workbench">
      <Row gutter={[12, 12]}>
        {wb.data.items.map((i) => (
          <Col key={i.key} xs={12} sm={8} lg={6} xl={4}>
            <Link to={i.link} data-testid={`todo-${i.key}`}>
              <Card size="small" hoverable styles={{ body: { padding: 12 } }}>
                <Statistic
                  title={i.label}
                  value={i.count}
                  suffix="件"
                  styles={{
                    content: { color: i.urgent && i.count > 0 ? '#cf1322' : i.count > 0 ? '#b5121b' : '#999' },
                  }}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
