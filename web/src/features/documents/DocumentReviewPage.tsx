import { PlusOutlined, SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Row,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { PublishRow } from '../../../../common/contracts/documents.ts';
import { toOptions, useOrgTree } from '../../components/orgTree.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { taskKeys } from '../tasks/api.ts';
import { LIGHT_COLOR } from '../tasks/TaskTags.tsx';
import { documentKeys, documentsApi } from './api.ts';
import { DocText, type DocTextHandle, type Mark } from './DocText.tsx';
import { type ReviewRow, ReviewTable } from './ReviewTable.tsx';
import { type CorrectionInput, rowCorrection, sendCorrections, unitCorrections } from './corrections.ts';

let seq = 0;
const key = () => `r${++seq}`;

/** 审核:原文与任务建议并排;改好后发布。?hl=start-end highlights a passage (from a task's link). */
export default function DocumentReviewPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const { tree } = useOrgTree();
  const treeData = useMemo(() => (tree ? [toOptions(tree)] : []), [tree]);
  const q = useQuery({ queryKey: documentKeys.detail(id), queryFn: () => documentsApi.get(id) });
  const doc = q.data;
  const [rows, setRows] = useState<ReviewRow[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  // corrections made since the last extraction (sent with the next publish); low-confidence rows listed first
  const [taught, setTaught] = useState<CorrectionInput[]>([]);
  const [lowFirst, setLowFirst] = useState(true);
  const teach = (c: CorrectionInput | null) => c && setTaught((t) => [...t, c]);
  const textRef = useRef<DocTextHandle>(null);

  const hl = /^(\d+)-(\d+)$/.exec(params.get('hl') ?? '');
  const focus = hl?.[0];
  const loaded = !!doc;
  useEffect(() => {
    if (!loaded || !focus) return;
    const timer = setTimeout(() => textRef.current?.scrollTo('focus'), 50);
    return () => clearTimeout(timer);
  }, [loaded, focus]);

  const extract = useAction(() => documentsApi.extract(id), {
    success: (r) => `识别出 ${r.tasks.length} 条任务建议,请逐条审核`,
    onSuccess: (r) => {
      setRows(
        r.tasks.map((p) => ({
          key: key(),
          text: p.text,
          start: p.start,
          end: p.end,
          leadOrgId: p.leadOrgId,
          coOrgIds: p.coOrgIds,
          dueDate: p.dueDate,
          deadlineText: p.deadline?.text ?? null,
          targets: p.targets.map((x) => x.text),
          unmatched: p.unmatched,
          units: p.units,
          confidence: p.confidence,
          reasons: p.reasonLabels,
          origin: {
            text: p.text,
            start: p.start,
            end: p.end,
            leadOrgId: p.leadOrgId,
            unitSource: p.unitSource,
            units: p.units,
            proposalType: p.proposals.find((x) => x.source === 'function')?.type ?? null,
          },
        })),
      );
      setTaught([]);
      setWarnings(r.warnings);
      setSelected([]);
    },
  });
  const publishRows = useAction((chosen: ReviewRow[]) => documentsApi.publish(id, chosen.map(toPublish)), {
    success: (r) => `已发布 ${r.taskIds.length} 条任务`,
    invalidate: [documentKeys.all, taskKeys.all],
    onSuccess: (_, chosen) => {
      // what the reviewer changed teaches the next extraction; a failure here never undoes the publish
      const corrections = [...taught, ...unitCorrections(chosen)];
      if (corrections.length)
        sendCorrections(id, corrections)
          .then(() => {
            setTaught([]);
            void message.info(`已记录 ${corrections.length} 处更正,以后识别任务时参考`);
          })
          .catch((e) => void message.warning(`更正未能记录:${(e as Error).message}`));
      setRows((rs) => rs.filter((x) => !chosen.includes(x)));
      setSelected([]);
    },
  });

  const change = (k: string, patch: Partial<ReviewRow>) =>
    setRows((rs) => rs.map((r) => (r.key === k ? { ...r, ...patch } : r)));
  const remove = (k: string) => {
    teach(rowCorrection('not_task', rows.find((r) => r.key === k)!));
    setRows((rs) => rs.filter((r) => r.key !== k));
    setSelected((s) => s.filter((x) => x !== k));
  };
  // with the next row in the text (the table may list low-confidence rows first)
  const merge = (k: string) => {
    const a0 = rows.find((r) => r.key === k);
    if (a0) teach(rowCorrection('merge', a0));
    setRows((rs) => {
      const a = rs.find((r) => r.key === k);
      const b = a && rs.filter((r) => r.start > a.start).sort((x, y) => x.start - y.start)[0];
      if (!a || !b || !doc) return rs;
      const start = Math.min(a.start, b.start),
        end = Math.max(a.end, b.end);
      const m: ReviewRow = {
        ...a,
        start,
        end,
        text: doc.text.slice(start, end),
        coOrgIds: [
          ...new Set([
            ...a.coOrgIds,
            ...b.coOrgIds,
            ...(b.leadOrgId && b.leadOrgId !== a.leadOrgId ? [b.leadOrgId] : []),
          ]),
        ].filter((x) => x !== a.leadOrgId),
        targets: [...a.targets, ...b.targets],
        dueDate: a.dueDate ?? b.dueDate,
      };
      return rs.filter((r) => r !== b).map((r) => (r === a ? m : r));
    });
  };
  const split = (k: string) => {
    teach(rowCorrection('split', rows.find((r) => r.key === k)!));
    setRows((rs) => {
      const i = rs.findIndex((r) => r.key === k);
      if (i < 0 || !doc) return rs;
      const r = rs[i];
      const sel = textRef.current?.selection();
      let at = sel && sel.start > r.start && sel.start < r.end ? sel.start : -1;
      if (at < 0) {
        const mid = Math.floor((r.start + r.end) / 2);
        const seg = doc.text.slice(r.start, r.end);
        const cands = [...seg.matchAll(/[,;,;。]/g)].map((m) => r.start + m.index! + 1).filter((x) => x < r.end);
        at = cands.sort((x, y) => Math.abs(x - mid) - Math.abs(y - mid))[0] ?? mid;
      }
      const a = { ...r, end: at, text: doc.text.slice(r.start, at) };
      const b = { ...r, key: key(), start: at, text: doc.text.slice(at, r.end) };
      return [...rs.slice(0, i), a, b, ...rs.slice(i + 1)];
    });
  };
  const shown = useMemo(
    () => (lowFirst ? [...rows].sort((x, y) => (x.confidence ?? 1) - (y.confidence ?? 1)) : rows),
    [rows, lowFirst],
  );
  const addFromSelection = () => {
    const sel = textRef.current?.selection();
    if (!sel || !doc) {
      void message.warning('请先在左侧原文中用鼠标选中一段文字');
      return;
    }
    const row: ReviewRow = {
      key: key(),
      text: doc.text.slice(sel.start, sel.end).trim(),
      start: sel.start,
      end: sel.end,
      leadOrgId: null,
      coOrgIds: [],
      dueDate: null,
      deadlineText: null,
      targets: [],
      unmatched: [],
      units: [],
    };
    setRows((rs) => [...rs, row].sort((x, y) => x.start - y.start));
    setActive(row.key);
  };
  const setLeadForSelected = (orgId: number) =>
    setRows((rs) =>
      rs.map((r) =>
        selected.includes(r.key) ? { ...r, leadOrgId: orgId, coOrgIds: r.coOrgIds.filter((x) => x !== orgId) } : r,
      ),
    );

  const publish = () => {
    // in the order listed, so the published tasks follow what the reviewer saw
    const chosen = selected.length ? shown.filter((r) => selected.includes(r.key)) : shown;
    const missing = chosen.findIndex((r) => !r.leadOrgId);
    if (!chosen.length) {
      void message.warning('没有要发布的任务');
      return;
    }
    if (missing >= 0) {
      void message.error(`第 ${shown.indexOf(chosen[missing]) + 1} 条任务尚未指定牵头单位`);
      return;
    }
    modal.confirm({
      title: `发布 ${chosen.length} 条任务?`,
      content: '发布后任务下发到牵头单位,进入待签收状态。',
      okText: '发布',
      cancelText: '取消',
      // The dialog closes either way; a failure is shown by the action's message.
      onOk: () => publishRows.mutateAsync(chosen).catch(() => undefined),
    });
  };

  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  if (!doc) return <Card loading />;
  const marks: Mark[] = [
    ...doc.tasks
      .filter((t) => t.start != null)
      .map((t) => ({ key: `t${t.id}`, start: t.start!, end: t.end!, kind: 'published' as const })),
    ...shown.map((r, i) => ({
      key: r.key,
      start: r.start,
      end: r.end,
      kind: 'proposal' as const,
      label: String(i + 1),
    })),
    ...(hl ? [{ key: 'focus', start: Number(hl[1]), end: Number(hl[2]), kind: 'focus' as const }] : []),
  ];
  const writable = can('document.write') && doc.canPublish;

  return (
    <Row gutter={12}>
      <Col xs={24} lg={10}>
        <Card size="small" title={doc.title} extra={<Tag>{fmtDate(doc.date)}</Tag>}>
          <Descriptions size="small" column={2} style={{ marginBottom: 8 }}>
            <Descriptions.Item label="会议">{doc.meeting ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="发文单位">{doc.issuingUnit ?? '—'}</Descriptions.Item>
          </Descriptions>
          <DocText
            ref={textRef}
            text={doc.text}
            marks={marks}
            active={active}
            onMarkClick={(k) =>
              k.startsWith('t') && !rows.some((r) => r.key === k) ? navigate(`/tasks/${k.slice(1)}`) : setActive(k)
            }
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card
          size="small"
          title="任务分解表(审核)"
          extra={
            writable && (
              <Space>
                <Button icon={<ThunderboltOutlined />} loading={extract.isPending} onClick={() => extract.mutate()}>
                  识别任务
                </Button>
                <Checkbox checked={lowFirst} onChange={(e) => setLowFirst(e.target.checked)}>
                  待核的排在前
                </Checkbox>
                <Button icon={<PlusOutlined />} onClick={addFromSelection}>
                  按选中文字添加
                </Button>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  onClick={publish}
                  disabled={!rows.length}
                  loading={publishRows.isPending}
                >
                  {selected.length ? `发布选中的 ${selected.length} 条` : '发布全部'}
                </Button>
              </Space>
            )
          }
        >
          {warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
          ))}
          {selected.length > 0 && (
            <Space style={{ marginBottom: 8 }}>
              <Typography.Text>为选中的 {selected.length} 条指定牵头单位:</Typography.Text>
              <div data-testid="batch-lead" style={{ width: 240 }}>
                <TreeSelect
                  treeData={treeData}
                  showSearch
                  treeNodeFilterProp="title"
                  style={{ width: '100%' }}
                  placeholder="选择单位"
                  value={null}
                  onChange={(v) => v && setLeadForSelected(v as number)}
                />
              </div>
            </Space>
          )}
          {rows.length ? (
            <ReviewTable
              rows={shown}
              tree={treeData}
              active={active}
              selected={selected}
              onSelect={setSelected}
              onActive={(k) => {
                setActive(k);
                textRef.current?.scrollTo(k);
              }}
              onChange={change}
              onMerge={merge}
              onSplit={split}
              onDelete={remove}
            />
          ) : (
            <Empty
              description={
                writable ? '点击「识别任务」生成任务建议,或在原文中选中文字后「按选中文字添加」' : '无待审核的任务'
              }
            />
          )}
        </Card>
        {doc.tasks.length > 0 && (
          <Card size="small" title={`已发布的任务(${doc.tasks.length})`} style={{ marginTop: 12 }}>
            {doc.tasks.map((t) => (
              <div key={t.id} style={{ padding: '2px 0' }}>
                <span
                  style={{
                    display: 'inline-block',
                    width: 8,
                    height: 8,
                    borderRadius: 4,
                    background: LIGHT_COLOR[t.light],
                    marginRight: 6,
                  }}
                />
                <Link to={`/tasks/${t.id}`}>{t.text}</Link>{' '}
                <Typography.Text type="secondary">— {t.leadName}</Typography.Text>
              </div>
            ))}
          </Card>
        )}
      </Col>
    </Row>
  );
}

/** A reviewed row as the publish request takes it. */
const toPublish = (x: ReviewRow): PublishRow => ({
  text: x.text,
  start: x.start,
  end: x.end,
  leadOrgId: x.leadOrgId ?? 0,
  coOrgIds: x.coOrgIds,
  dueDate: x.dueDate,
  deadlineText: x.deadlineText,
  targets: x.targets,
  leader: x.leader?.trim() || null,
});
