import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { InspectionRow } from '../../../../common/contracts/windows-supervision.ts';
import { DATE_INPUT_FORMATS, fmtTime } from '../../lib/format.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { inspectionsApi, thisMonth, windowsApi } from './api.ts';

/** Photos from the phone camera are scaled to ≤1600 px JPEG before upload (a 4 MB photo becomes ~300 KB). */
async function shrink(file: File): Promise<{ fileName: string; contentBase64: string }> {
  const img = await createImageBitmap(file);
  const k = Math.min(1, 1600 / Math.max(img.width, img.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(img.width * k);
  canvas.height = Math.round(img.height * k);
  canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
  const data = canvas.toDataURL('image/jpeg', 0.8);
  return { fileName: `${file.name.replace(/\.\w+$/, '')}.jpg`, contentBase64: data.split(',')[1] };
}

/** 暗访报告: 作风监督员 file what they saw (from a phone); a report becomes a case, an item or a 整改通知书. */
export default function InspectionsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [month, setMonth] = useState(thisMonth());
  const [page, setPage] = useState(1);
  const [filing, setFiling] = useState(false);
  const [notice, setNotice] = useState<InspectionRow | null>(null);
  const wide = Grid.useBreakpoint().md;
  const list = useQuery({
    queryKey: ['windows', 'inspections', month, page],
    queryFn: () => inspectionsApi.list({ month, page, pageSize: 20 }),
  });
  const act = useQuery({ queryKey: ['windows', 'activity', month], queryFn: () => inspectionsApi.activity(month) });
  const convert = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => {
      message.success('已处理');
      void qc.invalidateQueries({ queryKey: ['windows'] });
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={wide ? '暗访报告' : undefined}
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear={false}
              aria-label="月份"
              value={dayjs(`${month}-01`)}
              format="YYYY年MM月"
              onChange={(d) => {
                if (!d) return;
                setMonth(d.format('YYYY-MM'));
                setPage(1);
              }}
            />
            <Button type="primary" onClick={() => setFiling(true)}>
              填写暗访报告
            </Button>
          </Space>
        }
      >
        {!wide && (
          <List
            loading={list.isLoading}
            dataSource={list.data?.items}
            pagination={{ current: page, total: list.data?.total, pageSize: 20, onChange: setPage, size: 'small' }}
            renderItem={(r) => (
              <List.Item>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <Typography.Text strong>{r.orgName}</Typography.Text>
                    {r.windowName && <Tag>{r.windowName}</Tag>}
                    <Tag color={r.status === '已提交' ? 'orange' : 'green'}>{r.noticeNo ?? r.status}</Tag>
                  </Space>
                  <Typography.Text type="secondary">
                    {fmtTime(r.visitedAt)} · {r.inspectorName} · 照片 {r.photoCount} 张
                  </Typography.Text>
                  <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
                    {r.findings}
                  </Typography.Paragraph>
                  {r.status === '已提交' && (
                    <Space wrap size={4}>
                      <ConvertButtons r={r} convert={(fn) => convert.mutate(fn)} onNotice={setNotice} />
                    </Space>
                  )}
                  {r.noticeNo && (
                    <Button
                      size="small"
                      type="link"
                      style={{ padding: 0 }}
                      onClick={() => inspectionsApi.noticeDocx(r.id, r.noticeNo!)}
                    >
                      下载通知书
                    </Button>
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
        {wide && (
          <Table<InspectionRow>
            rowKey="id"
            loading={list.isLoading}
            dataSource={list.data?.items}
            scroll={{ x: 900 }}
            pagination={{
              current: page,
              total: list.data?.total,
              pageSize: 20,
              onChange: setPage,
              showTotal: (n) => `共 ${n} 份`,
            }}
            columns={[
              { title: '暗访时间', dataIndex: 'visitedAt', width: 170, render: fmtTime },
              { title: '被查单位', dataIndex: 'orgName' },
              { title: '窗口', dataIndex: 'windowName', render: (v) => v ?? '—' },
              { title: '所见情况', dataIndex: 'findings', ellipsis: true },
              { title: '照片', dataIndex: 'photoCount', width: 60 },
              { title: '监督员', dataIndex: 'inspectorName', width: 90 },
              {
                title: '状态',
                dataIndex: 'status',
                width: 120,
                render: (v: string, r) => <Tag color={v === '已提交' ? 'orange' : 'green'}>{r.noticeNo ?? v}</Tag>,
              },
              {
                title: '处理',
                key: 'op',
                width: 250,
                render: (_, r) =>
                  r.status === '已提交' ? (
                    <Space size={4} wrap>
                      <ConvertButtons r={r} convert={(fn) => convert.mutate(fn)} onNotice={setNotice} />
                    </Space>
                  ) : r.noticeNo ? (
                    <Button size="small" type="link" onClick={() => inspectionsApi.noticeDocx(r.id, r.noticeNo!)}>
                      下载通知书
                    </Button>
                  ) : (
                    <Typography.Text type="secondary">
                      {r.caseId ? `工单 #${r.caseId}` : `整改 #${r.rectificationId}`}
                    </Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <Card title={`作风监督员履职情况(${month})`} size="small">
        <Table
          rowKey="inspectorId"
          size="small"
          pagination={false}
          dataSource={act.data?.items}
          columns={[
            { title: '监督员', dataIndex: 'inspectorName' },
            { title: '暗访报告', dataIndex: 'reports' },
            { title: '转工单', dataIndex: 'cases' },
            { title: '交办整改', dataIndex: 'rectifications' },
            { title: '整改通知书', dataIndex: 'notices' },
          ]}
        />
      </Card>
      <FileDrawer open={filing} onClose={() => setFiling(false)} />
      {notice && <NoticeModal row={notice} onClose={() => setNotice(null)} />}
    </Space>
  );
}

/** What an inspection record becomes: a 工单 to verify, a rectification item, or a 整改通知书 (a dialog). */
function ConvertButtons(props: {
  r: InspectionRow;
  convert: (fn: () => Promise<unknown>) => void;
  onNotice: (r: InspectionRow) => void;
}) {
  const { r } = props;
  return (
    <>
      <Button size="small" onClick={() => props.convert(() => inspectionsApi.toCase(r.id))}>
        转工单
      </Button>
      <Button size="small" onClick={() => props.convert(() => inspectionsApi.toRectification(r.id, {}))}>
        交办整改
      </Button>
      <Button size="small" danger onClick={() => props.onNotice(r)}>
        整改通知书
      </Button>
    </>
  );
}

function FileDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const orgId: number | undefined = Form.useWatch('orgId', form);
  const [photos, setPhotos] = useState<{ fileName: string; contentBase64: string }[]>([]);
  const wins = useQuery({
    queryKey: ['windows', 'byOrg', orgId],
    queryFn: () => windowsApi.list({ orgId, pageSize: 200 }),
    enabled: !!orgId,
  });
  const save = useMutation({
    mutationFn: (v: { orgId: number; windowId?: number; visitedAt: Dayjs; findings: string }) =>
      inspectionsApi.create({
        orgId: v.orgId,
        windowId: v.windowId ?? null,
        visitedAt: v.visitedAt.toISOString(),
        findings: v.findings,
        photos,
      }),
    onSuccess: () => {
      message.success('暗访报告已提交');
      form.resetFields();
      setPhotos([]);
      void qc.invalidateQueries({ queryKey: ['windows'] });
      onClose();
    },
  });
  return (
    <Drawer open={open} onClose={onClose} title="填写暗访报告" width={Math.min(520, window.innerWidth)} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ visitedAt: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgId" label="被查单位" rules={[{ required: true, message: '请选择被查单位' }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="windowId" label="窗口(可选)">
          <Select
            allowClear
            disabled={!orgId}
            options={wins.data?.items.filter((w) => w.orgId === orgId).map((w) => ({ value: w.id, label: w.name }))}
          />
        </Form.Item>
        <Form.Item name="visitedAt" label="暗访时间" rules={[{ required: true }]}>
          <DatePicker showTime format="YYYY年MM月DD日 HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="findings" label="所见情况" rules={[{ required: true, message: '请填写所见情况' }]}>
          <Input.TextArea rows={5} maxLength={5000} placeholder="时间、地点、人员表现、群众反映……" />
        </Form.Item>
        <Form.Item label={`照片(最多 6 张,已选 ${photos.length} 张)`}>
          <input
            type="file"
            accept="image/*"
            multiple
            aria-label="照片"
            onChange={async (e) => {
              const files = [...(e.target.files ?? [])].slice(0, 6 - photos.length);
              const out = await Promise.all(files.map((f) => shrink(f).catch(() => null)));
              setPhotos((p) => [...p, ...(out.filter(Boolean) as typeof p)]);
            }}
          />
        </Form.Item>
        {save.error && <Alert type="error" message={(save.error as Error).message} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" block loading={save.isPending}>
          提交报告
        </Button>
      </Form>
    </Drawer>
  );
}

function NoticeModal({ row, onClose }: { row: InspectionRow; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { requirements: string; deadlineDate: Dayjs }) =>
      inspectionsApi.notice(row.id, {
        requirements: v.requirements,
        deadlineDate: v.deadlineDate.format('YYYY-MM-DD'),
      }),
    onSuccess: async (r) => {
      void qc.invalidateQueries({ queryKey: ['windows'] });
      if (r.noticeNo) await inspectionsApi.noticeDocx(row.id, r.noticeNo);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={`下发整改通知书:${row.orgName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="下发并下载"
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ deadlineDate: dayjs().add(10, 'day') }}
      >
        <Form.Item name="requirements" label="整改要求" rules={[{ required: true, message: '请填写整改要求' }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="deadlineDate" label="整改时限" rules={[{ required: true }]}>
          <DatePicker format={DATE_INPUT_FORMATS} />
        </Form.Item>
        {save.error && <Alert type="error" message={(save.error as Error).message} />}
      </Form>
    </Modal>
  );
}
