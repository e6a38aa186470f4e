import { useState } from 'react';
import { Button, Card, Checkbox, Col, Form, InputNumber, Row, Space, Switch, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { RegisterCommunities } from '../../../../common/contracts/cobuild.ts';
import type { SettingsBody } from '../../../../common/contracts/cobuild-service.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type Community, cobuildApi } from './api.ts';
import { useManagedCommunities } from './model.tsx';
import { useCobuildAction } from './widgets.tsx';

/**
 * 报到社区与设置: which org nodes are 村/社区 (registered from proposals found in the tree by name),
 * and the module settings (re-confirmation period, sign-in window, target rate).
 */
export default function SettingsPage() {
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={14}>
        <Communities />
      </Col>
      <Col xs={24} xl={10}>
        <SettingsCard />
      </Col>
    </Row>
  );
}

function Communities() {
  const [picked, setPicked] = useState<number[]>([]);
  const list = useManagedCommunities();
  const register = useCobuildAction(
    (items: RegisterCommunities['items']) => cobuildApi.registerCommunities({ items }),
    (_, items) => `已登记 ${items.length} 个社区`,
  );
  const cand = useQuery({ queryKey: ['cobuild', 'candidates'], queryFn: cobuildApi.candidates });
  const items = cand.data?.items ?? [];
  return (
    <Card size="small" title={`报到社区(${list.data?.items.length ?? 0} 个)`}>
      {items.length > 0 && (
        <Card
          size="small"
          type="inner"
          title={`组织树中识别出 ${items.length} 个未登记的村/社区党组织`}
          style={{ marginBottom: 12 }}
        >
          <Space wrap style={{ marginBottom: 8 }}>
            <Button size="small" onClick={() => setPicked(items.map((i) => i.id))}>
              全选
            </Button>
            <Button
              size="small"
              type="primary"
              disabled={!picked.length}
              loading={register.isPending}
              onClick={() =>
                register.mutate(
                  items.filter((i) => picked.includes(i.id)).map((i) => ({ orgId: i.id, kind: i.kind })),
                  { onSuccess: () => setPicked([]) },
                )
              }
            >
              登记所选({picked.length})
            </Button>
          </Space>
          <Checkbox.Group
            value={picked}
            onChange={(v) => setPicked(v as number[])}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
          >
            {items.slice(0, 300).map((i) => (
              <Checkbox key={i.id} value={i.id}>
                {i.name}
                <Typography.Text type="secondary">({i.township})</Typography.Text>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Card>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={{ pageSize: 15, size: 'small' }}
        scroll={{ x: true }}
        columns={[
          { title: '村/社区党组织', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind' },
          { title: '乡镇(街道)', dataIndex: 'township' },
          {
            title: '启用',
            render: (_, c) => <ActiveSwitch c={c} />,
          },
        ]}
      />
    </Card>
  );
}

function ActiveSwitch({ c }: { c: Community }) {
  const toggle = useCobuildAction(
    (active: boolean) => cobuildApi.updateCommunity(c.id, { active }),
    (_, v) => (v ? '已启用' : '已停用'),
  );
  return <Switch size="small" checked={c.active} loading={toggle.isPending} onChange={(v) => toggle.mutate(v)} />;
}

function SettingsCard() {
  const save = useCobuildAction((v: SettingsBody) => cobuildApi.putSettings(v), '设置已保存');
  const s = useQuery({ queryKey: ['cobuild', 'settings'], queryFn: cobuildApi.settings });
  if (!s.data)
    return (
      <Card size="small" loading={!s.error}>
        <ErrorAlert error={s.error} />
      </Card>
    );
  return (
    <Card size="small" title="共驻共建设置">
      <Form<SettingsBody> layout="vertical" initialValues={s.data} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reconfirmMonths" label="报到复核周期">
          <InputNumber min={1} max={24} suffix="个月" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="checkinOpensMin" label="活动开始前可签到">
            <InputNumber min={0} max={240} suffix="分钟" />
          </Form.Item>
          <Form.Item name="checkoutGraceMin" label="活动结束后可签退">
            <InputNumber min={0} max={720} suffix="分钟" />
          </Form.Item>
        </Space>
        <Form.Item name="targetRate" label="报到率目标(通报中低于此值的单位点名)">
          <InputNumber min={0} max={100} suffix="%" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
