/** Labels, tags and small shared pieces of the 共驻共建 pages. */
import type { ReactNode } from 'react';
import { Alert, Card, Select, Tabs, type TabsProps, Tag } from 'antd';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  COBUILD_CLAIM_STATUSES,
  COBUILD_NEED_STATUSES,
  COBUILD_REG_STATUSES,
  COBUILD_VERIFICATIONS,
} from '../../../../common/enums.ts';
import { cobuildApi } from './api.ts';

export const STATE_LABEL = { reported: '已报到', pending: '待社区确认', lapsed: '逾期未复核', none: '未报到' } as const;
const STATE_COLOR = { reported: 'green', pending: 'gold', lapsed: 'orange', none: 'red' } as const;
export const StateTag = ({ s }: { s: keyof typeof STATE_LABEL }) => <Tag color={STATE_COLOR[s]}>{STATE_LABEL[s]}</Tag>;

const REG_COLOR = { pending: 'gold', active: 'green', declined: 'red', ended: 'default' } as const;
export const RegTag = ({ s, lapsed }: { s: keyof typeof COBUILD_REG_STATUSES; lapsed?: boolean }) =>
  lapsed ? <Tag color="orange">逾期未复核</Tag> : <Tag color={REG_COLOR[s]}>{COBUILD_REG_STATUSES[s]}</Tag>;

const CLAIM_COLOR = {
  pending: 'gold',
  accepted: 'green',
  declined: 'red',
  withdrawn: 'default',
  fulfilled: 'blue',
} as const;
export const ClaimTag = ({ s }: { s: keyof typeof COBUILD_CLAIM_STATUSES }) => (
  <Tag color={CLAIM_COLOR[s]}>{COBUILD_CLAIM_STATUSES[s]}</Tag>
);
const NEED_COLOR = { open: 'blue', closed: 'default', done: 'green' } as const;
export const NeedTag = ({ s }: { s: keyof typeof COBUILD_NEED_STATUSES }) => (
  <Tag color={NEED_COLOR[s]}>{COBUILD_NEED_STATUSES[s]}</Tag>
);
const VERIFY_COLOR = { pending: 'gold', verified: 'green', rejected: 'red' } as const;
export const VerifyTag = ({ s }: { s: keyof typeof COBUILD_VERIFICATIONS }) => (
  <Tag color={VERIFY_COLOR[s]}>{COBUILD_VERIFICATIONS[s]}</Tag>
);
export const PHASE_LABEL = { upcoming: '未开始', ongoing: '进行中', ended: '已结束' } as const;

/** 09:00 of an instant in the browser's time (the offices are all in UTC+8). */
export const hhmm = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
export const pct = (x: number | null | undefined) => (x == null ? '—' : `${x}%`);

/** The communities the caller manages (workbench picker). */
export function useManagedCommunities() {
  return useQuery({
    queryKey: ['cobuild', 'communities', 'managed'],
    queryFn: () => cobuildApi.communities({ managed: true }),
  });
}
/** The claims the caller made (as a member, or as a unit they manage): what a "认领" column shows. */
export function useMyClaims() {
  return useQuery({
    queryKey: ['cobuild', 'claims', 'mine'],
    queryFn: () => cobuildApi.claims({ box: 'mine', pageSize: 100 }),
  });
}
/** Employer units in the caller's subtree, with their rates. */
export function useUnits() {
  return useQuery({ queryKey: ['cobuild', 'units'], queryFn: () => cobuildApi.units() });
}

export function Picker(props: {
  label: string;
  value: number | undefined;
  onChange: (v: number) => void;
  options: { value: number; label: string }[];
  loading?: boolean;
}) {
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={props.label}
      placeholder={props.label}
      style={{ minWidth: 240, maxWidth: '100%' }}
      value={props.value}
      onChange={props.onChange}
      loading={props.loading}
      options={props.options}
    />
  );
}

/**
 * A 工作台 (community or unit): one of `options` picked (the first by default), then its tabs;
 * both kept in the URL (`param`, `tab`) so a link or a reload opens the same view.
 */
export function Workbench(props: {
  title: string;
  param: string;
  pickerLabel: string;
  options: { value: number; label: string }[];
  loading: boolean;
  /** Shown instead of the card when the caller's scope has nothing to pick. */
  emptyText: string | null;
  defaultTab: string;
  tabs(id: number): TabsProps['items'];
}) {
  const [params, setParams] = useSearchParams();
  const id = Number(params.get(props.param)) || props.options[0]?.value;
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  if (props.emptyText) return <Alert type="info" showIcon title={props.emptyText} />;
  return (
    <Card
      title={props.title}
      extra={
        <Picker
          label={props.pickerLabel}
          value={id}
          loading={props.loading}
          onChange={(v) => set(props.param, String(v))}
          options={props.options}
        />
      }
    >
      {id && (
        <Tabs
          activeKey={params.get('tab') ?? props.defaultTab}
          onChange={(k) => set('tab', k)}
          destroyOnHidden
          items={props.tabs(id)}
        />
      )}
    </Card>
  );
}

export const Empty = ({ children }: { children: ReactNode }) => (
  <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>{children}</div>
);
