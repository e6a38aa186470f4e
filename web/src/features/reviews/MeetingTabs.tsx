import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { api, request } from '../../api/client.ts';
import type { Campaign } from './model.ts';
import ParticipantsCard from './ParticipantsCard.tsx';

interface AgendaItem {
  targetId: number;
  orgId: number;
  orgName: string;
  secretary: string | null;
  order: number;
  limitSec: number;
}

/** 会议议程: speaking order and per-speaker limits; starting a speaker's countdown. */
export function AgendaTab({ campaign, onChange }: { campaign: Campaign; onChange: () => void }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<AgendaItem[]>([]);
  const load = useCallback(async () => {
    setItems((await api.get(`/api/reviews/${campaign.id}/agenda`)).items);
  }, [campaign.id]);
  useEffect(() => {
    void load();
  }, [load]);
  const move = (i: number, d: number) => {
    const x = [...items];
    [x[i], x[i + d]] = [x[i + d], x[i]];
    setItems(x);
  };
  const save = async () => {
    try {
      await request('PUT', `/api/reviews/${campaign.id}/agenda`, {
        body: { items: items.map((i) => ({ orgId: i.orgId, limitSec: i.limitSec })) },
      });
      message.success('议程已保存');
      void load();
      onChange();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const speak = async (orgId: number | null) => {
    try {
      await api.post(`/api/reviews/${campaign.id}/meeting/speaker`, { orgId });
      message.success(orgId ? '开始计时' : '已停止计时');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const editable = campaign.status === 'preparing';
  return (
    <>
      <Table
        rowKey="orgId"
        dataSource={items}
        pagination={false}
        columns={[
          { title: '顺序', render: (_, __, i) => i + 1, width: 60 },
          { title: '述职组织', dataIndex: 'orgName' },
          { title: '书记', dataIndex: 'secretary', responsive: ['md'] },
          {
            title: '时限(分钟)',
            dataIndex: 'limitSec',
            width: 130,
            render: (s, _, i) => (
              <InputNumber
                aria-label={`第${i + 1}位时限`}
                min={1}
                max={120}
                value={Math.round(s / 60)}
                disabled={!editable}
                onChange={(v) => {
                  const x = [...items];
                  x[i] = { ...x[i], limitSec: (v ?? 5) * 60 };
                  setItems(x);
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
                <Button size="small" type="primary" disabled={!editable} onClick={() => speak(r.orgId)}>
                  开始述职计时
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!editable} onClick={save}>
          保存议程
        </Button>
        <Button disabled={!editable} onClick={() => speak(null)}>
          停止计时
        </Button>
        <Link to={`/reviews/${campaign.id}/screen`}>
          <Button>打开大屏</Button>
        </Link>
      </Space>
    </>
  );
}

/** 投票: token sheets, issuing to listed participants, paper double entry, turnout. */
export function VotingTab({ campaign, onChange }: { campaign: Campaign; onChange: () => void }) {
  const { message } = App.useApp();
  const [paper, setPaper] = useState<{ items: any[]; counts: Record<string, number> } | null>(null);
  const [form] = Form.useForm();
  const loadPaper = useCallback(async () => {
    setPaper(await api.get(`/api/reviews/${campaign.id}/paper`));
  }, [campaign.id]);
  useEffect(() => {
    void loadPaper();
  }, [loadPaper]);
  const enter = async () => {
    const v = await form.validateFields();
    try {
      const r = await api.post(`/api/reviews/${campaign.id}/paper`, {
        sheetNo: v.sheetNo,
        ratings: campaign.targets.map((t) => ({ orgId: t.orgId, grade: v[`g${t.orgId}`] })),
      });
      message.success(`纸质票 ${r.sheetNo}:${r.status}`);
      form.resetFields();
      void loadPaper();
      onChange();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="选票码">
        <Typography.Paragraph>
          选票码明文只在生成时显示一次(系统只保存其哈希),请生成后立即打印并随机发放。
        </Typography.Paragraph>
        <Link to={`/reviews/${campaign.id}/tokens`}>
          <Button type="primary" disabled={campaign.status === 'closed'}>
            生成并打印选票码
          </Button>
        </Link>
        {campaign.counts && (
          <Space size="large" style={{ marginLeft: 24 }}>
            <Statistic title="已发放" value={campaign.counts.issued} />
            <Statistic title="已投票" value={campaign.counts.used} />
          </Space>
        )}
      </Card>
      <ParticipantsCard campaign={campaign} onChange={onChange} />
      <Card size="small" title="纸质票录入(两名录入员各录一次)">
        {campaign.status !== 'voting' ? (
          <Alert type="info" message="投票开始后才能录入纸质票" />
        ) : (
          <Form form={form} layout="vertical">
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
            <Button type="primary" onClick={enter}>
              录入
            </Button>
          </Form>
        )}
        {paper && (
          <>
            <Space style={{ margin: '12px 0' }}>
              {Object.entries(paper.counts).map(([k, n]) => (
                <Tag key={k} color={k === '不一致' && n ? 'red' : undefined}>
                  {k} {n}
                </Tag>
              ))}
            </Space>
            <Table
              size="small"
              rowKey="sheetNo"
              dataSource={paper.items.filter((i) => i.status === '不一致')}
              pagination={false}
              locale={{ emptyText: '没有不一致的纸质票' }}
              columns={[
                { title: '编号', dataIndex: 'sheetNo' },
                {
                  title: '不一致之处',
                  dataIndex: 'differences',
                  render: (d: any[]) =>
                    d
                      .map(
                        (x) =>
                          `${campaign.targets.find((t) => t.orgId === x.orgId)?.orgName}:${x.first?.grade} / ${x.second?.grade}`,
                      )
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
