import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Input, Modal, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { approveGrid, currentPeriod, getRates, keys, listReports, returnGrid, unlockGrid } from './api.ts';
import type { ReportRow } from '../../../../common/contracts/indicators.ts';

const STATUS_COLOR: Record<string, string> = {
  填报中: 'default',
  已报送: 'processing',
  已通过: 'success',
  已退回: 'error',
};

/** 填报审核: who has reported this month, approve or return each unit's grid, unlock late entry; rates. */
export default function ApprovalsPage() {
  const [params, setParams] = useSearchParams();
  const period = params.get('period') || currentPeriod();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery({ queryKey: ['indicators', 'reports', period], queryFn: () => listReports(period) });
  const rates = useQuery({
    queryKey: ['indicators', 'rates', period.slice(0, 4)],
    queryFn: () => getRates(Number(period.slice(0, 4))),
  });
  const [dialog, setDialog] = useState<({ kind: 'return' | 'unlock' } & Pick<ReportRow, 'orgId' | 'orgName'>) | null>(
    null,
  );
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(dayjs().add(3, 'day'));
  const done = (text: string) => {
    message.success(text);
    setDialog(null);
    setReason('');
    void qc.invalidateQueries({ queryKey: keys.all });
  };
  const approve = useMutation({
    mutationFn: (orgId: number) => approveGrid(orgId, period),
    onSuccess: () => done('已审核通过'),
    onError: (e) => message.error(e.message),
  });
  const act = useMutation<unknown, Error>({
    mutationFn: () =>
      dialog!.kind === 'return'
        ? returnGrid(dialog!.orgId, period, reason)
        : unlockGrid(dialog!.orgId, period, { reason, untilDate: until.format('YYYY-MM-DD') }),
    onSuccess: () => done(dialog!.kind === 'return' ? '已退回' : '已解锁'),
    onError: (e) => message.error(e.message),
  });
  return (
    <Card
      title="填报审核"
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          format="YYYY年MM月"
          value={dayjs(`${period}-01`)}
          onChange={(d) => d && setParams({ period: d.format('YYYY-MM') })}
          aria-label="期间"
        />
      }
    >
      {list.error && <Alert type="error" message={(list.error as Error).message} />}
      <Table
        rowKey="orgId"
        size="small"
        scroll={{ x: 760 }}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: '单位',
            dataIndex: 'orgName',
            render: (v, r) => <Link to={`/indicators/report?orgId=${r.orgId}&period=${period}`}>{v}</Link>,
          },
          { title: '状态', dataIndex: 'status', render: (v) => <Tag color={STATUS_COLOR[v]}>{v}</Tag> },
          { title: '截止', dataIndex: 'deadlineDate', render: fmtDate },
          {
            title: '报送时间',
            dataIndex: 'submittedAt',
            render: (v, r) => (v ? `${fmtTime(v)}${r.onTime === false ? '(逾期)' : ''}` : '—'),
          },
          { title: '退回原因', dataIndex: 'reason', render: (v) => v ?? '' },
          {
            title: '操作',
            render: (_, r) => (
              <Space wrap>
                {r.status === '已报送' && (
                  <Button size="small" type="primary" onClick={() => approve.mutate(r.orgId)}>
                    通过
                  </Button>
                )}
                {(r.status === '已报送' || r.status === '已通过') && (
                  <Button
                    size="small"
                    danger
                    onClick={() => setDialog({ kind: 'return', orgId: r.orgId, orgName: r.orgName })}
                  >
                    退回
                  </Button>
                )}
                {(r.status === '填报中' || r.status === '已退回') && dayjs().format('YYYY-MM-DD') > r.deadlineDate && (
                  <Button
                    size="small"
                    onClick={() => setDialog({ kind: 'unlock', orgId: r.orgId, orgName: r.orgName })}
                  >
                    解锁补报
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Card size="small" title={`${period.slice(0, 4)}年报送率与及时率(已过截止日的月份)`} style={{ marginTop: 16 }}>
        <Table
          rowKey="orgId"
          size="small"
          pagination={false}
          dataSource={rates.data?.units ?? []}
          columns={[
            { title: '单位', dataIndex: 'orgName' },
            { title: '应报', dataIndex: 'expected' },
            { title: '实报', dataIndex: 'actual' },
            { title: '及时', dataIndex: 'onTime' },
            { title: '报送率', dataIndex: 'reportingRate', render: (v) => (v == null ? '—' : `${v}%`) },
            { title: '及时率', dataIndex: 'onTimeRate', render: (v) => (v == null ? '—' : `${v}%`) },
          ]}
        />
      </Card>
      <Modal
        open={!!dialog}
        title={dialog ? `${dialog.kind === 'return' ? '退回' : '解锁补报'}:${dialog.orgName}` : ''}
        onCancel={() => setDialog(null)}
        onOk={() => act.mutate()}
        confirmLoading={act.isPending}
        okText="确定"
      >
        <Input.TextArea
          rows={3}
          placeholder={dialog?.kind === 'return' ? '退回原因(必填)' : '解锁原因(必填,留痕)'}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="原因"
        />
        {dialog?.kind === 'unlock' && (
          <DatePicker
            style={{ marginTop: 8 }}
            value={until}
            onChange={(d) => d && setUntil(d)}
            format="YYYY年MM月DD日"
            aria-label="补报截止"
          />
        )}
      </Modal>
    </Card>
  );
}
