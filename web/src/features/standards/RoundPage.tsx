import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ObjectionTable } from '../../components/ObjectionTable.tsx';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate } from '../../lib/format.ts';
import {
  STATUS_COLORS,
  addObjection,
  answerObjection,
  candidates,
  createPlan,
  downloadFile,
  getRound,
  gradeRound,
  listObjections,
  publishRound,
  startPublicity,
  stdKeys,
} from './api.ts';
import { ScoreDistribution } from './charts.tsx';

/** A round's dashboard: progress board, grading, 公示 and objections, 整顿 candidates. */
export default function RoundPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const q = useQuery({ queryKey: stdKeys.round(id), queryFn: () => getRound(id) });
  const obj = useQuery({ queryKey: [...stdKeys.round(id), 'objections'], queryFn: () => listObjections(id) });
  const [objecting, setObjecting] = useState(false);
  const act = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: (r: any) => {
      if (r?.warnings?.length) modal.warning({ title: '指导比例提示', content: r.warnings.join(';') });
      else message.success('已办理');
      qc.invalidateQueries({ queryKey: stdKeys.all });
    },
    onError: (e) => message.error((e as Error).message),
  });
  const r = q.data;
  if (!r) return <Card loading />;
  const manage = can('standards.manage');
  const graded = r.entryRows.some((e) => e.grade);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${r.name}`}
        extra={
          <Space wrap>
            <Tag color={STATUS_COLORS[r.status]}>{r.status}</Tag>
            <Button onClick={() => downloadFile(`/api/standards/rounds/${id}/ranking.xlsx`, `${r.name}排名.xlsx`)}>
              导出排名
            </Button>
            {r.status !== '评分中' && (
              <Button onClick={() => downloadFile(`/api/standards/rounds/${id}/notice.docx`, `${r.name}公示.docx`)}>
                公示文稿
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="评分手册">
            <Link to={`/standards/manuals/${r.manualId}`}>{`${r.manualName}(第 ${r.manualVersion} 版)`}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="计分">{`自评 ${r.selfWeight}% + 初核 ${r.superiorWeight}%`}</Descriptions.Item>
          <Descriptions.Item label="截止">{`自评 ${fmtDate(r.selfDueDate)},初核 ${fmtDate(r.reviewDueDate)}`}</Descriptions.Item>
          {r.publicityStartDate && (
            <Descriptions.Item label="公示期">{`${fmtDate(r.publicityStartDate)} 至 ${fmtDate(r.publicityEndDate)}(${r.objectionDays} 个工作日)`}</Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap size="large" style={{ marginTop: 12 }}>
          {['待自评', '已退回', '待初核', '待审定', '已审定'].map((s) => (
            <Statistic key={s} title={s} value={r.counts[s] ?? 0} />
          ))}
        </Space>
        {r.warnings.map((w) => (
          <Alert key={w} type="warning" showIcon message={w} style={{ marginTop: 8 }} />
        ))}
        {manage && (
          // a block of its own: inline, the buttons sat on the statistics row
          <div style={{ marginTop: 12 }}>
            <Space wrap>
              {r.status === '评分中' && (
                <Button onClick={() => act.mutate(() => gradeRound(id))} disabled={r.approved < r.entries}>
                  评定等次
                </Button>
              )}
              {r.status === '评分中' && graded && (
                <Button type="primary" onClick={() => act.mutate(() => startPublicity(id))}>
                  开始公示
                </Button>
              )}
              {r.status === '公示中' && (
                <Button type="primary" onClick={() => act.mutate(() => publishRound(id))}>
                  发布结果
                </Button>
              )}
            </Space>
          </div>
        )}
      </Card>
      <Card size="small" title="得分分布">
        <ScoreDistribution
          scores={r.entryRows.flatMap((e) => {
            const v = e.total ?? e.superiorScore ?? e.selfScore;
            return v === null ? [] : [v];
          })}
        />
      </Card>
      <Card title="进度看板与结果">
        <Table
          rowKey="id"
          size="small"
          dataSource={r.entryRows}
          pagination={r.entryRows.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 900 }}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 60 },
            {
              title: '支部',
              dataIndex: 'orgName',
              render: (v, e) => <Link to={`/standards/entries/${e.id}`}>{v}</Link>,
            },
            { title: '所属', dataIndex: 'townshipName', width: 120 },
            { title: '状态', dataIndex: 'status', width: 80, render: (v) => <Tag color={STATUS_COLORS[v]}>{v}</Tag> },
            { title: '等待', dataIndex: 'waitingFor', width: 150 },
            { title: '自评', dataIndex: 'selfScore', width: 70 },
            { title: '初核', dataIndex: 'superiorScore', width: 70 },
            { title: '总分', dataIndex: 'total', width: 70 },
            {
              title: '等次',
              dataIndex: 'grade',
              width: 90,
              render: (v, e) =>
                v ? (
                  <Tag color={e.vetoed ? 'red' : 'blue'}>{v}</Tag>
                ) : e.vetoed ? (
                  <Tag color="red">单项否决</Tag>
                ) : null,
            },
          ]}
        />
      </Card>
      {r.status !== '评分中' && (
        <Card
          title="公示异议"
          extra={
            r.status === '公示中' &&
            can('standards.score') && <Button onClick={() => setObjecting(true)}>提出异议</Button>
          }
        >
          <ObjectionTable
            items={obj.data?.items}
            loading={obj.isLoading}
            error={obj.error}
            subject="支部"
            verdicts={['已更正', '维持']}
            answer={manage ? (o) => <AnswerButton roundId={id} objectionId={o.id} /> : undefined}
          />
        </Card>
      )}
      {manage && graded && <Candidates roundId={id} />}
      <ObjectionModal open={objecting} onClose={() => setObjecting(false)} roundId={id} orgs={r.entryRows} />
    </Space>
  );
}

function AnswerButton({ roundId, objectionId }: { roundId: number; objectionId: number }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const m = useMutation({
    mutationFn: (v: any) => answerObjection(roundId, objectionId, v),
    onSuccess: () => {
      message.success('已答复');
      setOpen(false);
      qc.invalidateQueries({ queryKey: stdKeys.all });
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        答复
      </Button>
      <Modal open={open} title="答复异议" onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            m.mutate(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')))
          }
        >
          <Form.Item name="answer" label="答复意见" rules={[{ required: true, message: '请填写答复' }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="newTotal" label="更正总分(异议成立时)">
              <InputNumber min={0} max={1000} />
            </Form.Item>
            <Form.Item name="newGrade" label="更正等次">
              <Input maxLength={20} style={{ width: 120 }} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

function ObjectionModal(p: {
  open: boolean;
  onClose: () => void;
  roundId: number;
  orgs: { orgId: number; orgName: string }[];
}) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const m = useMutation({
    mutationFn: (v: any) => addObjection(p.roundId, v.orgId, v.text),
    onSuccess: () => {
      message.success('异议已登记');
      p.onClose();
      qc.invalidateQueries({ queryKey: stdKeys.all });
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Modal open={p.open} title="提出异议" onCancel={p.onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="orgId" label="对象支部" rules={[{ required: true, message: '请选择支部' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={p.orgs.map((o) => ({ value: o.orgId, label: o.orgName }))}
          />
        </Form.Item>
        <Form.Item name="text" label="异议内容" rules={[{ required: true, message: '请填写异议内容' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Candidates({ roundId }: { roundId: number }) {
  const [percent, setPercent] = useState(10);
  const q = useQuery({
    queryKey: [...stdKeys.round(roundId), 'candidates', percent],
    queryFn: () => candidates(roundId, percent),
  });
  const [target, setTarget] = useState<{ orgId: number; orgName: string; reasons: string[] } | null>(null);
  return (
    <Card
      title="后进/软弱涣散整顿对象"
      extra={
        <Space>
          全县末位比例
          <InputNumber min={1} max={50} value={percent} onChange={(v) => setPercent(v ?? 10)} suffix="%" />
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 8 }}
        message="按全县统一排名确定末位,不按乡镇平均分配名额;书记出缺、组织生活未开展等情形直接列入。"
      />
      <Table
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: '排名', dataIndex: 'rank', width: 60 },
          { title: '支部', dataIndex: 'orgName' },
          { title: '所属', dataIndex: 'townshipName', width: 120 },
          { title: '总分', dataIndex: 'total', width: 70 },
          { title: '依据', dataIndex: 'reasons', render: (v: string[]) => v.join(';') },
          {
            title: '',
            width: 110,
            render: (_, c) =>
              c.onList ? (
                <Tag color="red">整顿中</Tag>
              ) : (
                <Button size="small" onClick={() => setTarget(c)}>
                  列入整顿
                </Button>
              ),
          },
        ]}
      />
      {target && <PlanModal roundId={roundId} target={target} onClose={() => setTarget(null)} />}
    </Card>
  );
}

function PlanModal(p: {
  roundId: number;
  target: { orgId: number; orgName: string; reasons: string[] };
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const m = useMutation({
    mutationFn: (v: any) =>
      createPlan({
        orgId: p.target.orgId,
        roundId: p.roundId,
        basis: v.basis,
        contactLeader: v.contactLeader,
        problems: String(v.problems)
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((problem) => ({ problem })),
      }),
    onSuccess: () => {
      message.success('已列入整顿,问题已进入整改台账');
      p.onClose();
      qc.invalidateQueries({ queryKey: stdKeys.all });
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Modal open title={`列入整顿:${p.target.orgName}`} onCancel={p.onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => m.mutate(v)}
        initialValues={{ basis: p.target.reasons.join(';') }}
      >
        <Form.Item name="basis" label="列入依据" rules={[{ required: true, message: '请填写依据' }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="contactLeader" label="联系领导" rules={[{ required: true, message: '请填写联系领导' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="problems"
          label="整顿问题(每行一条,逐条进入整改台账)"
          rules={[{ required: true, message: '请至少填写一个问题' }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
