import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { IndicatorInput, TargetInput } from '../../../../common/contracts/indicators.ts';
import { INDICATOR_AGGREGATIONS, INDICATOR_FREQUENCIES, INDICATOR_SOURCES } from '../../../../common/enums.ts';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { useAuth } from '../../lib/session.tsx';
import {
  createIndicator,
  figureOptions,
  fmtNum,
  getIndicator,
  getTargets,
  keys,
  listIndicators,
  setTarget,
} from './api.ts';

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/** 指标目录: indicator cards (一数一源), their 填报单位, thresholds, owners and yearly targets. */
export default function IndicatorsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery({ queryKey: keys.list(), queryFn: listIndicators });
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<IndicatorInput>();
  const source = Form.useWatch('source', form);
  const aggregation = Form.useWatch('aggregation', form);
  const figures = useQuery({ queryKey: ['indicators', 'figures'], queryFn: figureOptions, enabled: creating });
  const create = useMutation({
    mutationFn: (b: IndicatorInput) => createIndicator(b),
    onSuccess: () => {
      message.success('已登记');
      setCreating(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: keys.all });
    },
    onError: (e) => message.error(e.message),
  });
  const items = list.data?.items ?? [];
  return (
    <Card
      title="指标目录"
      extra={
        can('indicator.manage') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            登记指标
          </Button>
        )
      }
    >
      {list.error && <Alert type="error" message={(list.error as Error).message} />}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 760 }}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: '指标',
            dataIndex: 'name',
            render: (v, r) => (
              <Space>
                {v}
                {r.isKey && <Tag color="red">关键</Tag>}
              </Space>
            ),
          },
          { title: '单位', dataIndex: 'unit', width: 70 },
          { title: '频率', dataIndex: 'frequency', width: 60 },
          { title: '汇总方式', dataIndex: 'aggregation', width: 90 },
          {
            title: '数据来源',
            dataIndex: 'source',
            width: 90,
            render: (v) => <Tag color={v === '系统数据' ? 'blue' : 'default'}>{v}</Tag>,
          },
          { title: '牵头单位', dataIndex: 'ownerOrgName' },
          { title: '分管领导', dataIndex: 'leader', render: (v) => v ?? '' },
        ]}
      />
      {open && <IndicatorDrawer id={open} onClose={() => setOpen(null)} />}
      <Modal
        open={creating}
        title="登记指标(一个数只登记一次)"
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        width={640}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ frequency: '月', aggregation: '求和', source: '手工填报', higherIsBetter: true }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="name" label="指标名称" rules={[{ required: true, message: '请填写指标名称' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="definition" label="含义与口径">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="unit" label="计量单位" rules={[{ required: true, message: '请填写计量单位' }]}>
              <Input style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="frequency" label="频率">
              <Select style={{ width: 90 }} options={opts(INDICATOR_FREQUENCIES)} />
            </Form.Item>
            <Form.Item name="aggregation" label="汇总方式">
              <Select style={{ width: 120 }} options={opts(INDICATOR_AGGREGATIONS)} />
            </Form.Item>
            <Form.Item name="source" label="数据来源">
              <Select style={{ width: 120 }} options={opts(INDICATOR_SOURCES)} />
            </Form.Item>
          </Space>
          {source === '系统数据' && (
            <Form.Item name="figureKey" label="系统数据项" rules={[{ required: true, message: '请选择系统数据项' }]}>
              <Select
                options={(figures.data?.items ?? []).map((f) => ({
                  value: f.key,
                  label: `${f.label}(${f.module})${f.usedBy ? ` — 已由「${f.usedBy.name}」提供` : ''}`,
                  disabled: !!f.usedBy,
                }))}
              />
            </Form.Item>
          )}
          {aggregation === '比率' && (
            <Space wrap>
              <Form.Item name="numeratorId" label="分子指标" rules={[{ required: true, message: '请选择分子指标' }]}>
                <Select style={{ width: 200 }} options={items.map((i) => ({ value: i.id, label: i.name }))} />
              </Form.Item>
              <Form.Item name="denominatorId" label="分母指标" rules={[{ required: true, message: '请选择分母指标' }]}>
                <Select style={{ width: 200 }} options={items.map((i) => ({ value: i.id, label: i.name }))} />
              </Form.Item>
            </Space>
          )}
          {aggregation === '同比增速' && (
            <Form.Item name="baseId" label="增速基数指标" rules={[{ required: true, message: '请选择基数指标' }]}>
              <Select
                options={items.filter((i) => i.aggregation === '求和').map((i) => ({ value: i.id, label: i.name }))}
              />
            </Form.Item>
          )}
          {aggregation === '加权平均' && (
            <Form.Item name="weightId" label="权重指标" rules={[{ required: true, message: '请选择权重指标' }]}>
              <Select options={items.map((i) => ({ value: i.id, label: i.name }))} />
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item name="ownerOrgId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
              <OrgTreeSelect style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="leader" label="分管领导">
              <Input style={{ width: 140 }} />
            </Form.Item>
          </Space>
          {source === '手工填报' && aggregation !== '比率' && aggregation !== '同比增速' && (
            <Form.Item name="reporterOrgIds" label="填报单位" rules={[{ required: true, message: '请选择填报单位' }]}>
              <OrgTreeSelect multiple treeCheckable showCheckedStrategy="SHOW_ALL" />
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item name="warnThreshold" label="触警阈值">
              <InputNumber />
            </Form.Item>
            <Form.Item name="excellentThreshold" label="优质阈值">
              <InputNumber />
            </Form.Item>
            <Form.Item name="minValue" label="最小值">
              <InputNumber />
            </Form.Item>
            <Form.Item name="jumpPercent" label="波动超过%须说明">
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="higherIsBetter" label="越大越好" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="isKey" label="关键指标" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

function IndicatorDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const year = new Date().getFullYear();
  const d = useQuery({ queryKey: keys.detail(id), queryFn: () => getIndicator(id) });
  const targets = useQuery({ queryKey: ['indicators', 'targets', id, year], queryFn: () => getTargets(id, year) });
  const [tf] = Form.useForm<Omit<TargetInput, 'year'>>();
  const save = useMutation({
    mutationFn: (v: Omit<TargetInput, 'year'>) => setTarget(id, { ...v, year }),
    onSuccess: () => {
      message.success('目标已设定');
      void qc.invalidateQueries({ queryKey: keys.all });
    },
    onError: (e) => message.error(e.message),
  });
  const i = d.data;
  return (
    <Drawer open onClose={onClose} title={i?.name ?? '指标卡'} width={Math.min(640, window.innerWidth)}>
      {i && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="含义">{i.definition ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="单位 / 频率">{`${i.unit} / ${i.frequency}`}</Descriptions.Item>
          <Descriptions.Item label="汇总方式">{i.aggregation}</Descriptions.Item>
          <Descriptions.Item label="数据来源">
            {i.figureLabel ? `系统数据:${i.figureLabel}` : i.source}
          </Descriptions.Item>
          <Descriptions.Item label="牵头单位 / 分管领导">{`${i.ownerOrgName} / ${i.leader ?? '—'}`}</Descriptions.Item>
          <Descriptions.Item label="阈值">{`触警 ${fmtNum(i.warnThreshold)},优质 ${fmtNum(i.excellentThreshold)}`}</Descriptions.Item>
          <Descriptions.Item label="填报单位">{i.reporters.map((r) => r.orgName).join('、') || '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <h4 style={{ marginTop: 16 }}>{year}年目标</h4>
      <Table
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={targets.data?.items ?? []}
        columns={[
          { title: '单位', dataIndex: 'orgName' },
          { title: '全年目标', dataIndex: 'annual', render: (v) => fmtNum(v) },
          {
            title: '来源',
            dataIndex: 'source',
            render: (v, r) =>
              r.task ? (
                // A target taken from a task: back to the task and its sentence.
                <span title={r.task.text}>
                  任务 <Link to={`/tasks/${r.task.id}`}>#{r.task.id}</Link>「{r.task.targetText}」
                  <div style={{ color: '#888', fontSize: 12 }}>{r.task.text}</div>
                </span>
              ) : (
                `${v}${r.sourceRef ? `(${r.sourceRef})` : ''}`
              ),
          },
        ]}
      />
      {can('indicator.manage') && (
        <Form form={tf} layout="inline" style={{ marginTop: 12 }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="orgId" rules={[{ required: true, message: '请选择单位' }]}>
            <OrgTreeSelect style={{ width: 200 }} placeholder="单位" />
          </Form.Item>
          <Form.Item name="annual" rules={[{ required: true, message: '请填写全年目标' }]}>
            <InputNumber placeholder="全年目标" />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            设定目标
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
