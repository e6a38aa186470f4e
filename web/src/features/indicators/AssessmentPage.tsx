import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Drawer, Form, Input, InputNumber, Radio, Select, Space, Table, Tag } from 'antd';
import type {
  AdjustmentInput,
  AssessmentCreate,
  AssessmentDetail,
  AssessmentUnit,
  MonthlyScoreInput,
  ObjectionInput,
} from '../../../../common/contracts/assessments.ts';
import { ASSESSMENT_ADJUSTMENTS, ASSESSMENT_SOURCES } from '../../../../common/enums.ts';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ObjectionTable } from '../../components/ObjectionTable.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import * as A from './assessments.api.ts';

const GRADE_COLOR: Record<string, string> = { 优秀: 'gold', 良好: 'green', 合格: 'blue', 不合格: 'red' };
const STATUS_COLOR: Record<string, string> = { 评分中: 'processing', 公示中: 'warning', 已发布: 'success' };
const SOURCES = Object.entries(ASSESSMENT_SOURCES) as [keyof typeof ASSESSMENT_SOURCES, string][];

/** 年度综合考核: schemes of the year, each unit's score from the records, quotas, 公示 and results. */
export default function AssessmentPage() {
  const { can } = useAuth();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: [...A.assessmentKeys.all, 'list', year], queryFn: () => A.listAssessments(year) });
  return (
    <Card
      title="年度综合考核"
      extra={
        <Space wrap>
          年度
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label="年度" />
          {can('indicator.manage') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              设立考核
            </Button>
          )}
        </Space>
      }
    >
      {list.error && <Alert type="error" message={(list.error as Error).message} />}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 640 }}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '考核', dataIndex: 'name' },
          { title: '组织单位', dataIndex: 'ownerOrgName' },
          { title: '参加单位', dataIndex: 'units', width: 90 },
          { title: '状态', dataIndex: 'status', render: (v) => <Tag color={STATUS_COLOR[v]}>{v}</Tag> },
          {
            title: '公示期',
            render: (_, r) =>
              r.publicityStartDate ? `${fmtDate(r.publicityStartDate)}至${fmtDate(r.publicityEndDate)}` : '—',
          },
        ]}
      />
      {open && <AssessmentDrawer id={open} onClose={() => setOpen(null)} />}
      {creating && <CreateModal year={year} onClose={() => setCreating(false)} />}
    </Card>
  );
}

/** The dialog's fields: the scheme, with a weight per source (a source weighted 0 is left out). */
type CreateValues = Pick<AssessmentCreate, 'name' | 'orgIds' | 'excellentPercent' | 'goodPercent'> & {
  weights?: Partial<Record<keyof typeof ASSESSMENT_SOURCES, number>>;
};

function CreateModal({ year, onClose }: { year: number; onClose: () => void }) {
  const [form] = Form.useForm();
  const save = useAction(
    (v: CreateValues) =>
      A.createAssessment({
        year,
        name: v.name,
        orgIds: v.orgIds,
        parts: SOURCES.flatMap(([k]) =>
          (v.weights?.[k] ?? 0) > 0 ? [{ source: k, weight: v.weights?.[k] ?? 0 }] : [],
        ),
        excellentPercent: v.excellentPercent,
        goodPercent: v.goodPercent,
      }),
    { invalidate: [A.assessmentKeys.all], inline: true },
  );
  return (
    <FormModal
      title="设立年度综合考核"
      form={form}
      width={Math.min(640, window.innerWidth)}
      okText="设立"
      action={save}
      onClose={onClose}
      initialValues={{
        name: `${year}年度综合考核`,
        excellentPercent: 15,
        goodPercent: 20,
        weights: {
          'indicators.completion': 40,
          'tasks.onTimeRate': 20,
          'reviews.goodRate': 10,
          'standards.score': 10,
          'windows.satisfactionRate': 10,
          monthly: 10,
        },
      }}
    >
      <Form.Item name="name" label="考核名称" rules={[{ required: true, min: 4 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="orgIds" label="参加考核单位" rules={[{ required: true, message: '请选择参加考核单位' }]}>
        <OrgTreeSelect multiple treeCheckable showCheckedStrategy="SHOW_ALL" />
      </Form.Item>
      <p>各项权重(%,合计 100;每项得分均由记录计算,无数据的项目按其余项目折算)</p>
      <Space wrap>
        {SOURCES.map(([k, label]) => (
          <Form.Item key={k} name={['weights', k]} label={label} style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={100} style={{ width: 110 }} aria-label={`${label}权重`} />
          </Form.Item>
        ))}
      </Space>
      <Space wrap>
        <Form.Item name="excellentPercent" label="优秀比例上限(%)">
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="goodPercent" label="良好比例上限(%)">
          <InputNumber min={0} max={100} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

type Dialog = { kind: 'score' | 'adjust' | 'object'; orgId?: number } | null;

function AssessmentDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const q = useQuery({ queryKey: [...A.assessmentKeys.all, 'detail', id], queryFn: () => A.getAssessment(id) });
  const objections = useQuery({
    queryKey: [...A.assessmentKeys.all, 'objections', id],
    queryFn: () => A.listObjections(id),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const invalidate = [A.assessmentKeys.all];
  const compute = useAction(() => A.computeAssessment(id), {
    invalidate,
    success: (r) => `已从记录计算 ${r.units} 个单位的得分`,
  });
  const publicity = useAction(() => A.startPublicity(id), { invalidate, success: '已开始公示' });
  const publish = useAction(() => A.publishAssessment(id), { invalidate, success: '结果已发布' });
  const d = q.data;
  return (
    <Drawer open onClose={onClose} width={Math.min(1100, window.innerWidth)} title={d?.name ?? '年度综合考核'}>
      {q.error && <Alert type="error" message={(q.error as Error).message} />}
      {d && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color={STATUS_COLOR[d.status]}>{d.status}</Tag>
            <span>
              权重:{d.parts.map((p) => `${p.label} ${p.weight}%`).join('、')};优秀不超过 {d.excellentPercent}
              %,良好不超过 {d.goodPercent}%
            </span>
            {d.publicityStartDate && (
              <span>
                公示期 {fmtDate(d.publicityStartDate)}至{fmtDate(d.publicityEndDate)}
              </span>
            )}
          </Space>
          <Space wrap style={{ marginBottom: 12 }}>
            {d.canManage && d.status !== '已发布' && (
              <>
                <Button type="primary" loading={compute.isPending} onClick={() => compute.mutate()}>
                  从记录计算
                </Button>
                {d.parts.some((p) => p.source === 'monthly') && (
                  <Button onClick={() => setDialog({ kind: 'score' })}>平时考核评分</Button>
                )}
                <Button onClick={() => setDialog({ kind: 'adjust' })}>加分/扣分/一票否决</Button>
                {d.status === '评分中' && (
                  <Button loading={publicity.isPending} onClick={() => publicity.mutate()}>
                    公示
                  </Button>
                )}
                {d.status === '公示中' && (
                  <Button loading={publish.isPending} onClick={() => publish.mutate()}>
                    发布结果
                  </Button>
                )}
              </>
            )}
            {d.status === '公示中' && !d.canManage && (
              <Button onClick={() => setDialog({ kind: 'object', orgId: d.units[0]?.orgId })}>提出异议</Button>
            )}
            <Button onClick={() => A.resultsXlsx(id)}>导出结果表</Button>
          </Space>
          <UnitsTable d={d} />
          <h4 style={{ marginTop: 16 }}>加减分与否决(每条均有理由)</h4>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={d.adjustments}
            locale={{ emptyText: '无' }}
            columns={[
              { title: '单位', render: (_, r) => d.units.find((u) => u.orgId === r.orgId)?.orgName },
              { title: '类别', dataIndex: 'kind' },
              { title: '分值', dataIndex: 'points', render: (v) => v ?? '—' },
              { title: '理由', dataIndex: 'reason' },
              { title: '登记人', dataIndex: 'byName' },
            ]}
          />
          <h4 style={{ marginTop: 16 }}>异议</h4>
          <ObjectionTable
            items={objections.data?.items}
            loading={objections.isLoading}
            error={objections.error}
            subject="单位"
            verdicts={['采纳', '不予采纳']}
            empty="无"
            answer={d.canManage ? (o) => <AnswerBox id={id} oid={o.id} /> : undefined}
          />
        </>
      )}
      {d && dialog && <RecordModal d={d} dialog={dialog} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}

function UnitsTable({ d }: { d: AssessmentDetail }) {
  return (
    <Table<AssessmentUnit>
      rowKey="orgId"
      size="small"
      pagination={false}
      scroll={{ x: 900 }}
      dataSource={d.units}
      expandable={{
        expandedRowRender: (u) => (
          <ul style={{ margin: 0 }}>
            {u.parts.map((p) => (
              <li key={p.source}>
                {p.label}(权重 {p.weight}%):{p.value == null ? '无数据' : `${p.value} → ${p.points} 分`},{p.detail}
                {p.link && (
                  <a href={p.link} style={{ marginLeft: 8 }}>
                    查看记录
                  </a>
                )}
              </li>
            ))}
          </ul>
        ),
      }}
      columns={[
        { title: '排名', dataIndex: 'rank', width: 60, render: (v) => v ?? '—' },
        { title: '单位', dataIndex: 'orgName', width: 140 },
        ...d.parts.map((p) => ({
          title: `${p.label}`,
          key: p.source,
          render: (_: unknown, u: AssessmentUnit) => {
            const x = u.parts.find((y) => y.source === p.source);
            return x?.points == null ? <span style={{ color: '#999' }}>无数据</span> : x.points;
          },
        })),
        { title: '加分', dataIndex: 'bonus', width: 60 },
        { title: '扣分', dataIndex: 'deduction', width: 60 },
        { title: '总分', dataIndex: 'total', width: 70, render: (v) => <b>{v ?? '—'}</b> },
        {
          title: '等次',
          dataIndex: 'grade',
          width: 80,
          render: (v) => (v ? <Tag color={GRADE_COLOR[v]}>{v}</Tag> : '—'),
        },
        {
          title: '说明',
          render: (_, u) => [...u.vetoReasons.map((r) => `一票否决:${r}`), u.note].filter(Boolean).join(';'),
        },
      ]}
    />
  );
}

function AnswerBox({ id, oid }: { id: number; oid: number }) {
  const [text, setText] = useState('');
  const answer = useAction(() => A.answerObjection(id, oid, { answer: text, upheld: false }), {
    invalidate: [A.assessmentKeys.all],
    success: '已答复',
  });
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={text} onChange={(e) => setText(e.target.value)} placeholder="答复内容" aria-label="答复内容" />
      <Button loading={answer.isPending} onClick={() => answer.mutate()}>
        答复
      </Button>
    </Space.Compact>
  );
}

function RecordModal({
  d,
  dialog,
  onClose,
}: {
  d: AssessmentDetail;
  dialog: NonNullable<Dialog>;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const units = d.units.map((u) => ({ value: u.orgId, label: u.orgName }));
  const title = { score: '平时考核评分', adjust: '加分、扣分、一票否决', object: '提出异议' }[dialog.kind];
  const save = useAction(
    // one form for the three dialogs: each sends the fields it shows
    (v: MonthlyScoreInput & AdjustmentInput & ObjectionInput): Promise<unknown> =>
      dialog.kind === 'score'
        ? A.setScore(d.id, v)
        : dialog.kind === 'adjust'
          ? A.addAdjustment(d.id, { ...v, points: v.kind === '一票否决' ? undefined : v.points })
          : A.raiseObjection(d.id, v),
    { invalidate: [A.assessmentKeys.all], inline: true },
  );
  return (
    <FormModal
      title={title}
      form={form}
      action={save}
      onClose={onClose}
      initialValues={{ orgId: dialog.orgId, kind: '加分', month: 12 }}
    >
      <Form.Item name="orgId" label="单位" rules={[{ required: true }]}>
        <Select options={units} />
      </Form.Item>
      {dialog.kind === 'score' && (
        <Space wrap>
          <Form.Item name="month" label="月份" rules={[{ required: true }]}>
            <InputNumber min={1} max={12} />
          </Form.Item>
          <Form.Item name="score" label="得分(0–100)" rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Space>
      )}
      {dialog.kind === 'adjust' && (
        <Space wrap>
          <Form.Item name="kind" label="类别">
            <Radio.Group options={[...ASSESSMENT_ADJUSTMENTS]} />
          </Form.Item>
          <Form.Item name="points" label="分值">
            <InputNumber min={0.1} max={20} step={0.1} />
          </Form.Item>
        </Space>
      )}
      <Form.Item
        name={dialog.kind === 'object' ? 'text' : 'reason'}
        label={dialog.kind === 'object' ? '异议内容' : dialog.kind === 'score' ? '评分依据' : '理由'}
        rules={[{ required: true, min: dialog.kind === 'score' ? 2 : 4 }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
