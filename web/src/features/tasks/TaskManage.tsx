import { AutoComplete, Button, Card, DatePicker, Form, Input, Select, Steps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TaskDetail } from '../../../../common/contracts/tasks.ts';
import {
  keysOf,
  REPORT_CYCLES,
  type ReportCycle,
  TASK_PRIORITIES,
  type TaskPriority,
} from '../../../../common/enums.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useAction } from '../../components/useAction.ts';
import { DATE_INPUT_FORMATS, fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { taskKeys, tasksApi } from './api.ts';

interface EditValues {
  leader?: string | null;
  dueDate?: Dayjs | null;
  priority: TaskPriority;
  reportCycle: ReportCycle;
}

/** 编辑 (责任领导, 时限, 优先级, 报送周期) for task.manage. */
export function EditTaskButton({ task }: { task: TaskDetail }) {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const save = useAction(
    (v: EditValues) =>
      tasksApi.patch(task.id, {
        leader: v.leader || null,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        priority: v.priority,
        reportCycle: v.reportCycle,
      }),
    { success: '已保存', invalidate: [taskKeys.all], inline: true },
  );
  if (!can('task.manage') || task.status === 'done') return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>编辑</Button>
      {open && (
        <FormModal<EditValues>
          title="编辑任务"
          okText="保存"
          action={save}
          onClose={() => setOpen(false)}
          initialValues={{
            leader: task.leader,
            dueDate: task.dueDate ? dayjs(task.dueDate) : null,
            priority: task.priority as TaskPriority,
            reportCycle: task.reportCycle,
          }}
        >
          <Form.Item name="leader" label="责任领导">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="dueDate" label="完成时限(空 = 长期)">
            <DatePicker format={DATE_INPUT_FORMATS} />
          </Form.Item>
          <Form.Item name="priority" label="优先级">
            <Select options={TASK_PRIORITIES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="reportCycle" label="报送周期">
            <Select options={keysOf(REPORT_CYCLES).map((c) => ({ value: c, label: REPORT_CYCLES[c] }))} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

interface MilestoneValues {
  name: string;
  dueDate: Dayjs;
}

/** 重点项目节点: planned vs reached; the supervisor adds nodes, the lead unit marks them reached. */
export function MilestonesCard({ task }: { task: TaskDetail }) {
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const invalidate = [taskKeys.all];
  const add = useAction(
    (v: MilestoneValues) => tasksApi.addMilestone(task.id, { name: v.name, dueDate: v.dueDate.format('YYYY-MM-DD') }),
    { success: '节点已添加', invalidate, inline: true },
  );
  const done = useAction((m: { id: number; name: string }) => tasksApi.milestoneDone(task.id, m.id), {
    success: (_, m) => `节点「${m.name}」已完成`,
    invalidate,
  });
  const canAdd = can('task.manage') && task.status !== 'done';
  if (!task.milestones.length && !canAdd) return null;
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
        orientation="vertical"
        size="small"
        current={task.milestones.findIndex((m) => !m.doneDate)}
        items={task.milestones.map((m) => ({
          title: m.name,
          description: `计划 ${fmtDate(m.dueDate)}${m.doneDate ? `,完成 ${fmtDate(m.doneDate)}` : ''}`,
          status: m.doneDate ? 'finish' : undefined,
        }))}
      />
      {next && can('task.report') && task.status === 'doing' && (
        <Button size="small" type="primary" loading={done.isPending} onClick={() => done.mutate(next)}>
          「{next.name}」已完成
        </Button>
      )}
      {open && (
        <FormModal<MilestoneValues> title="添加项目节点" okText="添加" action={add} onClose={() => setOpen(false)}>
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
            <DatePicker format={DATE_INPUT_FORMATS} />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
