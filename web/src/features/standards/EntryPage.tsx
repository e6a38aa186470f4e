import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Evidence, SheetItem } from '../../../../common/contracts/standards.ts';
import { useAuth } from '../../lib/session.tsx';
import { STATUS_COLORS, approveEntry, downloadFile, getSheet, reviewEntry, saveSelf, stdKeys } from './api.ts';
import { DimensionRadar } from './charts.tsx';
import { EvidenceCell } from './EvidenceCell.tsx';
import { PRINT_CSS, PrintSheet } from './PrintSheet.tsx';

interface SelfDraft {
  points: number | null;
  note?: string;
  evidence: Evidence[];
  overrideReason?: string;
}
interface ReviewDraft {
  points: number | null;
  comment?: string;
  ret: boolean;
}

/**
 * A branch's score sheet: the branch scores item by item with evidence (自评), the superior scores
 * beside it with comments and may return items (初核), 组织部 approves (审定).
 */
export default function EntryPage() {
  const id = Number(useParams().id);
  const { me, can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: stdKeys.sheet(id), queryFn: () => getSheet(id) });
  const [self, setSelf] = useState<Record<string, SelfDraft>>({});
  const [rev, setRev] = useState<Record<string, ReviewDraft>>({});
  const [returnReason, setReturnReason] = useState('');
  const s = q.data;
  useEffect(() => {
    if (!s) return;
    setSelf(
      Object.fromEntries(
        s.items.map((it) => [
          it.code,
          {
            points: it.selfPoints ?? it.auto?.points ?? null,
            note: it.selfNote ?? undefined,
            evidence: it.evidence,
            overrideReason: it.overrideReason ?? undefined,
          },
        ]),
      ),
    );
    setRev(
      Object.fromEntries(
        s.items.map((it) => [
          it.code,
          { points: it.superiorPoints ?? it.selfPoints, comment: it.superiorComment ?? undefined, ret: false },
        ]),
      ),
    );
  }, [s]);
  const done = (text: string) => () => {
    message.success(text);
    qc.invalidateQueries({ queryKey: stdKeys.all });
  };
  const fail = (e: unknown) => message.error((e as Error).message);
  const mode = !s
    ? 'view'
    : can('standards.score') && me?.scope.id === s.entry.orgId && ['待自评', '已退回'].includes(s.entry.status)
      ? 'self'
      : can('standards.score') && me?.scope.id !== s.entry.orgId && s.entry.status === '待初核'
        ? 'review'
        : 'view';
  const returnedOnly = s?.entry.status === '已退回';
  const save = useMutation({
    mutationFn: (submit: boolean) =>
      saveSelf(id, {
        submit,
        items: (s?.items ?? [])
          .filter((it) => !returnedOnly || it.returned)
          .filter((it) => self[it.code]?.points !== null && self[it.code]?.points !== undefined)
          .map((it) => {
            const d = self[it.code];
            return {
              code: it.code,
              points: d.points ?? 0,
              note: d.note || undefined,
              evidence: d.evidence,
              overrideReason: d.overrideReason || undefined,
            };
          }),
      }),
    onSuccess: (_, submit) => done(submit ? '自评已提交,等待上级初核' : '已暂存')(),
    onError: fail,
  });
  const review = useMutation({
    mutationFn: () => {
      const back = Object.entries(rev)
        .filter(([, d]) => d.ret)
        .map(([c]) => c);
      return reviewEntry(id, {
        items: Object.entries(rev)
          .filter(([, d]) => d.points !== null)
          .map(([code, d]) => ({ code, points: d.points ?? 0, comment: d.comment || undefined })),
        ...(back.length ? { returnCodes: back, returnReason } : {}),
      });
    },
    onSuccess: done('初核已提交'),
    onError: fail,
  });
  const approve = useMutation({ mutationFn: () => approveEntry(id), onSuccess: done('已审定'), onError: fail });
  const dims = useMemo(() => [...new Set((s?.items ?? []).map((it) => it.dimension))], [s]);
  if (!s) return <Card loading />;
  const setS = (code: string, patch: Partial<SelfDraft>) =>
    setSelf((x) => ({ ...x, [code]: { ...x[code], ...patch } }));
  const setR = (code: string, patch: Partial<ReviewDraft>) =>
    setRev((x) => ({ ...x, [code]: { ...x[code], ...patch } }));
  const pointsInput = (it: SheetItem, value: number | null, onChange: (v: number | null) => void, disabled: boolean) =>
    it.method === 'levels' || it.method === 'yesno' ? (
      <Select
        disabled={disabled}
        style={{ width: 110 }}
        value={value ?? undefined}
        placeholder="评定"
        onChange={onChange}
        options={
          it.method === 'levels'
            ? it.levels.map((l) => ({ value: l.points, label: `${l.label} ${l.points}` }))
            : [
                { value: it.maxPoints, label: `达标 ${it.maxPoints}` },
                { value: 0, label: '未达标 0' },
              ]
        }
      />
    ) : (
      <InputNumber
        disabled={disabled}
        min={it.floor}
        max={it.maxPoints}
        step={it.perOccurrence ?? 0.5}
        value={value}
        onChange={onChange}
        style={{ width: 90 }}
      />
    );
  const columns: any[] = [
    {
      title: '项目',
      width: 220,
      render: (_: unknown, it: SheetItem) => (
        <Tooltip title={it.criterion}>
          <b>{it.code}</b> {it.title}
          <div style={{ color: '#888', fontSize: 12 }}>{it.criterion}</div>
        </Tooltip>
      ),
    },
    {
      title: '分值',
      dataIndex: 'maxPoints',
      width: 60,
      render: (v: number, it: SheetItem) => (it.bonus ? `+${v}` : v),
    },
    {
      title: '自动取数',
      width: 180,
      render: (_: unknown, it: SheetItem) =>
        it.auto ? (
          <div>
            <Tag color="cyan">{it.auto.label}</Tag>
            <div>
              {it.auto.value === null ? '—' : `${it.auto.value}${it.auto.unit}`} → {it.auto.points ?? '—'} 分
            </div>
            <div style={{ fontSize: 12, color: '#888' }}>{it.auto.detail}</div>
            {it.auto.link && <Link to={it.auto.link}>查看记录</Link>}
          </div>
        ) : null,
    },
    {
      title: '自评',
      width: 200,
      render: (_: unknown, it: SheetItem) => {
        const d = self[it.code];
        const editable = mode === 'self' && (!returnedOnly || it.returned);
        if (!editable)
          return (
            <span>
              {it.selfPoints ?? '—'}
              {it.overrideReason && <div style={{ fontSize: 12, color: '#d46b08' }}>调整理由:{it.overrideReason}</div>}
            </span>
          );
        const differs = it.auto?.points !== null && it.auto?.points !== undefined && d?.points !== it.auto.points;
        return (
          <Space direction="vertical" size={4}>
            {pointsInput(it, d?.points ?? null, (v) => setS(it.code, { points: v }), false)}
            {differs && (
              <Input
                size="small"
                placeholder="与自动值不同,须说明理由"
                value={d?.overrideReason}
                onChange={(e) => setS(it.code, { overrideReason: e.target.value })}
              />
            )}
            {it.returned && <Tag color="red">已退回</Tag>}
          </Space>
        );
      },
    },
    {
      title: '佐证材料',
      width: 210,
      render: (_: unknown, it: SheetItem) => (
        <EvidenceCell
          entryId={id}
          item={it}
          editable={mode === 'self' && (!returnedOnly || it.returned)}
          described={mode === 'self' ? (self[it.code]?.evidence ?? []) : it.evidence}
          onDescribed={(evidence) => setS(it.code, { evidence })}
        />
      ),
    },
    {
      title: '初核',
      width: 220,
      render: (_: unknown, it: SheetItem) => {
        if (mode !== 'review')
          return (
            <span>
              {it.superiorPoints ?? '—'}
              {it.superiorComment && <div style={{ fontSize: 12, color: '#888' }}>{it.superiorComment}</div>}
            </span>
          );
        const d = rev[it.code];
        return (
          <Space direction="vertical" size={4}>
            {pointsInput(it, d?.points ?? null, (v) => setR(it.code, { points: v }), false)}
            <Input
              size="small"
              placeholder="初核意见"
              value={d?.comment}
              onChange={(e) => setR(it.code, { comment: e.target.value })}
            />
            <Checkbox checked={d?.ret} onChange={(e) => setR(it.code, { ret: e.target.checked })}>
              退回修改
            </Checkbox>
          </Space>
        );
      },
    },
  ];
  const anyReturn = Object.values(rev).some((d) => d.ret);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <PrintSheet s={s} />
      <Space className="no-print" direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          title={`${s.entry.orgName} · ${s.roundName}`}
          extra={
            <Space wrap>
              <Tag color={STATUS_COLORS[s.entry.status]}>{s.entry.status}</Tag>
              <Button
                onClick={() => downloadFile(`/api/standards/entries/${id}/sheet.xlsx`, `${s.entry.orgName}评分表.xlsx`)}
              >
                导出评分表
              </Button>
              <Button onClick={() => window.print()}>打印</Button>
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 4 }}>
            <Descriptions.Item label="满分">{`${s.totalPoints} + ${s.bonusPoints} 分`}</Descriptions.Item>
            <Descriptions.Item label="自评得分">{s.entry.selfScore ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="初核得分">{s.entry.superiorScore ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="总分">
              {s.entry.total ?? '—'}
              {s.entry.grade && ` · ${s.entry.grade}`}
            </Descriptions.Item>
          </Descriptions>
          {s.entry.returnReason && <Alert type="error" showIcon message={`退回理由:${s.entry.returnReason}`} />}
          {s.entry.waitingFor && <div style={{ marginTop: 8, color: '#888' }}>当前等待:{s.entry.waitingFor}</div>}
        </Card>
        <Card size="small" title="各维度得分(与全县平均对比)">
          <DimensionRadar dims={s.dimensions} orgName={s.entry.orgName} />
        </Card>
        {dims.map((d) => (
          <Card key={d} size="small" title={d}>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={s.items.filter((it) => it.dimension === d)}
              columns={columns}
              scroll={{ x: 1080 }}
            />
          </Card>
        ))}
        <Card size="small">
          <Space wrap>
            {mode === 'self' && (
              <>
                <Button loading={save.isPending} onClick={() => save.mutate(false)}>
                  暂存
                </Button>
                <Button type="primary" loading={save.isPending} onClick={() => save.mutate(true)}>
                  提交自评
                </Button>
              </>
            )}
            {mode === 'review' && (
              <>
                {anyReturn && (
                  <Input
                    style={{ width: 320 }}
                    placeholder="退回理由(必填)"
                    value={returnReason}
                    onChange={(e) => setReturnReason(e.target.value)}
                  />
                )}
                <Button type="primary" loading={review.isPending} onClick={() => review.mutate()}>
                  {anyReturn ? '退回所选项目' : '初核通过'}
                </Button>
              </>
            )}
            {can('standards.manage') && s.entry.status === '待审定' && me?.scope.id !== s.entry.orgId && (
              <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate()}>
                审定
              </Button>
            )}
            <Link to={`/standards/rounds/${s.roundId}`}>返回本轮看板</Link>
          </Space>
        </Card>
      </Space>
    </>
  );
}
