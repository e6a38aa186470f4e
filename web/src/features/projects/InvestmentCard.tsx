import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { InvestmentGrid, InvestmentMonth } from '../../../../common/contracts/projects.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { LightDot } from '../tasks/TaskTags.tsx';
import { projectKeys, projectsApi } from './api.ts';

const money = (v: number | null | undefined) =>
  v == null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const monthName = (p: string) => `${Number(p.slice(5, 7))}月`;

/**
 * 项目投资 of a key project: 计划 / 完成 / 累计 / 完成率 by month, the project's light with its
 * reasons; 督查 sets the year's plan, the lead unit reports each month (a locked month says so).
 */
export function InvestmentCard({ taskId }: { taskId: number }) {
  const [year, setYear] = useState<number | undefined>();
  // A phone keeps 月份 / 计划 / 完成 / 完成率 and the 填报 button on screen; the 累计 columns go.
  const narrow = !Grid.useBreakpoint().md;
  const q = useQuery({
    queryKey: projectKeys.investment(taskId, year),
    queryFn: () => projectsApi.investment(taskId, year),
  });
  const [plan, setPlan] = useState(false);
  const [month, setMonth] = useState<InvestmentMonth | null>(null);
  const g = q.data;
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  if (!g) return <Card size="small" loading title="项目投资" />;
  const thisYear = dayjs().year();
  const years = [...new Set([...g.years, g.year, thisYear])].sort();
  const current = dayjs().format('YYYY-MM');
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>项目投资(万元)</span>
          {g.light && <LightDot light={g.light} reasons={g.reasons} />}
        </Space>
      }
      style={{ marginTop: 12 }}
      extra={
        <Space wrap>
          <Select
            size="small"
            value={g.year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            aria-label="年度"
          />
          {g.canPlan && (
            <Button size="small" onClick={() => setPlan(true)}>
              {g.hasPlan ? '调整计划' : '制定计划'}
            </Button>
          )}
        </Space>
      }
    >
      {g.hasPlan ? (
        <>
          <Space wrap size="large" style={{ marginBottom: 8 }} data-testid="investment-summary">
            <span>全年计划 {money(g.annualPlanned)}</span>
            <span>
              累计完成 <b>{money(g.cumCompleted)}</b> / 序时计划 {money(g.cumPlanned)}
            </span>
            <span>完成率 {g.rate == null ? '—' : `${g.rate}%`}</span>
          </Space>
          {g.reasons.length > 0 && (
            <Alert
              type={g.light === 'red' ? 'error' : 'warning'}
              showIcon
              title={g.reasons.join(';')}
              style={{ marginBottom: 8 }}
            />
          )}
          <Table<InvestmentMonth>
            size="small"
            rowKey="period"
            pagination={false}
            scroll={narrow ? undefined : { x: 620 }}
            dataSource={g.months}
            columns={[
              { title: '月份', dataIndex: 'period', width: 56, render: monthName },
              { title: '计划', dataIndex: 'planned', align: 'right', render: money },
              {
                title: '完成',
                dataIndex: 'completed',
                align: 'right',
                render: (v: number | null, m) => (
                  <span title={m.note ?? undefined}>
                    {m.overdue ? <Tag color="red">逾期未报</Tag> : money(v)}
                    {m.onTime === false && <Tag style={{ marginLeft: 4 }}>补报</Tag>}
                  </span>
                ),
              },
              ...(narrow
                ? []
                : [
                    { title: '累计计划', dataIndex: 'cumPlanned', align: 'right' as const, render: money },
                    { title: '累计完成', dataIndex: 'cumCompleted', align: 'right' as const, render: money },
                  ]),
              {
                title: '完成率',
                dataIndex: 'rate',
                align: 'right',
                render: (v: number | null) => (v == null ? '—' : `${v}%`),
              },
              ...(g.canReport
                ? [
                    {
                      title: '填报',
                      key: 'act',
                      width: narrow ? 64 : 96,
                      render: (_: unknown, m: InvestmentMonth) =>
                        m.period > current ? null : m.locked ? (
                          <Typography.Text type="secondary" title={`已于${fmtDate(m.deadlineDate)}截止,需上级解锁`}>
                            已截止
                          </Typography.Text>
                        ) : (
                          <Button size="small" type="link" onClick={() => setMonth(m)}>
                            {m.completed == null ? '填报' : '修改'}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      ) : (
        <Typography.Text type="secondary">
          {g.year}年尚未制定投资计划{g.canPlan ? ',请先制定计划(分解到月)' : ''}。
        </Typography.Text>
      )}
      {plan && <PlanModal grid={g} onClose={() => setPlan(false)} />}
      {month && <ReportModal grid={g} month={month} onClose={() => setMonth(null)} />}
    </Card>
  );
}

type PlanValues = { year: number; months: (number | null)[] };

function PlanModal({ grid, onClose }: { grid: InvestmentGrid; onClose(): void }) {
  const save = useAction((v: PlanValues) => projectsApi.savePlan(grid.taskId, v), {
    success: '投资计划已保存',
    invalidate: [projectKeys.all, ['indicators']],
    inline: true,
  });
  return (
    <FormModal<PlanValues>
      title={`${grid.year}年投资计划(万元)`}
      okText="保存"
      action={save}
      onClose={onClose}
      width={640}
      initialValues={{ year: grid.year, months: grid.months.map((m) => m.planned) }}
    >
      <Form.Item name="year" hidden>
        <InputNumber />
      </Form.Item>
      <Row gutter={12}>
        {grid.months.map((m, i) => (
          <Col xs={12} sm={8} key={m.period}>
            <Form.Item name={['months', i]} label={monthName(m.period)}>
              <InputNumber
                min={0}
                precision={2}
                style={{ width: '100%' }}
                aria-label={`${monthName(m.period)}计划投资`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </FormModal>
  );
}

type ReportValues = { completed: number; note?: string };

function ReportModal({ grid, month, onClose }: { grid: InvestmentGrid; month: InvestmentMonth; onClose(): void }) {
  const save = useAction(
    (v: ReportValues) =>
      projectsApi.report(grid.taskId, month.period, { completed: v.completed, note: v.note || null }),
    { success: '完成投资已报送', invalidate: [projectKeys.all, ['indicators']], inline: true },
  );
  return (
    <FormModal<ReportValues>
      title={`${month.period.slice(0, 4)}年${monthName(month.period)}完成投资`}
      okText="报送"
      action={save}
      onClose={onClose}
      initialValues={{ completed: month.completed ?? undefined, note: month.note ?? undefined }}
    >
      <Typography.Paragraph type="secondary">
        计划 {money(month.planned)} 万元;报送截止 {fmtDate(month.deadlineDate)}
        {month.unlockedUntilDate ? `(已解锁补报至 ${fmtDate(month.unlockedUntilDate)})` : ''}。
      </Typography.Paragraph>
      <Form.Item name="completed" label="本月完成投资(万元)" rules={[{ required: true, message: '请填写完成投资' }]}>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="说明">
        <Input.TextArea maxLength={500} rows={2} placeholder="形象进度、未达计划的原因等" />
      </Form.Item>
    </FormModal>
  );
}
