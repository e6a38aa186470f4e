import { Link } from 'react-router';
import { Button, Card, Col, Descriptions, Row, Space, Statistic } from 'antd';
import { ROLES } from '../../../../common/enums.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNav } from '../../lib/nav.tsx';
import { useAuth } from '../../lib/session.tsx';
import { useOrgDetail } from '../orgs/api.ts';
import { useTransfersTodo } from '../transfers/api.ts';

/** 首页: who I am, what I oversee, and the figures of my subtree. The cockpit comes later. */
export default function HomePage() {
  const { me, can } = useAuth();
  const nav = useNav();
  const scope = useOrgDetail(me?.scope.id ?? 0, !!me && can('org.read'));
  const todo = useTransfersTodo(!!me && can('transfer.read'));
  if (!me) return null;
  const org = scope.data;
  const figures: { title: string; value: number; unit: string; to?: string }[] = org
    ? [
        { title: '直属下级组织', value: org.counts.children, unit: '个' },
        { title: '全部下级组织', value: org.counts.descendants, unit: '个' },
        { title: '党员总数', value: org.counts.members, unit: '名', to: '/members' },
        ...(todo.data ? [{ title: '待我审批的转接', value: todo.data.total, unit: '件', to: '/transfers' }] : []),
      ]
    : [];

  return (
    <Row gutter={[12, 12]}>
      <Col span={24}>
        <Card size="small" title={`您好,${me.user.displayName}`}>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
            <Descriptions.Item label="角色">{ROLES[me.user.role]}</Descriptions.Item>
            <Descriptions.Item label="管辖范围">{me.scope.name}</Descriptions.Item>
            <Descriptions.Item label="组织编码">{me.scope.code}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      {scope.error && (
        <Col span={24}>
          <ErrorAlert error={scope.error} style={{ marginBottom: 0 }} />
        </Col>
      )}
      {figures.map((f) => (
        <Col key={f.title} xs={12} md={6}>
          <Card size="small">
            {f.to ? (
              <Link to={f.to}>
                <Statistic title={f.title} value={f.value} suffix={f.unit} />
              </Link>
            ) : (
              <Statistic title={f.title} value={f.value} suffix={f.unit} />
            )}
          </Card>
        </Col>
      ))}
      <Col span={24}>
        <Card size="small" title="常用功能">
          <Space wrap size={[8, 8]}>
            {nav
              .filter((r) => r.path !== '/')
              .map((r) => (
                <Link key={r.path} to={r.path}>
                  <Button icon={r.icon}>{r.title}</Button>
                </Link>
              ))}
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
