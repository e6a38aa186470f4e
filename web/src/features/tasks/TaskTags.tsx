/** How lights and statuses look (colours are the web's; values and labels come from common/enums.ts). */
import { Badge, Tag } from 'antd';
import { LIGHTS, type Light, TASK_STATUSES, type TaskStatus } from '../../../../common/enums.ts';

export const LIGHT_COLOR: Record<Light, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };
const STATUS_COLOR: Record<TaskStatus, string> = {
  pending: 'orange',
  doing: 'blue',
  requested: 'purple',
  done: 'green',
};

export function LightDot({ light, reasons }: { light: Light; reasons?: string[] }) {
  return (
    <span title={reasons?.join(';') || LIGHTS[light]} data-light={light}>
      <Badge color={LIGHT_COLOR[light]} text={LIGHTS[light]} />
    </span>
  );
}

export function StatusTag({ status, overdue }: { status: TaskStatus; overdue?: boolean }) {
  return (
    <>
      <Tag color={STATUS_COLOR[status]}>{TASK_STATUSES[status]}</Tag>
      {overdue && <Tag color="red">逾期</Tag>}
    </>
  );
}
