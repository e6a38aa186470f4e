import { Card, Input, Radio, Table, Typography } from 'antd';
import { memo, useMemo } from 'react';
import type { BallotForm } from '../../../../../common/contracts/ballots.ts';
import { type BallotStore, useRating } from './store.ts';

type Org = BallotForm['orgs'][number];

/** One grade cell of the desktop table: subscribes to its row only. */
function GradeCell({ store, org, grade }: { store: BallotStore; org: Org; grade: string }) {
  const r = useRating(store, org.id);
  return (
    <Radio
      aria-label={`${org.name} ${grade}`}
      checked={r?.grade === grade}
      onChange={() => store.set(org.id, { grade })}
    />
  );
}

function OpinionCell({ store, org }: { store: BallotStore; org: Org }) {
  const r = useRating(store, org.id);
  return (
    <Input
      aria-label={`${org.name} 意见`}
      placeholder="意见建议(可不填)"
      maxLength={500}
      value={r?.opinion ?? ''}
      onChange={(e) => store.set(org.id, { opinion: e.target.value })}
    />
  );
}

/**
 * The desktop ballot: a table whose first columns (序号, 组织) stay fixed, one narrow column per
 * grade (all visible at 1440 px, no horizontal scroll), and the opinion. Rows are virtualized
 * (antd Table `virtual`): at 300 organizations only the ~15 rows on screen exist in the DOM, and a
 * tick re-renders one cell (store.ts), so any edit costs the same at 30 or 300 rows.
 */
export function BallotTable({
  orgs,
  scale,
  store,
  height,
}: {
  orgs: Org[];
  scale: string[];
  store: BallotStore;
  height: number;
}) {
  const columns = useMemo(
    () => [
      {
        title: '序号',
        key: 'no',
        width: 56,
        fixed: 'left' as const,
        render: (_: unknown, _o: Org, i: number) => i + 1,
      },
      {
        title: '被评议组织',
        key: 'org',
        width: 300,
        fixed: 'left' as const,
        render: (_: unknown, o: Org) => (
          <div data-testid={`org-${o.id}`}>
            <div style={{ fontWeight: 500 }}>{o.name}</div>
            {o.secretary && <Typography.Text type="secondary">书记:{o.secretary}</Typography.Text>}
          </div>
        ),
      },
      ...scale.map((g) => ({
        title: g,
        key: `g-${g}`,
        width: 72,
        align: 'center' as const,
        render: (_: unknown, o: Org) => <GradeCell store={store} org={o} grade={g} />,
      })),
      { title: '意见建议', key: 'opinion', render: (_: unknown, o: Org) => <OpinionCell store={store} org={o} /> },
    ],
    [scale, store],
  );
  return (
    <Table<Org>
      virtual
      rowKey="id"
      size="small"
      bordered
      dataSource={orgs}
      columns={columns}
      pagination={false}
      scroll={{ x: 56 + 300 + scale.length * 72 + 320, y: height }}
    />
  );
}

/** One phone card: re-renders when its own rating changes, never when another row's does. */
const OrgCard = memo(function OrgCard({
  store,
  org,
  index,
  scale,
}: {
  store: BallotStore;
  org: Org;
  index: number;
  scale: string[];
}) {
  const r = useRating(store, org.id);
  return (
    <Card
      size="small"
      style={{ marginBottom: 10 }}
      title={`${index + 1}. ${org.name}`}
      extra={org.secretary ? `书记:${org.secretary}` : null}
      data-testid={`org-${org.id}`}
    >
      <Radio.Group
        aria-label={`${org.name} 评议等次`}
        optionType="button"
        buttonStyle="solid"
        size="large"
        value={r?.grade}
        onChange={(e) => store.set(org.id, { grade: e.target.value })}
        options={scale.map((g) => ({ label: g, value: g }))}
        style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
      />
      <Input.TextArea
        aria-label={`${org.name} 意见`}
        placeholder="意见建议(可不填)"
        maxLength={500}
        autoSize={{ minRows: 1, maxRows: 4 }}
        style={{ marginTop: 8 }}
        value={r?.opinion}
        onChange={(e) => store.set(org.id, { opinion: e.target.value })}
      />
    </Card>
  );
});

/** The phone ballot: one card per organization, big buttons for the thumb. */
export function BallotCards({ orgs, scale, store }: { orgs: Org[]; scale: string[]; store: BallotStore }) {
  return (
    <>
      {orgs.map((o, i) => (
        <OrgCard key={o.id} store={store} org={o} index={i} scale={scale} />
      ))}
    </>
  );
}
