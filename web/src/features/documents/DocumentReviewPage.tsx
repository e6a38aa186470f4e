import { PlusOutlined, SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Grid, Row, Space, Tag } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ReviewDraft } from '../../../../common/contracts/review-draft.ts';
import { indexTree, useOrgTree } from '../../components/orgTree.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { taskKeys } from '../tasks/api.ts';
import { documentKeys, documentsApi } from './api.ts';
import { type CorrectionInput, rowCorrection, sendCorrections, unitCorrections } from './corrections.ts';
import { DocText, type DocTextHandle, type Mark } from './DocText.tsx';
import { DraftNotice } from './DraftNotice.tsx';
import { PublishedTasks } from './PublishedTasks.tsx';
import { BulkActions, PhoneBulkBar } from './ReviewBulkBar.tsx';
import { ReviewCards } from './ReviewCards.tsx';
import { fromProposal, keysFrom, mergeRows, newKey, splitRows, toPublish } from './reviewRows.ts';
import { type ReviewRow, type RowActions, rowProblem } from './reviewRow.tsx';
import { ReviewTable } from './ReviewTable.tsx';
import { useReviewDraft } from './useReviewDraft.ts';

/** 审核:原文与任务建议并排;改好后发布。?hl=start-end highlights a passage (from a task's link). */
export default function DocumentReviewPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const { tree } = useOrgTree();
  // a phone gets cards instead of the wide table, and the text folded away until asked for
  const narrow = !Grid.useBreakpoint().md;
  const narrowRef = useRef(narrow);
  narrowRef.current = narrow;
  const [showText, setShowText] = useState(false);
  const names = useMemo(() => {
    const m = new Map<number, string>();
    if (tree) for (const [k, n] of indexTree(tree)) m.set(k, n.name);
    return m;
  }, [tree]);
  const q = useQuery({ queryKey: documentKeys.detail(id), queryFn: () => documentsApi.get(id) });
  const doc = q.data;
  const [rows, setRows] = useState<ReviewRow[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  // corrections made since the last extraction (sent with the next publish); low-confidence rows listed first
  const [taught, setTaught] = useState<CorrectionInput[]>([]);
  const [lowFirst, setLowFirst] = useState(true);
  const textRef = useRef<DocTextHandle>(null);
  // the row operations read the latest rows and text through refs, so the actions object stays the same
  // for the life of the page and a row re-renders only when its own props change
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const textOf = useRef('');
  textOf.current = doc?.text ?? '';

  const writable = !!doc && can('document.write') && doc.canPublish;
  const content = useMemo(() => ({ rows, taught, warnings }), [rows, taught, warnings]);
  const restore = useCallback((d: ReviewDraft) => {
    keysFrom(d.rows);
    setRows(d.rows);
    setTaught(d.taught);
    setWarnings(d.warnings);
  }, []);
  const draft = useReviewDraft(id, writable, content, restore);

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
      setRows(r.tasks.map(fromProposal));
      setTaught([]);
      setWarnings(r.warnings);
      setSelected(new Set());
      draft.dismiss();
    },
  });
  const publishRows = useAction((chosen: ReviewRow[]) => documentsApi.publish(id, chosen.map(toPublish)), {
    success: (r) => `已发布 ${r.taskIds.length} 条任务`,
    invalidate: [documentKeys.all, taskKeys.all],
    onSuccess: (_, chosen) => {
      draft.published();
      // what the reviewer changed teaches the next extraction; a failure here never undoes the publish
      const corrections = [...taught, ...unitCorrections(chosen)];
      if (corrections.length)
        sendCorrections(id, corrections)
          .then(() => {
            setTaught([]);
            void message.info(`已记录 ${corrections.length} 处更正,以后识别任务时参考`);
          })
          .catch((e) => void message.warning(`更正未能记录:${(e as Error).message}`));
      const gone = new Set(chosen.map((r) => r.key));
      setRows((rs) => rs.filter((x) => !gone.has(x.key)));
      setSelected(new Set());
    },
  });

  const actions = useMemo<RowActions>(() => {
    const teach = (c: CorrectionInput | null) => c && setTaught((t) => [...t, c]);
    const find = (k: string) => rowsRef.current.find((r) => r.key === k);
    return {
      select: (k, on) =>
        setSelected((s) => {
          const n = new Set(s);
          if (on) n.add(k);
          else n.delete(k);
          return n;
        }),
      activate: (k) => {
        setActive(k);
        // on a phone the text sits above the cards: scrolling it into view would carry the page away
        if (k && !narrowRef.current) textRef.current?.scrollTo(k);
      },
      change: (k, patch) => setRows((rs) => rs.map((r) => (r.key === k ? { ...r, ...patch } : r))),
      remove: (k) => {
        const r = find(k);
        if (r) teach(rowCorrection('not_task', r));
        setRows((rs) => rs.filter((x) => x.key !== k));
        setSelected((s) => {
          const n = new Set(s);
          n.delete(k);
          return n;
        });
      },
      merge: (k) => {
        const r = find(k);
        if (r) teach(rowCorrection('merge', r));
        setRows((rs) => mergeRows(rs, k, textOf.current));
      },
      split: (k) => {
        const r = find(k);
        if (r) teach(rowCorrection('split', r));
        const sel = textRef.current?.selection() ?? null;
        setRows((rs) => splitRows(rs, k, textOf.current, sel));
      },
    };
  }, []);

  const shown = useMemo(
    () => (lowFirst ? [...rows].sort((x, y) => (x.confidence ?? 1) - (y.confidence ?? 1)) : rows),
    [rows, lowFirst],
  );
  const noLead = useMemo(() => rows.filter((r) => !r.leadOrgId), [rows]);
  // the highlights depend on where rows are and their numbers, not on what is typed in them
  const markSig = shown.map((r) => `${r.key}:${r.start}:${r.end}`).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by markSig, not by the rows' identity
  const marks = useMemo<Mark[]>(
    () => [
      ...(doc?.tasks ?? [])
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
    ],
    [markSig, doc?.tasks, focus],
  );
  const onMarkClick = useCallback(
    (k: string) =>
      k.startsWith('t') && !rowsRef.current.some((r) => r.key === k) ? navigate(`/tasks/${k.slice(1)}`) : setActive(k),
    [navigate],
  );

  const addFromSelection = () => {
    const sel = textRef.current?.selection();
    if (!sel || !doc) {
      void message.warning(narrow ? '请先展开原文并选中一段文字' : '请先在左侧原文中用鼠标选中一段文字');
      return;
    }
    const row: ReviewRow = {
      key: newKey(),
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
        selected.has(r.key) ? { ...r, leadOrgId: orgId, coOrgIds: r.coOrgIds.filter((x) => x !== orgId) } : r,
      ),
    );
  const discard = () =>
    modal.confirm({
      title: '放弃草稿?',
      content: '草稿中的审核结果将被清除,可重新「识别任务」。',
      okText: '放弃草稿',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        draft
          .discard()
          .then(() => {
            setRows([]);
            setTaught([]);
            setWarnings([]);
            setSelected(new Set());
            void message.success('草稿已放弃');
          })
          .catch((e) => void message.error((e as Error).message)),
    });

  const publish = () => {
    // in the order listed, so the published tasks follow what the reviewer saw
    const chosen = selected.size ? shown.filter((r) => selected.has(r.key)) : shown;
    if (!chosen.length) {
      void message.warning('没有要发布的任务');
      return;
    }
    const bad = chosen.find((r) => rowProblem(r));
    if (bad) {
      void message.error(`第 ${shown.indexOf(bad) + 1} 条任务${rowProblem(bad)}`);
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

  const publishButton = (
    <Button
      type="primary"
      icon={<SendOutlined />}
      onClick={publish}
      disabled={!rows.length}
      loading={publishRows.isPending}
      block={narrow}
    >
      {selected.size ? `发布选中的 ${selected.size} 条` : '发布全部'}
    </Button>
  );
  const bulk = {
    noLead: noLead.length,
    selected: selected.size,
    onSelectNoLead: () => setSelected(new Set(noLead.map((r) => r.key))),
    onClear: () => setSelected(new Set<string>()),
    onLead: setLeadForSelected,
  };
  const onSelectAll = (on: boolean) => setSelected(on ? new Set(rows.map((r) => r.key)) : new Set<string>());

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={10} xl={7}>
        <Card
          size="small"
          title={doc.title}
          extra={
            <Space size={4}>
              <Tag style={{ marginInlineEnd: 0 }}>{fmtDate(doc.date)}</Tag>
              {narrow && (
                <Button size="small" type="link" onClick={() => setShowText((x) => !x)}>
                  {showText ? '收起原文' : '展开原文'}
                </Button>
              )}
            </Space>
          }
        >
          <Descriptions size="small" column={2} style={{ marginBottom: narrow && !showText ? 0 : 8 }}>
            <Descriptions.Item label="会议">{doc.meeting ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="发文单位">{doc.issuingUnit ?? '—'}</Descriptions.Item>
          </Descriptions>
          {(!narrow || showText) && (
            <DocText
              ref={textRef}
              text={doc.text}
              marks={marks}
              active={active}
              onMarkClick={onMarkClick}
              maxHeight={narrow ? '45vh' : undefined}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14} xl={17}>
        <Card
          size="small"
          title="任务分解表(审核)"
          extra={
            writable && (
              <Space wrap size={[8, 4]} style={{ justifyContent: 'flex-end' }}>
                <Button icon={<ThunderboltOutlined />} loading={extract.isPending} onClick={() => extract.mutate()}>
                  识别任务
                </Button>
                <Checkbox checked={lowFirst} onChange={(e) => setLowFirst(e.target.checked)}>
                  待核的排在前
                </Checkbox>
                {(!narrow || showText) && (
                  <Button icon={<PlusOutlined />} onClick={addFromSelection}>
                    按选中文字添加
                  </Button>
                )}
                {!narrow && publishButton}
              </Space>
            )
          }
        >
          {writable && (
            <DraftNotice
              restored={draft.restored}
              state={draft.state}
              savedAt={draft.savedAt}
              overwrote={draft.overwrote}
              hasRows={rows.length > 0}
              onDismiss={draft.dismiss}
              onDiscard={discard}
            />
          )}
          {warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
          ))}
          {!rows.length ? (
            <Empty
              description={
                draft.loading
                  ? '正在读取草稿……'
                  : writable
                    ? '点击「识别任务」生成任务建议,或在原文中选中文字后「按选中文字添加」'
                    : '无待审核的任务'
              }
            />
          ) : narrow ? (
            <ReviewCards
              rows={shown}
              names={names}
              active={active}
              selected={selected}
              onSelectAll={onSelectAll}
              actions={actions}
              bar={writable && <PhoneBulkBar {...bulk} publish={publishButton} />}
            />
          ) : (
            <>
              <BulkActions {...bulk} />
              <ReviewTable
                rows={shown}
                names={names}
                active={active}
                selected={selected}
                onSelectAll={onSelectAll}
                actions={actions}
              />
            </>
          )}
        </Card>
        <PublishedTasks tasks={doc.tasks} />
      </Col>
    </Row>
  );
}
