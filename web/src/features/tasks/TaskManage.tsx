import { useState } from 'react';
import { App, AutoComplete, Button, Card, DatePicker, Form, Input, Modal, Select, Steps } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { useAuth } from '../../lib/session.tsx';
import type { TaskDetail } from './model.tsx';

/** 编辑 (责任领导, 时限, 优先级, 报送周期) for task.manage. */
export function EditTaskButton({ task, onDone }: { task: TaskDetail; onDone: () => void }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  if (!can('task.manage') || task.status === 'done') return null;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.patch(`/api/tasks/${task.id}`, {
        leader: v.leader || null,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        priority: v.priority,
        reportCycle: v.reportCycle,
      });
      message.success('已保存');
      setOpen(false);
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>编辑</Button>
      <Modal
        open={open}
        title="编辑任务"
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            leader: task.leader,
            dueDate: task.dueDate ? dayjs(task.dueDate) : null,
            priority: task.priority,
            reportCycle: task.reportCycle,
          }}
        >
          <Form.Item name="leader" label="责任领导">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="dueDate" label="完成时限(空 = 长期)">
            <DatePicker />
          </Form.Item>
          <Form.Item name="priority" label="优先级">
            <Select options={['一般', '重要', '紧急'].map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="reportCycle" label="报送周期">
            <Select
              options={[
                { value: 'weekly', label: '每周' },
                { value: 'monthly', label: '每月' },
                { value: 'none', label: '不定期' },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 重点项目节点: planned vs reached; the supervisor adds nodes, the lead unit marks them reached. */
export function MilestonesCard({ task, onDone }: { task: TaskDetail; onDone: () => void }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const canAdd = can('task.manage') && task.status !== 'done';
  if (!task.milestones.length && !canAdd) return null;
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
      setOpen(false);
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const next = task.milestones.find((m) => !m.doneDate);
  return (
    <Card
      size="small"
      title="项目节点"
      style={{ marginBottom: 12 }}
      extra={
        canAdd && (
          <Button size="small" onClick={() => setOpen(true)}>
            添加节点
          </Button>
        )
      }
    >
      <Steps
        direction="vertical"
        size="small"
        current={task.milestones.findIndex((m) => !m.doneDate)}
        items={task.milestones.map((m) => ({
          title: m.name,
          description: `计划 ${m.dueDate}${m.doneDate ? `,完成 ${m.doneDate}` : ''}`,
          status: m.doneDate ? 'finish' : undefined,
        }))}
      />
      {next && can('task.report') && task.status === 'doing' && (
        <Button
          size="small"
          type="primary"
          onClick={() =>
            run(() => api.post(`/api/tasks/${task.id}/milestones/${next.id}/done`), `节点「${next.name}」已完成`)
          }
        >
          「{next.name}」已完成
        </Button>
      )}
      <Modal
        open={open}
        title="添加项目节点"
        onCancel={() => setOpen(false)}
        okText="添加"
        cancelText="取消"
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          await run(
            () =>
              api.post(`/api/tasks/${task.id}/milestones`, { name: v.name, dueDate: v.dueDate.format('YYYY-MM-DD') }),
            '节点已添加',
          );
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label="节点名称"
            rules={[{ required: true, whitespace: true, message: '请填写节点名称' }]}
          >
            <AutoComplete
              options={['签约', '土地摘牌', '开工', '投产'].map((x) => ({ value: x }))}
              placeholder="签约、土地摘牌、开工、投产…"
            />
          </Form.Item>
          <Form.Item name="dueDate" label="计划完成日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
