import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { api, request } from '../../api/client.ts';

interface Cal {
  year: number;
  holidays: string[];
  workdays: string[];
}
type Th = Record<
  | 'acceptWorkdays'
  | 'dueSoonWorkdays'
  | 'lagYellowPercent'
  | 'lagRedPercent'
  | 'weeklyCycleWorkdays'
  | 'monthlyCycleWorkdays'
  | 'reportRedWorkdays',
  number
>;
const TH_LABELS: [keyof Th, string, string][] = [
  ['acceptWorkdays', '签收时限', '个工作日'],
  ['dueSoonWorkdays', '临期预警(黄灯)', '个工作日内'],
  ['lagYellowPercent', '进度滞后黄灯', '个百分点'],
  ['lagRedPercent', '进度滞后红灯', '个百分点'],
  ['weeklyCycleWorkdays', '每周报送周期', '个工作日'],
  ['monthlyCycleWorkdays', '每月报送周期', '个工作日'],
  ['reportRedWorkdays', '反馈超时红灯', '个工作日'],
];

function DateList({ value, onChange, label }: { value: string[]; onChange: (v: string[]) => void; label: string }) {
  return (
    <div>
      <Space wrap style={{ marginBottom: 6 }}>
        {value.map((d) => (
          <Tag key={d} closable onClose={() => onChange(value.filter((x) => x !== d))}>
            {d}
          </Tag>
        ))}
      </Space>
      <DatePicker
        aria-label={label}
        placeholder={`添加${label}`}
        value={null}
        onChange={(d: dayjs.Dayjs | null) => d && onChange([...new Set([...value, d.format('YYYY-MM-DD')])].sort())}
      />
    </div>
  );
}

/** 工作日历与红黄绿灯阈值 (system administrator): all lights are recomputed on save. */
export default function SupervisionSettingsPage() {
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [cal, setCal] = useState<Cal | null>(null);
  const [th, setTh] = useState<Th | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setCal(await api.get<Cal>(`/api/settings/calendar/${year}`));
      setTh(await api.get<Th>('/api/settings/traffic-light'));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [year]);
  useEffect(() => {
    void load();
  }, [load]);
  const save = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      message.success('已保存,红黄绿灯将按新设置重新计算');
      setError(null);
      void load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Row gutter={12}>
      {error && (
        <Col span={24}>
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />
        </Col>
      )}
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title="工作日历"
          extra={
            <Select
              value={year}
              onChange={setYear}
              options={[-1, 0, 1].map((d) => ({ value: dayjs().year() + d, label: `${dayjs().year() + d} 年` }))}
            />
          }
        >
          <Typography.Paragraph type="secondary">
            默认周六、周日休息。按国务院办公厅当年的放假安排,列出法定节假日(工作日放假)和调休上班的周末。
          </Typography.Paragraph>
          {cal && (
            <Form layout="vertical">
              <Form.Item label="节假日(放假的工作日)">
                <DateList label="节假日" value={cal.holidays} onChange={(v) => setCal({ ...cal, holidays: v })} />
              </Form.Item>
              <Form.Item label="调休上班的周末">
                <DateList label="调休上班日" value={cal.workdays} onChange={(v) => setCal({ ...cal, workdays: v })} />
              </Form.Item>
              <Button
                type="primary"
                onClick={() =>
                  save(() =>
                    request('PUT', `/api/settings/calendar/${year}`, {
                      body: { holidays: cal.holidays, workdays: cal.workdays },
                    }),
                  )
                }
              >
                保存 {year} 年日历
              </Button>
            </Form>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title="红黄绿灯阈值">
          {th && (
            <Form layout="horizontal" labelCol={{ span: 10 }}>
              {TH_LABELS.map(([k, label, unit]) => (
                <Form.Item key={k} label={label}>
                  <Space>
                    <InputNumber min={0} max={365} value={th[k]} onChange={(v) => setTh({ ...th, [k]: v ?? 0 })} />
                    {unit}
                  </Space>
                </Form.Item>
              ))}
              <Button
                type="primary"
                onClick={() => save(() => request('PUT', '/api/settings/traffic-light', { body: th }))}
              >
                保存阈值
              </Button>
            </Form>
          )}
        </Card>
      </Col>
    </Row>
  );
}
