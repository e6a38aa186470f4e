import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { InterviewRow, StatsRow } from '../../../../common/contracts/windows-supervision.ts';
import { DATE_INPUT_FORMATS, fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { OrgSelect } from './OrgSelect.tsx';
import { statsApi, thisMonth } from './api.ts';
import { SettingsCard } from './SettingsCard.tsx';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
type GroupBy = 'window' | 'unit' | 'township';

/** 月度统计与排名: per window/unit/township, the 办事最难窗口, the trend, 约谈 records, the 通报. */
export default function StatsPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? thisMonth();
  const groupBy = (params.get('groupBy') as GroupBy) ?? 'window';
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const set = (k: string, v?: string | number) => {
    const n = new URLSearchParams(params);
    if (v === undefined) n.delete(k);
    else n.set(k, String(v));
    setParams(n);
  };
  const s = useQuery({
    queryKey: ['windows', 'stats', month, groupBy, orgId],
    queryFn: () => statsApi.stats({ month, groupBy, orgId }),
  });
  const tr = useQuery({ queryKey: ['windows', 'trend', orgId], queryFn: () => statsApi.trend({ months: 12, orgId }) });
  const t = s.data?.total;
  const points = tr.data?.points ?? [];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['好评率', '差评整改率', '差评数'] },
    grid: { left: 40, right: 40, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    yAxis: [
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', minInterval: 1 },
    ],
    series: [
      { name: '好评率', type: 'line', data: points.map((p) => p.goodRate), connectNulls: true },
      { name: '差评整改率', type: 'line', data: points.map((p) => p.rectifyRate), connectNulls: true },
      {
        name: '差评数',
        type: 'bar',
        yAxisIndex: 1,
        data: points.map((p) => p.badCount),
        itemStyle: { color: '#ff7875' },
      },
    ],
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="好差评统计与排名"
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              aria-label="月份"
              value={dayjs(`${month}-01`)}
              format="YYYY年MM月"
              onChange={(d) => d && set('month', d.format('YYYY-MM'))}
            />
            <Segmented
              value={groupBy}
              onChange={(v) => set('groupBy', String(v))}
              options={[
                { value: 'window', label: '按窗口' },
                { value: 'unit', label: '按单位' },
                { value: 'township', label: '按乡镇' },
              ]}
            />
            <OrgSelect
              allowClear
              placeholder="范围"
              style={{ width: 180 }}
              value={orgId}
              onChange={(v) => set('orgId', v)}
            />
            <Button onClick={() => statsApi.report(month)}>下载月度通报</Button>
          </Space>
        }
      >
        {s.error && <Alert type="error" message={(s.error as Error).message} />}
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {[
            ['有效评价', t?.ratings ?? 0, '条'],
            ['好评率', t?.goodRate ?? '—', '%'],
            ['差评', t?.badCount ?? 0, '条'],
            ['差评整改率', t?.rectifyRate ?? '—', '%'],
            ['回访率', t?.callbackRate ?? '—', '%'],
            ['平均响应', t?.avgResponseHours ?? '—', '小时'],
          ].map(([title, v, suffix]) => (
            <Col xs={12} md={4} key={title}>
              <Statistic title={title} value={v} suffix={v === '—' ? undefined : suffix} />
            </Col>
          ))}
        </Row>
        <Table<StatsRow>
          rowKey="key"
          size="small"
          loading={s.isLoading}
          dataSource={s.data?.rows}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 60, render: (v) => v ?? '—' },
            { title: groupBy === 'window' ? '窗口' : groupBy === 'unit' ? '单位' : '乡镇', dataIndex: 'name' },
            ...(groupBy === 'window' ? [{ title: '所属单位', dataIndex: 'orgName' }] : []),
            { title: '评价数', dataIndex: 'ratings', width: 70 },
            { title: '好评率', dataIndex: 'goodRate', width: 80, render: pct },
            { title: '差评', dataIndex: 'badCount', width: 60 },
            { title: '差评整改率', dataIndex: 'rectifyRate', width: 96, render: pct },
            { title: '回访率', dataIndex: 'callbackRate', width: 76, render: pct },
            { title: '平均响应(小时)', dataIndex: 'avgResponseHours', width: 110, render: (v) => v ?? '—' },
            { title: '未评价率', dataIndex: 'unratedRate', width: 84, render: pct },
            { title: '已核验', dataIndex: 'verified', width: 70 },
            { title: '待核/申诉成立', key: 'x', width: 110, render: (_, r) => `${r.suspect} / ${r.excluded}` },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          好评 = 非常满意、满意、基本满意;差评 =
          不满意、非常不满意。申诉成立的评价和待核评价不计入;名次只排有效评价达到"办事最难窗口"评选门槛的对象。
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card
            title={'"办事最难窗口"'}
            size="small"
            extra={<Typography.Text type="secondary">{s.data?.rule}</Typography.Text>}
          >
            <List
              dataSource={s.data?.hardest ?? []}
              locale={{ emptyText: '本月无窗口达到评选条件' }}
              renderItem={(h, i) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong type="danger">
                      {i + 1}. {h.orgName} · {h.name}
                    </Typography.Text>
                    <Typography.Text type="secondary">{h.why}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="近 12 个月趋势" size="small">
            <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge />
          </Card>
        </Col>
      </Row>
      <Interviews canRecord={can('window.supervise')} month={month} />
      {can('window.supervise') && <SettingsCard />}
    </Space>
  );
}

function Interviews({ canRecord, month }: { canRecord: boolean; month: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['windows', 'interviews'], queryFn: () => statsApi.interviews({}) });
  const [rec, setRec] = useState<InterviewRow | null>(null);
  const run = useMutation({
    mutationFn: () => statsApi.runInterviews(month),
    onSuccess: (r) => {
      message.success(`新建约谈 ${r.interviewsCreated} 条`);
      void qc.invalidateQueries({ queryKey: ['windows', 'interviews'] });
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Card
      title="约谈记录(连续两个月列入办事最难窗口)"
      size="small"
      extra={
        canRecord && (
          <Button size="small" loading={run.isPending} onClick={() => run.mutate()}>
            按 {month} 生成约谈
          </Button>
        )
      }
    >
      <Table<InterviewRow>
        rowKey="id"
        size="small"
        dataSource={q.data?.items}
        pagination={false}
        scroll={{ x: 700 }}
        columns={[
          { title: '月份', dataIndex: 'month', width: 90 },
          { title: '窗口', dataIndex: 'windowName' },
          { title: '单位', dataIndex: 'orgName' },
          { title: '原因', dataIndex: 'reason', ellipsis: true },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (v: string) => <Tag color={v === '已约谈' ? 'green' : 'red'}>{v}</Tag>,
          },
          {
            title: '约谈',
            key: 'h',
            render: (_, r) =>
              r.heldDate ? (
                `${fmtDate(r.heldDate)} ${r.interviewer}:${r.record}`
              ) : canRecord ? (
                <Button size="small" type="link" onClick={() => setRec(r)}>
                  记录约谈
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {rec && <RecordModal row={rec} onClose={() => setRec(null)} />}
    </Card>
  );
}

function RecordModal({ row, onClose }: { row: InterviewRow; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { heldDate: dayjs.Dayjs; interviewer: string; record: string }) =>
      statsApi.recordInterview(row.id, {
        heldDate: v.heldDate.format('YYYY-MM-DD'),
        interviewer: v.interviewer,
        record: v.record,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['windows', 'interviews'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`记录约谈:${row.windowName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText="保存"
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ heldDate: dayjs() }}>
        <Form.Item name="heldDate" label="约谈日期" rules={[{ required: true }]}>
          <DatePicker format={DATE_INPUT_FORMATS} />
        </Form.Item>
        <Form.Item name="interviewer" label="约谈人" rules={[{ required: true, message: '请填写约谈人' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="record" label="约谈记录" rules={[{ required: true, message: '请填写约谈记录' }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        {save.error && <Alert type="error" message={(save.error as Error).message} />}
      </Form>
    </Modal>
  );
}
