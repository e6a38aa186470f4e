/**
 * 交办: the issuing side (督查员, 组织部, a township for its villages) opens a ledger item for a unit in
 * its subtree, with a 完成时限 — the findings of a 督查 or a 点评 made into tracked work. The caller's
 * own node is the 交办方 (the server sets it).
 */
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { NewRectification } from '../../../../common/contracts/rectifications.ts';
import { RECT_SOURCES, type RectSource } from '../../../../common/enums.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { useAction } from '../../components/useAction.ts';
import { DATE_INPUT_FORMATS } from '../../lib/format.ts';
import { rectApi, rectKeys } from './api.ts';

interface Values {
  orgId: number;
  problem: string;
  source: RectSource;
  deadline?: Dayjs | null;
  measures?: string;
  owner?: string;
  recheckMonths?: number;
}

export function AssignModal({ onClose }: { onClose: () => void }) {
  const assign = useAction(
    (v: Values) => {
      const body: NewRectification = {
        orgId: v.orgId,
        problem: v.problem.trim(),
        source: v.source,
        deadlineDate: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
        measures: v.measures?.trim() || null,
        owner: v.owner?.trim() || null,
        recheckMonths: v.recheckMonths,
      };
      return rectApi.create(body);
    },
    { success: (r) => `已交办(编号 ${r.id})`, invalidate: [rectKeys.all, ['workbench']] },
  );
  return (
    <FormModal<Values>
      title="交办整改事项"
      okText="交办"
      action={assign}
      onClose={onClose}
      initialValues={{ source: '督查', recheckMonths: 6 }}
    >
      <Form.Item name="orgId" label="整改单位" rules={[{ required: true, message: '请选择整改单位' }]}>
        <OrgTreeSelect style={{ width: '100%' }} aria-label="整改单位" />
      </Form.Item>
      <Form.Item
        name="problem"
        label="存在问题"
        rules={[{ required: true, whitespace: true, message: '请填写存在的问题' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount aria-label="存在问题" />
      </Form.Item>
      <Form.Item name="source" label="问题来源" rules={[{ required: true, message: '请选择问题来源' }]}>
        <Select aria-label="问题来源" options={RECT_SOURCES.map((s) => ({ value: s, label: s }))} />
      </Form.Item>
      <Form.Item
        name="deadline"
        label="完成时限"
        rules={[
          { required: true, message: '请选择完成时限' },
          {
            validator: (_, d: Dayjs | null) =>
              d?.isBefore(dayjs(), 'day') ? Promise.reject(new Error('完成时限不能早于今天')) : Promise.resolve(),
          },
        ]}
      >
        <DatePicker
          format={DATE_INPUT_FORMATS}
          aria-label="完成时限"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
        />
      </Form.Item>
      <Form.Item name="measures" label="整改要求(可选)">
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Form.Item name="owner" label="责任人(可选)">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="recheckMonths" label="销号后回头看间隔(月)">
        <InputNumber min={1} max={36} />
      </Form.Item>
    </FormModal>
  );
}
