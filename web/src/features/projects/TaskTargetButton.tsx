import { Button, Form, InputNumber, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { IndicatorSummary } from '../../../../common/contracts/indicators.ts';
import type { TaskDetail } from '../../../../common/contracts/tasks.ts';
import { convertTarget, parseTargetNumber } from '../../../../common/target-number.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgPicker, ORG_PICK } from '../../components/OrgPicker.tsx';
import { useRemoteSearch } from '../../components/RemoteSelect.tsx';
import { useAction } from '../../components/useAction.ts';
import { useAuth } from '../../lib/session.tsx';
import { projectsApi } from './api.ts';

interface Values {
  targetText: string;
  indicatorId: number;
  orgId: number;
  year: number;
  annual: number;
}

/**
 * 「设为指标目标」: one of the task's parsed targets ("完成投资12亿元") becomes a unit's annual target
 * of an indicator; the number is prefilled from the phrase in the indicator's unit (亿元 → 万元) and
 * checked by the user. The target keeps the task as its source.
 */
export function TaskTargetButton({ task }: { task: TaskDetail }) {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const s = useRemoteSearch<IndicatorSummary>(['indicators', 'search'], (q, signal) =>
    projectsApi.searchIndicators(q, signal),
  );
  const [chosen, setChosen] = useState<IndicatorSummary | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const save = useAction((v: Values) => projectsApi.targetFromTask(task.id, v), {
    success: '已设为指标目标',
    invalidate: [['indicators']],
    inline: true,
  });
  if (!can('indicator.manage') || !task.targets.length) return null;

  /** Prefills the number from the phrase in the chosen indicator's unit. */
  const prefill = (text: string | undefined, ind: IndicatorSummary | null) => {
    const n = text ? parseTargetNumber(text) : null;
    if (!n) return setHint(text ? '未能从目标中读出数字,请手工填写' : null);
    const v = ind ? convertTarget(n, ind.unit) : n.value;
    if (v === null) return setHint(`目标单位「${n.unit}」与指标单位「${ind?.unit}」不一致,请手工换算`);
    form.setFieldValue('annual', v);
    setHint(`由「${text}」读出 ${n.value}${n.unit}${ind && n.unit !== ind.unit ? `,折合 ${v}${ind.unit}` : ''}`);
  };
  const options = s.items.map((i) => ({ value: i.id, label: `${i.name}(${i.unit})` }));
  if (chosen && !options.some((o) => o.value === chosen.id))
    options.unshift({ value: chosen.id, label: `${chosen.name}(${chosen.unit})` });

  return (
    <>
      <Button onClick={() => setOpen(true)}>设为指标目标</Button>
      {open && (
        <FormModal<Values>
          title="设为指标目标"
          okText="设定目标"
          form={form}
          action={save}
          onClose={() => setOpen(false)}
          initialValues={{ targetText: task.targets[0], year: dayjs().year(), orgId: task.leadOrg.id }}
          formProps={{
            onValuesChange: (ch: Partial<Values>) => {
              if ('targetText' in ch) prefill(ch.targetText, chosen);
            },
          }}
        >
          <Form.Item name="targetText" label="任务中的目标" rules={[{ required: true, message: '请选择目标' }]}>
            <Select options={task.targets.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item name="indicatorId" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
            <Select<number>
              showSearch={{ filterOption: false, onSearch: s.setTerm }}
              loading={s.searching}
              placeholder="输入指标名称搜索"
              options={options}
              notFoundContent={s.searching ? '正在搜索……' : '没有找到指标'}
              onChange={(id) => {
                const ind = s.items.find((i) => i.id === id) ?? chosen;
                setChosen(ind ?? null);
                prefill(form.getFieldValue('targetText'), ind ?? null);
              }}
            />
          </Form.Item>
          <Form.Item name="orgId" label="目标单位" rules={[{ required: true, message: '请选择单位' }]}>
            <OrgPicker types={ORG_PICK.unit} />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item
            name="annual"
            label={`全年目标${chosen ? `(${chosen.unit})` : ''}`}
            rules={[{ required: true, message: '请填写全年目标' }]}
            extra={hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
          >
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
