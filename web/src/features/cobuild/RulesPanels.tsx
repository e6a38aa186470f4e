/** 积分规则 versions, 一票否决 and manual adjustments (组织部 only for changes). */
import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { COBUILD_ACTIONS, COBUILD_CAP_PERIODS } from '../../../../common/enums.ts';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import MemberPicker from '../users/MemberPicker.tsx';
import { cobuildApi, type PointRules, type RuleVersion } from './api.ts';
import { day } from './CommunityNeeds.tsx';
import { useUnits } from './model.tsx';
import { FormButton, ReasonButton } from './widgets.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';

const CAP_ACTIONS = ['report', 'service', 'leadProject', 'needFulfilled'] as const;
const describe = (r: PointRules) =>
  `报到 ${r.actions.report} 分;志愿服务每小时 ${r.actions.serviceHour} 分;牵头项目 ${r.actions.leadProject} 分;认领需求完成 ${r.actions.needFulfilled} 分`;

export function RulesTab() {
  const { can } = useAuth();
  const q = useQuery({ queryKey: ['cobuild', 'rules'], queryFn: cobuildApi.rules });
  const current = q.data?.items.find((r) => r.current);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('cobuild.settings') && <NewRuleButton base={current} />}
      {!q.data?.items.length && !q.isLoading && (
        <Typography.Text type="secondary">
          尚未发布积分规则,按系统默认规则计分(报到 5 分,每小时服务 1 分,志愿服务每年封顶 50 分等)。
        </Typography.Text>
      )}
      {q.data?.items.map((r) => (
        <Card
          key={r.id}
          size="small"
          title={`第 ${r.version} 版 · ${fmtDate(r.effectiveDate)}起施行`}
          extra={r.current ? <Tag color="green">现行</Tag> : null}
        >
          <div>{describe(r.rules)}</div>
          <div>
            封顶:
            {r.rules.caps.length
              ? r.rules.caps
                  .map((c) => `${COBUILD_ACTIONS[c.action]}${COBUILD_CAP_PERIODS[c.period]}不超过 ${c.max} 分`)
                  .join(';')
              : '无'}
          </div>
          <div>
            {`${r.rules.vetoEnabled ? '启用一票否决(否决期间积分清零)' : '不启用一票否决'};${r.rules.yearlyReset ? '每年清零' : '逐年累计'}`}
          </div>
          {r.note && <Typography.Text type="secondary">说明:{r.note}</Typography.Text>}
        </Card>
      ))}
    </Space>
  );
}

type RuleForm = Omit<PointRules, 'vetoEnabled' | 'yearlyReset'> & {
  effectiveDate: Dayjs;
  vetoEnabled?: boolean;
  yearlyReset?: boolean;
  note?: string;
};

function NewRuleButton({ base }: { base?: RuleVersion }) {
  const init = base?.rules ?? {
    actions: { report: 5, serviceHour: 1, leadProject: 5, needFulfilled: 2 },
    caps: [{ action: 'service', period: 'year', max: 50 }],
    vetoEnabled: true,
    yearlyReset: true,
  };
  return (
    <FormButton<RuleForm>
      label="发布新版规则"
      button={{ type: 'primary' }}
      title="发布新版积分规则"
      okText="发布"
      ok="新版规则已发布"
      width={640}
      initialValues={{ ...init, effectiveDate: dayjs() }}
      submit={(v) =>
        cobuildApi.addRule({
          effectiveDate: day(v.effectiveDate),
          rules: { actions: v.actions, caps: v.caps ?? [], vetoEnabled: !!v.vetoEnabled, yearlyReset: !!v.yearlyReset },
          note: v.note || null,
        })
      }
    >
      <Form.Item name="effectiveDate" label="生效日期(已记入的积分按原版本)" rules={[{ required: true }]}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <Space wrap>
        <Form.Item name={['actions', 'report']} label="报到">
          <InputNumber min={0} max={100} suffix="分" />
        </Form.Item>
        <Form.Item name={['actions', 'serviceHour']} label="每小时服务">
          <InputNumber min={0} max={20} step={0.5} suffix="分" />
        </Form.Item>
        <Form.Item name={['actions', 'leadProject']} label="牵头项目">
          <InputNumber min={0} max={100} suffix="分" />
        </Form.Item>
        <Form.Item name={['actions', 'needFulfilled']} label="认领需求完成">
          <InputNumber min={0} max={100} suffix="分" />
        </Form.Item>
      </Space>
      <Form.List name="caps">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} wrap align="baseline">
                <Form.Item name={[f.name, 'action']} rules={[{ required: true }]}>
                  <Select
                    style={{ width: 130 }}
                    options={CAP_ACTIONS.map((a) => ({ value: a, label: COBUILD_ACTIONS[a] }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'period']} rules={[{ required: true }]}>
                  <Select
                    style={{ width: 100 }}
                    options={Object.entries(COBUILD_CAP_PERIODS).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'max']} rules={[{ required: true }]}>
                  <InputNumber min={0} step={0.5} prefix="≤" suffix="分" />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(f.name)}>
                  删除
                </Button>
              </Space>
            ))}
            <Button onClick={() => add({ action: 'service', period: 'year', max: 50 })}>添加封顶</Button>
          </>
        )}
      </Form.List>
      <Space style={{ marginTop: 12 }}>
        <Form.Item name="vetoEnabled" valuePropName="checked">
          <Checkbox>启用一票否决</Checkbox>
        </Form.Item>
        <Form.Item name="yearlyReset" valuePropName="checked">
          <Checkbox>每年清零</Checkbox>
        </Form.Item>
      </Space>
      <Form.Item name="note" label="修订说明">
        <Input maxLength={500} />
      </Form.Item>
    </FormButton>
  );
}

/** Member or unit, as the subject of a veto or an adjustment. */
function SubjectFields() {
  const units = useUnits();
  return (
    <>
      <Form.Item name="memberId" label="党员">
        <MemberPicker />
      </Form.Item>
      <Form.Item name="unitId" label="或单位">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data?.items ?? []).map((u) => ({ value: u.unit.id, label: u.unit.name }))}
        />
      </Form.Item>
    </>
  );
}

interface Subject {
  memberId?: number;
  unitId?: number;
  reason: string;
}

export function VetoButton() {
  return (
    <FormButton<Subject & { year: number; quarter?: number }>
      label="一票否决"
      button={{ danger: true }}
      title="一票否决(否决期间积分清零)"
      okText="否决"
      okButtonProps={{ danger: true }}
      ok="已否决"
      initialValues={{ year: dayjs().year() }}
      submit={(v) =>
        cobuildApi.veto({ memberId: v.memberId, unitId: v.unitId, year: v.year, quarter: v.quarter, reason: v.reason })
      }
    >
      <SubjectFields />
      <Space>
        <Form.Item name="year" label="年度" rules={[{ required: true }]}>
          <InputNumber min={2020} max={2100} />
        </Form.Item>
        <Form.Item name="quarter" label="季度(不选为全年)">
          <Select
            allowClear
            style={{ width: 110 }}
            options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))}
          />
        </Form.Item>
      </Space>
      <Form.Item
        name="reason"
        label="否决理由"
        rules={[{ required: true, min: 4, message: '请写明否决理由(至少 4 个字)' }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormButton>
  );
}

export function AdjustButton() {
  return (
    <FormButton<Subject & { points: number }>
      label="人工调整积分"
      title="人工调整积分(须写明理由,留痕)"
      okText="调整"
      ok="已调整"
      submit={(v) => cobuildApi.adjust({ memberId: v.memberId, unitId: v.unitId, points: v.points, reason: v.reason })}
    >
      <SubjectFields />
      <Form.Item name="points" label="调整分值(可为负)" rules={[{ required: true }]}>
        <InputNumber min={-100} max={100} step={0.5} />
      </Form.Item>
      <Form.Item
        name="reason"
        label="调整理由"
        rules={[{ required: true, min: 4, message: '请写明调整理由(至少 4 个字)' }]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormButton>
  );
}

export function VetoesTable() {
  const { can } = useAuth();
  const q = useQuery({ queryKey: ['cobuild', 'vetoes'], queryFn: () => cobuildApi.vetoes() });
  return (
    <QueryTable
      query={q}
      emptyText="没有否决记录"
      columns={[
        { title: '对象', render: (_, v) => `${v.subject.name}${v.subject.kind === 'unit' ? '(单位)' : ''}` },
        { title: '期间', dataIndex: 'period' },
        { title: '理由', dataIndex: 'reason' },
        {
          title: '状态',
          render: (_, v) => (v.status === 'active' ? <Tag color="red">否决中</Tag> : <Tag>已撤销:{v.liftReason}</Tag>),
        },
        {
          title: '',
          render: (_, v) =>
            v.status === 'active' && can('cobuild.settings') ? (
              <ReasonButton
                label="撤销"
                title="撤销一票否决"
                ok="已撤销,积分恢复"
                onReason={(r) => cobuildApi.liftVeto(v.id, r)}
              />
            ) : null,
        },
      ]}
    />
  );
}
