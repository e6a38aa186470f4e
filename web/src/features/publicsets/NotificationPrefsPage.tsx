import { Alert, Button, Card, Checkbox, Form, List, Radio, Space, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { DigestPreview, NotificationPrefs } from '../../../../common/contracts/digest.ts';
import { NOTIFICATION_KINDS } from '../../../../common/enums.ts';
import { api, request } from '../../api/client.ts';

type Preview = Static<typeof DigestPreview>;

/** 提醒设置: one daily digest per unit or one message per task; kinds one does not want. */
export default function NotificationPrefsPage() {
  const qc = useQueryClient();
  const prefs = useQuery({
    queryKey: ['notify', 'prefs'],
    queryFn: () => api.get<NotificationPrefs>('/api/notification-prefs'),
  });
  const preview = useQuery({ queryKey: ['notify', 'preview'], queryFn: () => api.get<Preview>('/api/digest/preview') });
  const save = useMutation({
    mutationFn: (p: NotificationPrefs) => request<NotificationPrefs>('PUT', '/api/notification-prefs', { body: p }),
    onSuccess: () => {
      message.success('提醒设置已保存');
      void qc.invalidateQueries({ queryKey: ['notify'] });
    },
    onError: (e) => message.error((e as Error).message),
  });
  if (!prefs.data) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="提醒设置">
        <Form<NotificationPrefs>
          layout="vertical"
          initialValues={prefs.data}
          onFinish={(v) => save.mutate({ mode: v.mode, mutedKinds: v.mutedKinds ?? [] })}
        >
          <Form.Item name="mode" label="临期、逾期、报送提醒">
            <Radio.Group>
              <Space direction="vertical">
                <Radio value="digest">每日汇总:每天早上一条消息,列出本单位临期、逾期和待报送的事项</Radio>
                <Radio value="immediate">逐条提醒:每个事项单独提醒</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="mutedKinds" label="不接收以下通知">
            <Checkbox.Group options={Object.entries(NOTIFICATION_KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form>
      </Card>
      <Card title={`今日汇总预览${preview.data ? `(${preview.data.date})` : ''}`}>
        {preview.error && <Alert type="error" message={(preview.error as Error).message} />}
        <List
          dataSource={preview.data?.units ?? []}
          locale={{ emptyText: '今天没有临期、逾期或待报送的事项' }}
          renderItem={(u) => (
            <List.Item>
              <Typography.Text strong>{u.orgName}</Typography.Text>
              <span>{`逾期 ${u.overdue.length} 项 · 临期 ${u.dueSoon.length} 项 · 待报送 ${u.reportDue.length} 项`}</span>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
