import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
  message,
} from 'antd';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Limits } from '../../../../common/contracts/research.ts';
import { HOST_LEVELS, VISITOR_LEVELS } from '../../../../common/enums.ts';
import { useAuth } from '../../lib/session.tsx';
import { getLimits, heat, putLimits, unvisited } from './api.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** Heat table of visits per township per month, the places nobody visited this year, and the rules. */
export default function OverviewTab() {
  const [year, setYear] = useState(dayjs().year());
  const [level, setLevel] = useState<'village' | 'township'>('village');
  const h = useQuery({ queryKey: ['research', 'heat', year], queryFn: () => heat(year) });
  const u = useQuery({ queryKey: ['research', 'unvisited', year, level], queryFn: () => unvisited(year, level) });
  const max = Math.max(1, h.data?.max ?? 1);
  const cell = (n: number) => (
    <div
      style={{
        background: n ? `rgba(212, 56, 13, ${0.12 + (0.75 * n) / max})` : '#fafafa',
        color: n / max > 0.55 ? '#fff' : undefined,
        textAlign: 'center',
        borderRadius: 4,
        padding: '2px 0',
      }}
    >
      {n || ''}
    </div>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space wrap>
        <span>年度</span>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={[0, 1, 2].map((i) => ({ value: dayjs().year() - i, label: `${dayjs().year() - i}年` }))}
        />
      </Space>
      <Card size="small" title="各乡镇每月调研批次(颜色越深,接待越多)">
        <Table
          rowKey="orgId"
          size="small"
          pagination={false}
          loading={h.isFetching}
          dataSource={h.data?.rows}
          scroll={{ x: 900 }}
          columns={[
            { title: '单位', dataIndex: 'name', fixed: 'left', width: 150 },
            ...MONTHS.map((m, i) => ({
              title: m,
              key: m,
              width: 52,
              render: (_: unknown, r: { months: number[] }) => cell(r.months[i]),
            })),
            { title: '全年', dataIndex: 'total', width: 64, align: 'center' as const },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={`${year}年尚无调研的地方(${u.data?.items.length ?? 0})`}
            extra={
              <Radio.Group
                size="small"
                value={level}
                onChange={(e) => setLevel(e.target.value)}
                optionType="button"
                options={[
                  { value: 'village', label: '村/社区' },
                  { value: 'township', label: '乡镇/部门' },
                ]}
              />
            }
          >
            <Typography.Paragraph type="secondary">
              调研要多到困难较多、矛盾突出、工作后进的地方去。
            </Typography.Paragraph>
            {u.data?.items.length ? (
              <List
                size="small"
                style={{ maxHeight: 360, overflow: 'auto' }}
                dataSource={u.data.items}
                renderItem={(o) => (
                  <List.Item>
                    {o.name}
                    <Typography.Text type="secondary">{o.parentName}</Typography.Text>
                  </List.Item>
                )}
              />
            ) : (
              <Empty description="今年每个地方都有调研" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <RulesCard />
        </Col>
      </Row>
    </Space>
  );
}

/** Blank cells mean "no limit": they are left out rather than sent as null. */
const clean = (v: Limits): Limits => ({
  ...v,
  escortLimits: Object.fromEntries(
    Object.entries(v.escortLimits ?? {}).map(([k, hosts]) => [
      k,
      Object.fromEntries(Object.entries(hosts ?? {}).filter(([, n]) => typeof n === 'number')),
    ]),
  ),
});

function RulesCard() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const [form] = Form.useForm<Limits>();
  const { data } = useQuery({ queryKey: ['research', 'limits'], queryFn: getLimits });
  const save = useMutation({
    mutationFn: putLimits,
    onSuccess: () => {
      message.success('统筹规则已保存');
      void qc.invalidateQueries({ queryKey: ['research'] });
    },
  });
  if (!data) return null;
  const editable = can('research.coordinate');
  return (
    <Card size="small" title="统筹规则">
      {save.error && <Alert type="error" message={(save.error as Error).message} />}
      <Form
        form={form}
        layout="horizontal"
        initialValues={data}
        disabled={!editable}
        onFinish={(v) => save.mutate(clean(v))}
        labelCol={{ span: 12 }}
      >
        <Form.Item name="windowDays" label="同一地点重复调研间隔(天)">
          <InputNumber min={0} max={90} />
        </Form.Item>
        <Form.Item name="monthlyMax" label="每个地方每月接待上限(批)">
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Form.Item name="classicRouteMax" label="经典路线:一年接待达(次)">
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Typography.Text strong>陪同人数上限(来访层级 × 接待层级)</Typography.Text>
        <Table
          size="small"
          rowKey="v"
          pagination={false}
          dataSource={VISITOR_LEVELS.map((v) => ({ v }))}
          columns={[
            { title: '来访', dataIndex: 'v', width: 80 },
            ...HOST_LEVELS.map((h) => ({
              title: `${h}陪同`,
              key: h,
              render: (_: unknown, r: { v: string }) => (
                <Form.Item name={['escortLimits', r.v, h]} noStyle>
                  <InputNumber min={0} max={50} size="small" style={{ width: 64 }} />
                </Form.Item>
              ),
            })),
          ]}
        />
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 12 }}>
            保存
          </Button>
        )}
      </Form>
    </Card>
  );
}
