/** Types and small display helpers of the supervision pages (mirror server/modules/tasks). */
import { Badge, Tag } from 'antd';

export type Light = 'green' | 'yellow' | 'red';
export type TaskStatus = 'pending' | 'doing' | 'requested' | 'done';

export interface TaskItem {
  id: number;
  text: string;
  light: Light;
  lightLabel: string;
  lightReasons: string[];
  status: TaskStatus;
  statusLabel: string;
  overdue: boolean;
  leadOrg: { id: number; name: string };
  coOrgs: { id: number; name: string }[];
  leader: string | null;
  dueDate: string | null;
  deadlineText: string | null;
  targets: string[];
  priority: string;
  reportCycle: 'weekly' | 'monthly' | 'none';
  keyProject: boolean;
  progress: number;
  documentId: number | null;
  passage: { start: number; end: number } | null;
  parentId: number | null;
  issuedDate: string;
  acceptedDate: string | null;
  lastReportDate: string | null;
}

export interface TaskDetail extends TaskItem {
  document: { id: number; title: string; date: string } | null;
  passageText: string | null;
  children: TaskItem[];
  reports: { id: number; percent: number; text: string; createdAt: string; author: string; orgName: string }[];
  attachments: {
    id: number;
    reportId: number | null;
    fileName: string;
    size: number;
    uploadedAt: string;
    uploader: string;
  }[];
  events: { id: number; kind: string; text: string | null; at: string; actor: string | null }[];
  milestones: { id: number; name: string; dueDate: string; doneDate: string | null }[];
}

export const LIGHT_COLOR: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };
export const LIGHT_TEXT: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
export const STATUS_TEXT: Record<TaskStatus, string> = {
  pending: '待签收',
  doing: '办理中',
  requested: '申请办结',
  done: '已办结',
};
export const STATUS_COLOR: Record<TaskStatus, string> = {
  pending: 'orange',
  doing: 'blue',
  requested: 'purple',
  done: 'green',
};
export const CYCLE_TEXT = { weekly: '每周', monthly: '每月', none: '不定期' } as const;
export const EVENT_TEXT: Record<string, string> = {
  dispatch: '下发',
  accept: '签收',
  report: '报送进展',
  request_close: '申请办结',
  close: '确认办结',
  return: '退回',
  instruction: '领导批示',
  urge: '催办',
  supervise_order: '下发督办单',
  milestone: '节点完成',
};

export function LightDot({ light, reasons }: { light: Light; reasons?: string[] }) {
  return (
    <span title={reasons?.join(';') || LIGHT_TEXT[light]} data-light={light}>
      <Badge color={LIGHT_COLOR[light]} text={LIGHT_TEXT[light]} />
    </span>
  );
}

export function StatusTag({ status, overdue }: { status: TaskStatus; overdue?: boolean }) {
  return (
    <>
      <Tag color={STATUS_COLOR[status]}>{STATUS_TEXT[status]}</Tag>
      {overdue && <Tag color="red">逾期</Tag>}
    </>
  );
}
