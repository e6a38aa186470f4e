import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Input, Space, Table, Tag, Upload } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import {
  currentPeriod,
  downloadTemplate,
  fmtNum,
  fmtPeriod,
  getGrid,
  keys,
  parsePaste,
  saveGrid,
  submitGrid,
  uploadGrid,
} from './api.ts';

const STATUS_COLOR: Record<string, string> = {
  填报中: 'default',
  已报送: 'processing',
  已通过: 'success',
  已退回: 'error',
};
type Cell = { value: string; note: string };

/** 指标填报: one unit, one month, one grid. Cells accept text pasted from Excel (a column or a block). */
export default function ReportPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || me!.user.scopeOrgId;
  const period = params.get('period') || currentPeriod();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const grid = useQuery({ queryKey: keys.grid(orgId, period), queryFn: () => getGrid(orgId, period) });
  const [cells, setCells] = useState<Record<number, Cell>>({});
  const [errors, setErrors] = useState<string[]>([]);
  useEffect(() => {
    if (grid.data)
      setCells(
        Object.fromEntries(
          grid.data.rows.map((r) => [
            r.indicatorId,
            { value: r.value == null ? '' : String(r.value), note: r.note ?? '' },
          ]),
        ),
      );
  }, [grid.data]);
  const set = (id: number, p: Partial<Cell>) => setCells((c) => ({ ...c, [id]: { ...c[id], ...p } }));
  const onErr = (e: Error & { details?: unknown }) => {
    const d = e.details as { errors?: string[] } | undefined;
    setErrors(d?.errors ?? [e.message]);
    message.error(e.message);
  };
  const refresh = () => qc.invalidateQueries({ queryKey: keys.all });
  const save = useMutation({
    mutationFn: () =>
      saveGrid(orgId, period, {
        values: (grid.data?.rows ?? []).map((r) => ({
          indicatorId: r.indicatorId,
          value: cells[r.indicatorId]?.value.trim() ? cells[r.indicatorId].value : null,
          note: cells[r.indicatorId]?.note || null,
        })),
      }),
    onSuccess: () => {
      setErrors([]);
      message.success('已保存');
      void refresh();
    },
    onError: onErr,
  });
  const submit = useMutation({
    mutationFn: async () => {
      await save.mutateAsync();
      await submitGrid(orgId, period);
    },
    onSuccess: () => {
      message.success('已报送,等待上级审核');
      void refresh();
    },
    onError: onErr,
  });
  const g = grid.data;
  const editable = !!g && g.rows.length > 0 && !g.locked && (g.status === '填报中' || g.status === '已退回');

  /** A block pasted into a value cell fills that row and the rows below (first column = value, second = note). */
  const onPaste = (rowIndex: number) => (e: React.ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!text.includes('\n') && !text.includes('\t')) return;
    e.preventDefault();
    const lines = parsePaste(text);
    const rows = g?.rows ?? [];
    lines.forEach((cols, i) => {
      const r = rows[rowIndex + i];
      if (r)
        set(r.indicatorId, {
          value: cols[0]?.trim() ?? '',
          ...(cols[1] !== undefined ? { note: cols[1].trim() } : {}),
        });
    });
    message.info(`已粘贴 ${Math.min(lines.length, rows.length - rowIndex)} 行`);
  };

  return (
    <Card
      title="指标填报"
      extra={
        <Space wrap>
          <OrgTreeSelect
            style={{ width: 220 }}
            value={orgId}
            onChange={(v: number) => setParams({ orgId: String(v), period })}
            aria-label="填报单位"
          />
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${period}-01`)}
            format="YYYY年MM月"
            onChange={(d) => d && setParams({ orgId: String(orgId), period: d.format('YYYY-MM') })}
            aria-label="期间"
          />
        </Space>
      }
    >
      {grid.error && <Alert type="error" message={(grid.error as Error).message} />}
      {g && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>
              {g.orgName} · {fmtPeriod(g.period)}
            </span>
            <Tag color={STATUS_COLOR[g.status]} data-testid="grid-status">
              {g.status}
            </Tag>
            <span>报送截止:{fmtDate(g.deadlineDate)}</span>
            {g.submittedAt && <span>报送时间:{fmtTime(g.submittedAt)}</span>}
            {g.locked && <Tag color="red">已过截止日期,需上级解锁后补报</Tag>}
            {g.unlockedUntilDate && <Tag color="orange">已解锁,补报至{fmtDate(g.unlockedUntilDate)}</Tag>}
          </Space>
          {g.status === '已退回' && g.reason && (
            <Alert type="warning" showIcon message={`上级退回:${g.reason}`} style={{ marginBottom: 12 }} />
          )}
          {errors.length > 0 && (
            <Alert
              type="error"
              style={{ marginBottom: 12 }}
              message="请修改后再保存"
              description={
                <ul>
                  {errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Table
            rowKey="indicatorId"
            size="small"
            pagination={false}
            scroll={{ x: 720 }}
            dataSource={g.rows}
            locale={{ emptyText: '本单位本月没有需要填报的指标' }}
            columns={[
              { title: '指标', dataIndex: 'name', width: 200 },
              {
                title: '本月数值',
                width: 160,
                render: (_, r, i) => (
                  <Input
                    aria-label={`${r.name}数值`}
                    value={cells[r.indicatorId]?.value ?? ''}
                    disabled={!editable}
                    inputMode="decimal"
                    onPaste={onPaste(i)}
                    onChange={(e) => set(r.indicatorId, { value: e.target.value })}
                  />
                ),
              },
              { title: '单位', dataIndex: 'unit', width: 70 },
              { title: '上期', width: 100, render: (_, r) => fmtNum(r.lastValue) },
              {
                title: '说明',
                render: (_, r) => (
                  <Input
                    aria-label={`${r.name}说明`}
                    placeholder={r.jumpPercent ? `比上期变化超过${r.jumpPercent}%时必填` : ''}
                    value={cells[r.indicatorId]?.note ?? ''}
                    disabled={!editable}
                    onChange={(e) => set(r.indicatorId, { note: e.target.value })}
                  />
                ),
              },
            ]}
          />
          <Space wrap style={{ marginTop: 12 }}>
            <Button onClick={() => save.mutate()} disabled={!editable} loading={save.isPending}>
              保存
            </Button>
            <Button type="primary" onClick={() => submit.mutate()} disabled={!editable} loading={submit.isPending}>
              报送
            </Button>
            <Button onClick={() => downloadTemplate(orgId, period)}>下载填报模板</Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              disabled={!editable}
              customRequest={({ file, onSuccess, onError }) => {
                uploadGrid(orgId, period, file as File)
                  .then(() => {
                    message.success('模板已导入');
                    setErrors([]);
                    void refresh();
                    onSuccess?.({});
                  })
                  .catch((e) => {
                    onErr(e);
                    onError?.(e);
                  });
              }}
            >
              <Button disabled={!editable}>上传模板</Button>
            </Upload>
          </Space>
        </>
      )}
    </Card>
  );
}
