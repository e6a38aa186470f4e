import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Statistic } from 'antd';
import { api } from '../../api/client.ts';
import type { OrgDetail, Page, Transfer } from '../../api/types.ts';
import { useAuth } from '../../lib/session.tsx';
import { routes } from '../../app/routes.tsx';
import { ROLES } from '../../../../common/enums.ts';

/** 首页: who I am, what I oversee, and the figures of my subtree. The cockpit comes later. */
export default function HomePage() {
  const { me, can } = useAuth();
  const [org, setOrg] = useState<OrgDetail | null>(null);
  const [todo, setTodo] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!me) return;
    if (can('org.read'))
      api.get<OrgDetail>(`/api/orgs/${me.scope.id}`).then(setOrg, (e) => setError((e as Error).message));
    if (can('transfer.read'))
      api.get<Page<Transfer>>('/api/transfers', { box: 'todo', pageSize: 1 }).then(
        (r) => setTodo(r.total),
        () => setTodo(null),
      );
  }, [me, can]);
  if (!me) return null;

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
      {error && (
        <Col span={24}>
          <Alert type="error" showIcon title={error} />
        </Col>
      )}
      {org && (
        <>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="直属下级组织" value={org.counts.children} suffix="个" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="全部下级组织" value={org.counts.descendants} suffix="个" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Link to="/members">
                <Statistic title="党员总数" value={org.counts.members} suffix="名" />
              </Link>
            </Card>
          </Col>
          {todo !== null && (
            <Col xs={12} md={6}>
              <Card size="small">
                <Link to="/transfers">
                  <Statistic title="待我审批的转接" value={todo} suffix="件" />
                </Link>
              </Card>
            </Col>
          )}
        </>
      )}
      <Col span={24}>
        <Card size="small" title="常用功能">
          <Space wrap size={[8, 8]}>
            {routes
              .filter((r) => r.path !== '/' && !r.hideInMenu && can(r.permission))
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
