/** The dialogs of a 调研's detail page: confirm with a reason, propose dates, a short text, a finding. */
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { FindingBody, VisitDetail } from '../../../../common/contracts/research.ts';
import { FINDING_KINDS } from '../../../../common/enums.ts';
import { DATE_FMT } from '../../lib/format.ts';

export function ConfirmModal({
  open,
  v,
  onClose,
  onOk,
}: {
  open: boolean;
  v: VisitDetail;
  onClose: () => void;
  onOk: (reason?: string) => void;
}) {
  const [reason, setReason] = useState('');
  const need = v.warnings.length > 0;
  return (
    <Modal
      open={open}
      title="确认调研安排"
      okText="确认"
      onCancel={onClose}
      okButtonProps={{ disabled: need && !reason.trim() }}
      onOk={() => onOk(reason.trim() || undefined)}
      destroyOnHidden
    >
      {need && (
        <Alert
          type="warning"
          showIcon
          message={`有 ${v.warnings.length} 项统筹提示,仍要确认的请说明理由`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={need ? '确认理由(必填)' : '说明(选填)'}
        aria-label="确认理由"
      />
    </Modal>
  );
}

export function TextModal({
  open,
  title,
  label,
  onClose,
  onOk,
}: {
  open: boolean;
  title: string;
  label: string;
  onClose: () => void;
  onOk: (t: string) => void;
}) {
  const [text, setText] = useState('');
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okButtonProps={{ disabled: !text.trim() }}
      onOk={() => onOk(text.trim())}
      destroyOnHidden
    >
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={label}
        aria-label={label}
      />
    </Modal>
  );
}

export function ProposeModal({
  open,
  v,
  onClose,
  onOk,
}: {
  open: boolean;
  v: VisitDetail;
  onClose: () => void;
  onOk: (b: { startDate: string; endDate: string; placeOrgIds?: number[]; note: string }) => void;
}) {
  const [form] = Form.useForm<{ dates: [Dayjs, Dayjs]; note: string }>();
  return (
    <Modal
      open={open}
      title="建议调整时间"
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((x) =>
          onOk({
            startDate: x.dates[0].format('YYYY-MM-DD'),
            endDate: x.dates[1].format('YYYY-MM-DD'),
            note: x.note,
          }),
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="dates" label="建议日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker.RangePicker format={DATE_FMT} />
        </Form.Item>
        <Form.Item
          name="note"
          label="说明"
          rules={[{ required: true, message: '请说明原因' }]}
          initialValue={v.warnings[0] ? `与其他调研撞车:${v.warnings[0].message}` : ''}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function FindingModal({
  open,
  v,
  onClose,
  onOk,
}: {
  open: boolean;
  v: VisitDetail;
  onClose: () => void;
  onOk: (b: FindingBody) => void;
}) {
  const [form] = Form.useForm<FindingBody & { due?: Dayjs }>();
  const outcome = Form.useWatch('outcome', form);
  return (
    <Modal
      open={open}
      title="记录调研成果"
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then(({ due, ...b }) => onOk({ ...b, dueDate: due ? due.format('YYYY-MM-DD') : null }))
      }
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: '问题', outcome: 'none', placeOrgId: v.places[0]?.id }}
      >
        <Form.Item name="placeOrgId" label="地点">
          <Select options={v.places.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Radio.Group options={FINDING_KINDS.map((k) => ({ value: k, label: k }))} optionType="button" />
        </Form.Item>
        <Form.Item name="text" label="调研发现" rules={[{ required: true, message: '请填写调研发现' }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="outcome" label="转化">
          <Radio.Group
            options={[
              { value: 'none', label: '仅记录共享' },
              { value: 'task', label: '转督查任务' },
              { value: 'rectification', label: '转整改事项' },
            ]}
          />
        </Form.Item>
        {outcome !== 'none' && (
          <Form.Item name="due" label="完成时限">
            <DatePicker format={DATE_FMT} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
