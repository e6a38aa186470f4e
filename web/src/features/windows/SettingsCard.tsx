import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import type { WindowSettings } from '../../../../common/contracts/windows.ts';
import { windowsApi } from './api.ts';

/** 作风监督设置 (supervisors): deadlines, retention, throttle, the 办事最难窗口 rule; 评价内容 versions. */
export function SettingsCard() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const s = useQuery({ queryKey: ['windows', 'settings'], queryFn: () => windowsApi.settings() });
  const content = useQuery({ queryKey: ['windows', 'content'], queryFn: () => windowsApi.content() });
  const save = useMutation({
    mutationFn: (v: WindowSettings) => windowsApi.putSettings(v),
    onSuccess: () => {
      message.success('设置已保存');
      void qc.invalidateQueries({ queryKey: ['windows'] });
    },
  });
  if (!s.data) return null;
  const num = (name: keyof WindowSettings, label: string, min: number, max: number, extra?: string) => (
    <Col xs={24} md={8}>
      <Form.Item name={name} label={label} extra={extra} rules={[{ required: true }]}>
        <InputNumber min={min} max={max} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  return (
    <Card title="作风监督设置" size="small">
      <Form layout="vertical" initialValues={s.data} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          {num('caseWorkdays', '差评办理时限(工作日)', 1, 30, '按督查工作日历计算(本地规定 5、7 或 15 个工作日)')}
          {num('appealWorkdays', '申诉时限(工作日)', 1, 30)}
          {num('retentionDays', '办结后电话保留(天)', 0, 365)}
          {num('untrackedPerSourceDay', '同一网络来源每窗口每日计入上限', 1, 10000, '一个大厅共用一个出口地址,宜宽')}
          {num('untrackedPerDeviceDay', '同一手机每窗口每日计入上限', 1, 100)}
          {num('burstPerMinute', '同一来源每窗口每分钟上限', 1, 1000)}
        </Row>
        <Typography.Text strong>"办事最难窗口"评选规则</Typography.Text>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['hardest', 'metric']} label="规则">
              <Select
                options={[
                  { value: 'satisfaction', label: '好评率最低' },
                  { value: 'unresolved', label: '未办结差评最多' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={['hardest', 'minRatings']} label="当月最少有效评价数">
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={['hardest', 'count']} label="上榜数量">
              <InputNumber min={1} max={50} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {save.error && <Alert type="error" message={(save.error as Error).message} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存设置
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        <Typography.Text strong>评价内容(版本管理)</Typography.Text>
        {content.data?.items.map((c) => (
          <div key={c.version} style={{ marginTop: 6 }}>
            <Space wrap>
              <Tag color={c === content.data?.items[0] ? 'blue' : undefined}>第 {c.version} 版</Tag>
              {c.questions.join('、')}
              <Typography.Text type="secondary">{c.note}</Typography.Text>
            </Space>
          </div>
        ))}
      </div>
    </Card>
  );
}
