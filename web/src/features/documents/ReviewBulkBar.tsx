/**
 * What the reviewer does to many rows at once: select every row still without a lead unit, give the
 * selected rows one lead unit, clear the selection. Inline above the table on a desktop; in the
 * phone cards' bottom bar (with 发布) on a phone.
 */
import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { OrgPicker } from '../../components/OrgPicker.tsx';

interface Props {
  noLead: number;
  selected: number;
  onSelectNoLead(): void;
  onClear(): void;
  onLead(orgId: number): void;
}

const NoLead = ({ noLead, onSelectNoLead }: Pick<Props, 'noLead' | 'onSelectNoLead'>) => (
  <Button size="small" disabled={!noLead} onClick={onSelectNoLead}>
    选中所有未定牵头单位的({noLead})
  </Button>
);

const BatchLead = ({
  onLead,
  width,
  placeholder,
}: Pick<Props, 'onLead'> & { width: number | string; placeholder: string }) => (
  <div data-testid="batch-lead" style={{ width, minWidth: 0 }}>
    <OrgPicker
      aria-label="批量指定牵头单位"
      style={{ width: '100%' }}
      placeholder={placeholder}
      value={null}
      onChange={(v) => v && onLead(v)}
    />
  </div>
);

export function BulkActions(p: Props) {
  return (
    <Space wrap style={{ marginBottom: 8 }}>
      <NoLead {...p} />
      {p.selected > 0 && (
        <>
          <Typography.Text>为选中的 {p.selected} 条指定牵头单位:</Typography.Text>
          <BatchLead {...p} width={240} placeholder="输入单位名称或拼音" />
          <Button size="small" type="link" onClick={p.onClear}>
            取消选择
          </Button>
        </>
      )}
    </Space>
  );
}

/** Two lines at 390 px: the lead unit for the selection (or 选中未定的) and 发布. */
export function PhoneBulkBar({ publish, ...p }: Props & { publish: ReactNode }) {
  return (
    <div style={{ display: 'grid', gap: 6 }}>
      {p.selected > 0 ? (
        <div style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <BatchLead {...p} width="100%" placeholder={`为选中的 ${p.selected} 条指定牵头单位`} />
          </div>
          <Button type="link" size="small" onClick={p.onClear} style={{ paddingInline: 4 }}>
            取消选择
          </Button>
        </div>
      ) : (
        <NoLead {...p} />
      )}
      {publish}
    </div>
  );
}
