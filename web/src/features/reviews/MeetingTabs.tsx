import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AgendaItem, Campaign } from '../../../../common/contracts/reviews.ts';
import { useAction } from '../../components/useAction.ts';
import { reviewKeys, reviewsApi } from './api.ts';
import ParticipantsCard from './ParticipantsCard.tsx';

/** 会议议程: speaking order and per-speaker limits; starting a speaker's countdown. */
export function AgendaTab({ campaign }: { campaign: Campaign }) {
  const id = campaign.id;
  const q = useQuery({ queryKey: reviewKeys.part(id, 'agenda'), queryFn: () => reviewsApi.agenda(id) });
  // The order being edited; null until the user moves something (then the saved order is shown).
  const [edited, setEdited] = useState<AgendaItem[] | null>(null);
  const items = edited ?? q.data?.items ?? [];
  const save = useAction(
    () =>
      reviewsApi.setAgenda(
        id,
        items.map((i) => ({ orgId: i.orgId, limitSec: i.limitSec })),
      ),
    { success: '议程已保存', invalidate: [reviewKeys.campaign(id)], onSuccess: () => setEdited(null) },
  );
  const speak = useAction((orgId: number | null) => reviewsApi.speaker(id, orgId), {
    success: (_, orgId) => (orgId ? '开始计时' : '已停止计时'),
  });
  const move = (i: number, d: number) => {
    const x = [...items];
    [x[i], x[i + d]] = [x[i + d], x[i]];
    setEdited(x);
  };
  const editable = campaign.status === 'preparing';
  return (
    <>
      {q.error && <Alert type="error" title={q.error.message} />}
      <Table
        rowKey="orgId"
        dataSource={items}
        loading={q.isPending}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '顺序', render: (_, __, i) => i + 1, width: 60 },
          { title: '述职组织', dataIndex: 'orgName' },
          { title: '书记', dataIndex: 'secretary', responsive: ['md'] },
          {
            title: '时限(分钟)',
            dataIndex: 'limitSec',
            width: 130,
            render: (s: number, _, i) => (
              <InputNumber
                aria-label={`第${i + 1}位时限`}
                min={1}
                max={120}
                value={Math.round(s / 60)}
                disabled={!editable}
                onChange={(v) => {
                  const x = [...items];
                  x[i] = { ...x[i], limitSec: (v ?? 5) * 60 };
                  setEdited(x);
                }}
              />
            ),
          },
          {
            title: '操作',
            render: (_, r, i) => (
              <Space wrap>
                <Button size="small" disabled={!editable || i === 0} onClick={() => move(i, -1)}>
                  上移
                </Button>
                <Button size="small" disabled={!editable || i === items.length - 1} onClick={() => move(i, 1)}>
                  下移
                </Button>
                <Button size="small" type="primary" disabled={!editable} onClick={() => speak.mutate(r.orgId)}>
                  开始述职计时
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!editable} loading={save.isPending} onClick={() => save.mutate()}>
          保存议程
        </Button>
        <Button disabled={!editable} onClick={() => speak.mutate(null)}>
          停止计时
        </Button>
        <Link to={`/reviews/${id}/screen`}>
          <Button>打开大屏</Button>
        </Link>
      </Space>
    </>
  );
}

type PaperValues = { sheetNo: string } & Record<`g${number}`, string>;

/** 投票: token sheets, issuing to listed participants, paper double entry, turnout. */
export function VotingTab({ campaign }: { campaign: Campaign }) {
  const id = campaign.id;
  const [form] = Form.useForm<PaperValues>();
  const paper = useQuery({ queryKey: reviewKeys.part(id, 'paper'), queryFn: () => reviewsApi.paper(id) });
  const enter = useAction(
    (v: PaperValues) =>
      reviewsApi.enterPaper(id, {
        sheetNo: v.sheetNo,
        ratings: campaign.targets.map((t) => ({ orgId: t.orgId, grade: v[`g${t.orgId}`] })),
      }),
    {
      success: (r) => `纸质票 ${r.sheetNo}:${r.status}`,
      invalidate: [reviewKeys.campaign(id)],
      onSuccess: () => form.resetFields(),
    },
  );
  const orgName = (orgId: number) => campaign.targets.find((t) => t.orgId === orgId)?.orgName;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title="选票码">
        <Typography.Paragraph>
          选票码明文只在生成时显示一次(系统只保存其哈希),请生成后立即打印并随机发放。
        </Typography.Paragraph>
        <Space wrap size="large">
          <Link to={`/reviews/${id}/tokens`}>
            <Button type="primary" disabled={campaign.status === 'closed'}>
              生成并打印选票码
            </Button>
          </Link>
          {campaign.counts && (
            <>
              <Statistic title="已发放" value={campaign.counts.issued} />
              <Statistic title="已投票" value={campaign.counts.used} />
            </>
          )}
        </Space>
      </Card>
      <ParticipantsCard campaign={campaign} />
      <Card size="small" title="纸质票录入(两名录入员各录一次)">
        {campaign.status !== 'voting' ? (
          <Alert type="info" title="投票开始后才能录入纸质票" />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => enter.mutate(v)}>
            <Form.Item name="sheetNo" label="纸质票编号" rules={[{ required: true, message: '请填写纸质票编号' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            {campaign.targets.map((t) => (
              <Form.Item
                key={t.orgId}
                name={`g${t.orgId}`}
                label={t.orgName}
                rules={[{ required: true, message: '请选择等次' }]}
              >
                <Radio.Group optionType="button" options={campaign.scale.map((g) => ({ value: g, label: g }))} />
              </Form.Item>
            ))}
            <Button type="primary" htmlType="submit" loading={enter.isPending}>
              录入
            </Button>
          </Form>
        )}
        {paper.data && (
          <>
            <Space wrap style={{ margin: '12px 0' }}>
              {Object.entries(paper.data.counts).map(([k, n]) => (
                <Tag key={k} color={k === '不一致' && n ? 'red' : undefined}>
                  {k} {n}
                </Tag>
              ))}
            </Space>
            <Table
              size="small"
              rowKey="sheetNo"
              dataSource={paper.data.items.filter((i) => i.status === '不一致')}
              pagination={false}
              locale={{ emptyText: '没有不一致的纸质票' }}
              columns={[
                { title: '编号', dataIndex: 'sheetNo' },
                {
                  title: '不一致之处',
                  dataIndex: 'differences',
                  render: (_, r) =>
                    r.differences
                      .map((x) => `${orgName(x.orgId)}:${x.first.grade} / ${x.second?.grade ?? '—'}`)
                      .join(';'),
                },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
