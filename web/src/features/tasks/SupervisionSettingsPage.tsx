import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Form, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Calendar, Thresholds } from '../../../../common/contracts/supervision.ts';
import { useAction } from '../../components/useAction.ts';
import { DATE_INPUT_FORMATS, fmtDate } from '../../lib/format.ts';
import { settingKeys, settingsApi, taskKeys } from './api.ts';

const TH_LABELS: [keyof Thresholds, string, string][] = [
  ['acceptWorkdays', '签收时限', '个工作日'],
  ['dueSoonWorkdays', '临期预警(黄灯)', '个工作日内'],
  ['lagYellowPercent', '进度滞后黄灯', '个百分点'],
  ['lagRedPercent', '进度滞后红灯', '个百分点'],
  ['weeklyCycleWorkdays', '每周报送周期', '个工作日'],
  ['monthlyCycleWorkdays', '每月报送周期', '个工作日'],
  ['reportRedWorkdays', '反馈超时红灯', '个工作日'],
];
const SAVED = '已保存,红黄绿灯将按新设置重新计算';

function DateList({
  value = [],
  onChange,
  label,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  label: string;
}) {
  return (
    <div>
      <Space wrap style={{ marginBottom: 6 }}>
        {value.map((d) => (
          <Tag key={d} closable onClose={() => onChange?.(value.filter((x) => x !== d))}>
            {fmtDate(d)}
          </Tag>
        ))}
      </Space>
      <DatePicker
        aria-label={label}
        format={DATE_INPUT_FORMATS}
        placeholder={`添加${label}`}
        value={null}
        onChange={(d: dayjs.Dayjs | null) => d && onChange?.([...new Set([...value, d.format('YYYY-MM-DD')])].sort())}
      />
    </div>
  );
}

/** The working-day calendar of one year, edited as a form (the saved one is the initial value). */
function CalendarForm({ cal }: { cal: Calendar }) {
  const save = useAction((v: Pick<Calendar, 'holidays' | 'workdays'>) => settingsApi.putCalendar(cal.year, v), {
    success: SAVED,
    invalidate: [settingKeys.all, taskKeys.all],
  });
  return (
    <Form layout="vertical" initialValues={cal} onFinish={(v) => save.mutate(v)}>
      <Form.Item name="holidays" label="节假日(放假的工作日)">
        <DateList label="节假日" />
      </Form.Item>
      <Form.Item name="workdays" label="调休上班的周末">
        <DateList label="调休上班日" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        保存 {cal.year} 年日历
      </Button>
    </Form>
  );
}

function ThresholdsForm({ th }: { th: Thresholds }) {
  const save = useAction(settingsApi.putThresholds, { success: SAVED, invalidate: [settingKeys.all, taskKeys.all] });
  return (
    <Form layout="horizontal" labelCol={{ span: 10 }} initialValues={th} onFinish={(v: Thresholds) => save.mutate(v)}>
      {TH_LABELS.map(([k, label, unit]) => (
        <Form.Item key={k} label={label}>
          <Space>
            <Form.Item name={k} noStyle rules={[{ required: true, message: `请填写${label}` }]}>
              <InputNumber min={0} max={365} aria-label={label} />
            </Form.Item>
            {unit}
          </Space>
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        保存阈值
      </Button>
    </Form>
  );
}

/** 工作日历与红黄绿灯阈值 (system administrator): all lights are recomputed on save. */
export default function SupervisionSettingsPage() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const cal = useQuery({ queryKey: settingKeys.calendar(year), queryFn: () => settingsApi.calendar(year) });
  const th = useQuery({ queryKey: settingKeys.thresholds, queryFn: settingsApi.thresholds });
  const error = cal.error ?? th.error;
  return (
    <Row gutter={[12, 12]}>
      {error && (
        <Col span={24}>
          <Alert type="error" showIcon title={error.message} />
        </Col>
      )}
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title="工作日历"
          loading={!cal.data && !cal.error}
          extra={
            <Select
              value={year}
              onChange={setYear}
              aria-label="年份"
              options={[-1, 0, 1].map((d) => ({ value: thisYear + d, label: `${thisYear + d} 年` }))}
            />
          }
        >
          <Typography.Paragraph type="secondary">
            默认周六、周日休息。按国务院办公厅当年的放假安排,列出法定节假日(工作日放假)和调休上班的周末。
          </Typography.Paragraph>
          {/* keyed by the data: a refetch (or another year) starts the form from what is saved */}
          {cal.data && <CalendarForm key={JSON.stringify(cal.data)} cal={cal.data} />}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title="红黄绿灯阈值" loading={!th.data && !th.error}>
          {th.data && <ThresholdsForm key={JSON.stringify(th.data)} th={th.data} />}
        </Card>
      </Col>
    </Row>
  );
}
