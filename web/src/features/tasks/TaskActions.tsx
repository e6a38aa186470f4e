import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, request } from '../../api/client.ts';
import { useAuth } from '../../lib/session.tsx';
import type { TaskDetail } from './model.tsx';

type Dialog = null | 'report' | 'return' | 'instruction' | 'urge' | 'order' | 'requestClose';

/** The buttons of the workflow the caller may press now (the server checks again). */
export function TaskActions({ task, onDone }: { task: TaskDetail; onDone: () => void }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const s = task.status;

  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(ok);
      setDialog(null);
      form.resetFields();
      setFile(null);
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (dialog === 'report')
      return run(async () => {
        const r = await api.post<{ id: number }>(`/api/tasks/${task.id}/reports`, { text: v.text, percent: v.percent });
        if (file) {
          const fd = new FormData();
          fd.append('reportId', String(r.id));
          fd.append('file', file);
          await api.upload(`/api/tasks/${task.id}/attachments`, fd);
        }
      }, '进展已报送');
    if (dialog === 'requestClose')
      return run(() => api.post(`/api/tasks/${task.id}/request-close`, { summary: v.text || undefined }), '已申请办结');
    if (dialog === 'return') return run(() => api.post(`/api/tasks/${task.id}/return`, { reason: v.text }), '已退回');
    if (dialog === 'instruction')
      return run(() => api.post(`/api/tasks/${task.id}/instructions`, { text: v.text }), '批示已发送');
    if (dialog === 'urge')
      return run(() => api.post(`/api/tasks/${task.id}/urge`, { message: v.text || undefined }), '已催办');
    if (dialog === 'order') return run(() => supervisionOrder(task.id, v.text), '督办单已生成');
  };

  const titles: Record<Exclude<Dialog, null>, string> = {
    report: '报送进展',
    requestClose: '申请办结',
    return: '退回(须填理由)',
    instruction: '领导批示',
    urge: '催办',
    order: '下发督办单',
  };
  return (
    <>
      <Space wrap>
        {can('task.report') && s === 'pending' && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => run(() => api.post(`/api/tasks/${task.id}/accept`), '已签收')}
          >
            签收
          </Button>
        )}
        {can('task.report') && s === 'doing' && (
          <Button type="primary" onClick={() => setDialog('report')}>
            报送进展
          </Button>
        )}
        {can('task.report') && s === 'doing' && <Button onClick={() => setDialog('requestClose')}>申请办结</Button>}
        {can('task.supervise') && s === 'requested' && (
          <Button
            type="primary"
            loading={busy}
            onClick={() => run(() => api.post(`/api/tasks/${task.id}/close`, {}), '已确认办结')}
          >
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
        <Button href={`/api/tasks/${task.id}/progress.xlsx`}>导出进展记录</Button>
      </Space>
      <Modal
        open={!!dialog}
        title={dialog ? titles[dialog] : ''}
        onCancel={() => setDialog(null)}
        onOk={submit}
        confirmLoading={busy}
        okText="确定"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ percent: task.progress }}>
          {dialog === 'report' && (
            <Form.Item name="percent" label="完成进度(%)" rules={[{ required: true, message: '请填写进度' }]}>
              <InputNumber min={0} max={100} aria-label="完成进度" />
            </Form.Item>
          )}
          <Form.Item
            name="text"
            label={
              dialog === 'report'
                ? '进展情况'
                : dialog === 'return'
                  ? '退回理由'
                  : dialog === 'instruction'
                    ? '批示内容'
                    : '说明'
            }
            rules={
              dialog === 'report' || dialog === 'return' || dialog === 'instruction'
                ? [{ required: true, whitespace: true, message: '请填写' }]
                : []
            }
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
        </Form>
      </Modal>
    </>
  );
}

/** The 督办单 comes back as a .docx: save it like a download. */
async function supervisionOrder(id: number, note?: string) {
  const res = await fetch(`/api/tasks/${id}/supervision-order`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': await csrf() },
    body: JSON.stringify(note ? { note } : {}),
  });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).message ?? '生成督办单失败');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `督办单-任务${id}.docx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
const csrf = async () => (await request<{ csrfToken: string }>('GET', '/api/auth/me')).csrfToken;
