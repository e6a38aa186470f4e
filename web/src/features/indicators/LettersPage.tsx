import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Drawer, InputNumber, Progress, Space, Table, Tag } from 'antd';
import { fmtTime } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { fmtNum, fmtPeriod } from './api.ts';
import { LightTag } from './CockpitPage.tsx';
import { getLetter, listLetters, printLetter, signLetter } from './letters.api.ts';

const STATUS_COLOR: Record<string, string> = { 待签: 'default', 单位已签: 'processing', 已签订: 'success' };

/** 目标责任书: the letters of a year under the caller, both sides' signatures, live progress per line. */
export default function LettersPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['indicators', 'letters', year], queryFn: () => listLetters(year) });
  return (
    <Card
      title="目标责任书"
      extra={
        <Space>
          年度
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label="年度" />
        </Space>
      }
    >
      {list.error && <Alert type="error" message={(list.error as Error).message} />}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 640 }}
        dataSource={list.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '责任单位', dataIndex: 'orgName' },
          { title: '责任书', dataIndex: 'title' },
          { title: '下达单位', dataIndex: 'issuerOrgName' },
          { title: '状态', dataIndex: 'status', render: (v) => <Tag color={STATUS_COLOR[v]}>{v}</Tag> },
          { title: '签订时间', dataIndex: 'signedAt', render: (v) => (v ? fmtTime(v) : '—') },
        ]}
      />
      {open && <LetterDrawer id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function LetterDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const d = useQuery({ queryKey: ['indicators', 'letter', id], queryFn: () => getLetter(id) });
  const sign = useMutation({
    mutationFn: () => signLetter(id),
    onSuccess: (r) => {
      message.success(`已作为${r.side}签署`);
      void qc.invalidateQueries({ queryKey: ['indicators'] });
    },
    onError: (e) => message.error(e.message),
  });
  const l = d.data;
  return (
    <Drawer open onClose={onClose} width={Math.min(720, window.innerWidth)} title={l?.title ?? '目标责任书'}>
      {l && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>责任单位:{l.orgName}</span>
            <span>下达单位:{l.issuerOrgName}</span>
            <Tag color={STATUS_COLOR[l.status]}>{l.status}</Tag>
          </Space>
          <Table
            rowKey={(r) => `${r.kind}${r.text}`}
            size="small"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={l.lines}
            columns={[
              { title: '类别', dataIndex: 'kind', width: 80 },
              { title: '内容', dataIndex: 'text' },
              { title: '全年目标', render: (_, r) => (r.target == null ? '' : `${fmtNum(r.target)}${r.unit ?? ''}`) },
              {
                title: '实时进度',
                width: 200,
                render: (_, r) =>
                  r.indicatorId == null ? (
                    <span style={{ color: '#999' }}>按督查任务考核</span>
                  ) : r.cumValue == null ? (
                    '尚无数据'
                  ) : (
                    <Space direction="vertical" size={0}>
                      <span>
                        截至{fmtPeriod(r.period!)}:{fmtNum(r.cumValue)}
                        {r.unit}
                      </span>
                      <Progress
                        percent={Math.min(100, r.completion ?? 0)}
                        size="small"
                        format={() => `${r.completion ?? '—'}%`}
                      />
                      <LightTag light={r.light as 'green' | 'yellow' | 'red' | null} pace={r.pace} />
                    </Space>
                  ),
              },
            ]}
          />
          <h4 style={{ marginTop: 16 }}>签署记录</h4>
          <p>
            下达单位:{l.issuerSignedAt ? `${l.issuerSignerName},${fmtTime(l.issuerSignedAt)}` : '未签署'}
            <br />
            责任单位:{l.unitSignedAt ? `${l.unitSignerName},${fmtTime(l.unitSignedAt)}` : '未签署'}
          </p>
          <Space>
            {can('letter.sign') && l.status !== '已签订' && (
              <Button type="primary" onClick={() => sign.mutate()} loading={sign.isPending}>
                签署
              </Button>
            )}
            <Button onClick={() => printLetter(id)}>打印(.docx)</Button>
          </Space>
        </>
      )}
    </Drawer>
  );
}
