import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Space, Upload } from 'antd';
import { useState } from 'react';
import type { TaskDetail } from '../../../../common/contracts/tasks.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { useAuth } from '../../lib/session.tsx';
import { taskKeys, tasksApi } from './api.ts';

type Dialog = 'report' | 'return' | 'instruction' | 'urge' | 'order' | 'requestClose';
interface Values {
  text?: string;
  percent?: number;
}

const DIALOGS: Record<Dialog, { title: string; label: string; required: boolean; done: string }> = {
  report: { title: '报送进展', label: '进展情况', required: true, done: '进展已报送' },
  requestClose: { title: '申请办结', label: '说明', required: false, done: '已申请办结' },
  return: { title: '退回(须填理由)', label: '退回理由', required: true, done: '已退回' },
  instruction: { title: '领导批示', label: '批示内容', required: true, done: '批示已发送' },
  urge: { title: '催办', label: '说明', required: false, done: '已催办' },
  order: { title: '下发督办单', label: '说明', required: false, done: '督办单已生成' },
};

/** The buttons of the workflow the caller may press now (the server checks again). */
export function TaskActions({
  task,
  block = false,
  openReport = false,
  onDialogClosed,
}: {
  task: TaskDetail;
  /** Phone: the 签收 / 报送 buttons span the width, large enough for a thumb. */
  block?: boolean;
  /** Open the 报送进展 dialog at once (the phone list links here with ?report=1). */
  openReport?: boolean;
  onDialogClosed?: () => void;
}) {
  const { can } = useAuth();
  const [dialog, setDialog] = useState<Dialog | null>(
    openReport && task.status === 'doing' && can('task.report') ? 'report' : null,
  );
  const big = block ? ({ block: true, size: 'large' } as const) : {};
  const [file, setFile] = useState<File | null>(null);
  const id = task.id;
  const s = task.status;
  const invalidate = [taskKeys.all];
  const accept = useAction(() => tasksApi.accept(id), { success: '已签收', invalidate });
  const close = useAction(() => tasksApi.close(id), { success: '已确认办结', invalidate });
  const progress = useAction(() => tasksApi.downloadProgress(id));
  const submit = useAction(
    (v: Values) => {
      const text = v.text?.trim() || undefined;
      switch (dialog) {
        case 'report':
          return tasksApi.report(id, { text: text ?? '', percent: v.percent ?? 0 }, file);
        case 'requestClose':
          return tasksApi.requestClose(id, text);
        case 'return':
          return tasksApi.returnTask(id, text ?? '');
        case 'instruction':
          return tasksApi.instruct(id, text ?? '');
        case 'urge':
          return tasksApi.urge(id, text);
        default:
          return tasksApi.superviseOrder(id, text);
      }
    },
    {
      success: () => (dialog ? DIALOGS[dialog].done : ''),
      invalidate,
      inline: true,
      onSuccess: () => setFile(null),
    },
  );
  const d = dialog && DIALOGS[dialog];

  return (
    <>
      {can('task.report') && s === 'pending' && block && (
        <Button type="primary" {...big} loading={accept.isPending} onClick={() => accept.mutate()}>
          签收
        </Button>
      )}
      {can('task.report') && s === 'doing' && block && (
        <Button type="primary" {...big} onClick={() => setDialog('report')} style={{ marginBottom: 8 }}>
          报送进展
        </Button>
      )}
      <Space wrap>
        {can('task.report') && s === 'pending' && !block && (
          <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate()}>
            签收
          </Button>
        )}
        {can('task.report') && s === 'doing' && !block && (
          <Button type="primary" onClick={() => setDialog('report')}>
            报送进展
          </Button>
        )}
        {can('task.report') && s === 'doing' && <Button onClick={() => setDialog('requestClose')}>申请办结</Button>}
        {can('task.supervise') && s === 'requested' && (
          <Button type="primary" loading={close.isPending} onClick={() => close.mutate()}>
            确认办结
          </Button>
        )}
        {can('task.supervise') && s === 'requested' && (
          <Button danger onClick={() => setDialog('return')}>
            退回
          </Button>
        )}
        {can('task.supervise') && <Button onClick={() => setDialog('instruction')}>批示</Button>}
        {can('task.supervise') && (s === 'pending' || s === 'doing') && (
          <Button onClick={() => setDialog('urge')}>催办</Button>
        )}
        {can('task.supervise') && task.light === 'red' && s !== 'done' && (
          <Button danger type="primary" onClick={() => setDialog('order')}>
            下发督办单
          </Button>
        )}
        <Button loading={progress.isPending} onClick={() => progress.mutate()}>
          导出进展记录
        </Button>
      </Space>
      {dialog && d && (
        <FormModal<Values>
          title={d.title}
          action={submit}
          onClose={() => {
            setDialog(null);
            onDialogClosed?.();
          }}
          initialValues={{ percent: task.progress }}
        >
          {dialog === 'report' && (
            <Form.Item name="percent" label="完成进度(%)" rules={[{ required: true, message: '请填写进度' }]}>
              <InputNumber min={0} max={100} aria-label="完成进度" />
            </Form.Item>
          )}
          <Form.Item
            name="text"
            label={d.label}
            rules={d.required ? [{ required: true, whitespace: true, message: `请填写${d.label}` }] : []}
          >
            <Input.TextArea rows={4} aria-label="内容" />
          </Form.Item>
          {dialog === 'report' && (
            <Upload
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button icon={<UploadOutlined />}>佐证材料(可选)</Button>
            </Upload>
          )}
        </FormModal>
      )}
    </>
  );
}
