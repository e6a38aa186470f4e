import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CommendObjection, Nomination, RoundDetail } from '../../../../common/contracts/commendations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ObjectionTable } from '../../components/ObjectionTable.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { commendApi, commendKeys } from './api.ts';
import { ROUND_COLOR } from './CommendationsPage.tsx';
import { type Dialog, NominationDialogs } from './NominationDialogs.tsx';

const STATUS_COLOR: Record<string, string> = {
  草稿: 'default',
  已报送: 'processing',
  已审核: 'cyan',
  已审定: 'success',
  已退回: 'error',
  已撤销: 'default',
};
const GRADE_COLOR: Record<string, string> = { 优秀: 'gold', 良好: 'green', 合格: 'blue', 不合格: 'red' };

/** One 表彰: quotas and their use, the nominations the caller may see with its next steps, 公示 and 发布. */
export default function RoundDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { can } = useAuth();
  const q = useQuery({ queryKey: commendKeys.detail(id), queryFn: () => commendApi.get(id) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [docNo, setDocNo] = useState('');
  const invalidate = [commendKeys.all];
  const submit = useAction((nid: number) => commendApi.submit(nid), { invalidate, success: '已报送上级审核' });
  const publicity = useAction(() => commendApi.publicity(id), { invalidate, success: '已开始公示' });
  const publish = useAction(() => commendApi.publish(id, docNo || undefined), {
    invalidate,
    success: '已发布,荣誉已记入组织和党员档案',
  });
  const d = q.data;
  return (
    <Drawer open onClose={onClose} width={Math.min(1100, window.innerWidth)} title={d?.name ?? '评选表彰'}>
      <ErrorAlert error={q.error} />
      {d && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="状态">
              <Tag color={ROUND_COLOR[d.status]}>{d.status}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="表彰单位">
              {d.ownerOrgName}({d.level})
            </Descriptions.Item>
            <Descriptions.Item label="超出名额">{d.quotaMode === '严格' ? '不予审定' : '提醒'}</Descriptions.Item>
            <Descriptions.Item label="推荐截止">{fmtDate(d.deadlineDate) || '—'}</Descriptions.Item>
            <Descriptions.Item label="公示期">
              {d.publicityStartDate
                ? `${fmtDate(d.publicityStartDate)}至${fmtDate(d.publicityEndDate)}`
                : `${d.objectionDays} 个工作日`}
            </Descriptions.Item>
            {d.docNo && <Descriptions.Item label="表彰文号">{d.docNo}</Descriptions.Item>}
          </Descriptions>
          <QuotaTable d={d} />
          <Space wrap style={{ margin: '12px 0' }}>
            {d.status === '推荐中' && can('commend.nominate') && (
              <Button type="primary" onClick={() => setDialog({ kind: 'nominate' })}>
                推荐
              </Button>
            )}
            {d.canManage && d.status === '推荐中' && (
              <Button loading={publicity.isPending} onClick={() => publicity.mutate()}>
                公示拟表彰名单
              </Button>
            )}
            {d.canManage && d.status === '公示中' && (
              <>
                <Input
                  placeholder="表彰文号(可选)"
                  value={docNo}
                  onChange={(e) => setDocNo(e.target.value)}
                  style={{ width: 200 }}
                  aria-label="表彰文号"
                />
                <Button type="primary" loading={publish.isPending} onClick={() => publish.mutate()}>
                  发布表彰
                </Button>
              </>
            )}
            <Button onClick={() => commendApi.listXlsx(id)}>导出名单(Excel)</Button>
            <Button onClick={() => commendApi.listDocx(id)}>导出名单(Word)</Button>
          </Space>
          <Table<Nomination>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 960 }}
            dataSource={d.nominations}
            locale={{ emptyText: '暂无推荐' }}
            expandable={{
              expandedRowRender: (n) => (
                <div style={{ whiteSpace: 'pre-wrap' }}>
                  <b>主要事迹:</b>
                  {n.deeds}
                  {n.opinion && (
                    <>
                      <br />
                      <b>组织意见:</b>
                      {n.opinion}
                    </>
                  )}
                  {n.fileName && (
                    <>
                      <br />
                      <Typography.Link onClick={() => commendApi.file(n.id, n.fileName!)}>
                        附件:{n.fileName}
                      </Typography.Link>
                    </>
                  )}
                </div>
              ),
            }}
            columns={[
              {
                title: '推荐对象',
                width: 150,
                render: (_, n) => (
                  <Space direction="vertical" size={0}>
                    <b>{n.subjectName}</b>
                    <Typography.Text type="secondary">{n.category}</Typography.Text>
                  </Space>
                ),
              },
              { title: '单位', dataIndex: 'subjectUnit', width: 150 },
              { title: '推荐单位', dataIndex: 'orgName', width: 130 },
              {
                title: '状态',
                width: 150,
                render: (_, n) => (
                  <Space direction="vertical" size={0}>
                    <Tag color={STATUS_COLOR[n.status]}>{n.status}</Tag>
                    {n.returnReason && <Typography.Text type="danger">{n.returnReason}</Typography.Text>}
                    {n.objections > 0 && <Typography.Text type="warning">异议 {n.objections} 条</Typography.Text>}
                  </Space>
                ),
              },
              {
                title: '年度考核',
                width: 130,
                render: (_, n) =>
                  n.assessment ? (
                    <span title={n.assessment.name}>
                      {n.assessment.grade ? (
                        <Tag color={GRADE_COLOR[n.assessment.grade]}>{n.assessment.grade}</Tag>
                      ) : (
                        '—'
                      )}
                      {n.assessment.rank ? `第${n.assessment.rank}名` : ''}
                    </span>
                  ) : n.category === '先进集体' ? (
                    '未参加'
                  ) : (
                    ''
                  ),
              },
              {
                title: '操作',
                width: 200,
                fixed: 'right',
                render: (_, n) => (
                  <Space wrap size={4}>
                    {n.can.edit && (
                      <>
                        <Button size="small" type="primary" onClick={() => submit.mutate(n.id)}>
                          报送
                        </Button>
                        <Button size="small" onClick={() => setDialog({ kind: 'edit', n })}>
                          修改
                        </Button>
                      </>
                    )}
                    {n.can.review && (
                      <Button size="small" onClick={() => setDialog({ kind: 'review', n })}>
                        审核
                      </Button>
                    )}
                    {n.can.approve && (
                      <Button size="small" type="primary" onClick={() => setDialog({ kind: 'approve', n })}>
                        审定
                      </Button>
                    )}
                    {d.status === '公示中' && n.status === '已审定' && (
                      <Button size="small" onClick={() => setDialog({ kind: 'object', n })}>
                        提出异议
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <Objections d={d} onAnswer={(o) => setDialog({ kind: 'answer', objection: o })} />
          <NominationDialogs round={d} dialog={dialog} onClose={() => setDialog(null)} />
        </>
      )}
    </Drawer>
  );
}

function QuotaTable({ d }: { d: RoundDetail }) {
  const over = d.quotas.filter((q) => q.approved > q.places);
  return (
    <>
      {over.length > 0 && (
        <Alert
          type="warning"
          style={{ marginBottom: 8 }}
          message={over.map((q) => `${q.category}已审定 ${q.approved} 个,超出名额 ${q.places} 个`).join(';')}
        />
      )}
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        scroll={{ x: 480 }}
        dataSource={d.quotas}
        columns={[
          { title: '类别', dataIndex: 'category' },
          {
            title: '名额',
            render: (_, q) =>
              q.count != null
                ? `${q.places} 个`
                : `${q.places} 个(${q.category === '先进集体' ? '单位' : '党员'} ${q.base} 的 ${q.percent}%)`,
          },
          { title: '已审定', dataIndex: 'approved' },
          { title: '审核中', dataIndex: 'pending' },
        ]}
      />
    </>
  );
}

function Objections({ d, onAnswer }: { d: RoundDetail; onAnswer(o: CommendObjection): void }) {
  const q = useQuery({
    queryKey: commendKeys.objections(d.id),
    queryFn: () => commendApi.objections(d.id),
    enabled: d.status !== '推荐中',
  });
  if (d.status === '推荐中') return null;
  return (
    <>
      <h4 style={{ marginTop: 16 }}>公示异议</h4>
      <ObjectionTable
        items={q.data?.items}
        loading={q.isLoading}
        error={q.error}
        subject="对象"
        describe={(o) => `${o.subjectName}(${o.category})`}
        verdicts={['成立,已撤销', '不成立']}
        answer={
          d.canManage && d.status === '公示中'
            ? (o) => (
                <Button size="small" onClick={() => onAnswer(o)}>
                  答复
                </Button>
              )
            : undefined
        }
      />
    </>
  );
}
