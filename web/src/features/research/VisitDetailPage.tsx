import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, List, Modal, Space, Tag, Typography, message } from 'antd';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { VisitDetail, VisitSummary } from '../../../../common/contracts/research.ts';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import {
  answer,
  cancelVisit,
  confirmVisit,
  flagVisit,
  getVisit,
  mergeVisit,
  propose,
  recordFinding,
  researchKeys,
} from './api.ts';
import { span, statusTag, warningTag } from './model.tsx';
import { ConfirmModal, FindingModal, ProposeModal, TextModal } from './VisitModals.tsx';

const placesText = (v: Pick<VisitSummary, 'places'>) =>
  v.places.map((p) => (p.townshipName ? `${p.townshipName}·${p.name}` : p.name)).join('、');

/** One 调研: its warnings with the other visits, the coordinator's answers, the host's flags, findings. */
export default function VisitDetailPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { data: v, error } = useQuery({ queryKey: researchKeys.visit(id), queryFn: () => getVisit(id) });
  const refresh = () => qc.invalidateQueries({ queryKey: researchKeys.all });
  const act = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => {
      message.success('已办理');
      void refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });
  const [modal, setModal] = useState<null | 'confirm' | 'propose' | 'cancel' | 'flag' | 'finding'>(null);
  if (error) return <Alert type="error" message={(error as Error).message} />;
  if (!v) return <Card loading />;
  const run = (fn: () => Promise<unknown>) => act.mutateAsync(fn).then(() => setModal(null));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space wrap>
            {v.title} {statusTag(v.status)}
          </Space>
        }
        extra={
          <Space wrap>
            {v.can.coordinate && (
              <Button type="primary" onClick={() => setModal('confirm')}>
                确认安排
              </Button>
            )}
            {v.can.coordinate && <Button onClick={() => setModal('propose')}>建议调整</Button>}
            {v.can.flag && <Button onClick={() => setModal('flag')}>反馈撞车</Button>}
            {v.can.record && <Button onClick={() => setModal('finding')}>记录成果</Button>}
            {v.can.edit && (
              <Button danger onClick={() => setModal('cancel')}>
                取消调研
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="日期">
            {v.startDate === v.endDate ? fmtDate(v.startDate) : `${fmtDate(v.startDate)}至${fmtDate(v.endDate)}`}
          </Descriptions.Item>
          <Descriptions.Item label="带队">{`${v.leader}(${v.visitorLevel})`}</Descriptions.Item>
          <Descriptions.Item label="地点">{placesText(v)}</Descriptions.Item>
          <Descriptions.Item label="成员">{v.members.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="陪同">
            {v.escorts.map((e) => `${e.level} ${e.count} 人`).join(',') || '不安排陪同'}
            {v.escortReason ? `(理由:${v.escortReason})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="登记">{`${v.ownerOrg.name} · ${v.planKind} · ${fmtTime(v.createdAt)}`}</Descriptions.Item>
          {v.confirmReason && <Descriptions.Item label="说明">{v.confirmReason}</Descriptions.Item>}
          {v.mergedInto && (
            <Descriptions.Item label="已并入">
              <Link to={`/research/${v.mergedInto.id}`}>{v.mergedInto.title}</Link>
            </Descriptions.Item>
          )}
          {v.mergedFrom.length > 0 && (
            <Descriptions.Item label="合并了">
              {v.mergedFrom.map((m) => `${m.leader}「${m.title}」`).join('、')}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title={`统筹提示（${v.warnings.length}）`} size="small">
        {v.warnings.length ? (
          <List
            dataSource={v.warnings}
            renderItem={(w) => {
              const o = v.others.find((x) => x.id === w.otherVisitId);
              return (
                <List.Item
                  actions={
                    o && v.can.coordinate && (o.status === '待统筹' || o.status === '已确认')
                      ? [
                          <Button
                            key="m"
                            size="small"
                            onClick={() =>
                              Modal.confirm({
                                title: `将本次调研并入「${o.title}」?`,
                                content: `${v.leader}随${o.leader}的调研组一同前往,本次不再单独安排(合并同类项)。`,
                                okText: '合并',
                                onOk: () => run(() => mergeVisit(v.id, o.id)),
                              })
                            }
                          >
                            合并到此组
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {warningTag(w.kind)} {w.message}
                      </span>
                    }
                    description={
                      o && (
                        <Link
                          to={`/research/${o.id}`}
                        >{`${span(o.startDate, o.endDate)} ${o.leader}「${o.title}」· ${placesText(o)} · ${o.status}`}</Link>
                      )
                    }
                  />
                </List.Item>
              );
            }}
          />
        ) : (
          <Typography.Text type="success">未发现撞车</Typography.Text>
        )}
      </Card>

      {(v.proposals.length > 0 || v.flags.length > 0) && (
        <Card title="协调记录" size="small">
          <List
            dataSource={[
              ...v.proposals.map((p) => ({
                key: `p${p.id}`,
                at: p.createdAt,
                node: <Proposal v={v} p={p} onAnswer={(ok) => run(() => answer(v.id, p.id, ok))} />,
              })),
              ...v.flags.map((f) => ({
                key: `f${f.id}`,
                at: f.createdAt,
                node: (
                  <span>
                    <Tag color="red">接待方反馈</Tag>
                    {f.org.name}:{f.note}({fmtTime(f.createdAt)})
                  </span>
                ),
              })),
            ].sort((a, b) => a.at.localeCompare(b.at))}
            renderItem={(x) => <List.Item key={x.key}>{x.node}</List.Item>}
          />
        </Card>
      )}

      <Card title="调研成果" size="small">
        {v.findings.length ? <Findings items={v.findings} /> : <Empty description="调研后记录发现的问题、经验和建议" />}
      </Card>
      <Card title="以往在这些地方的调研发现(统一共享成果)" size="small">
        {v.previousFindings.length ? (
          <Findings items={v.previousFindings} withVisit />
        ) : (
          <Empty description="此前没有调研成果" />
        )}
      </Card>

      <ConfirmModal
        open={modal === 'confirm'}
        v={v}
        onClose={() => setModal(null)}
        onOk={(reason) => run(() => confirmVisit(v.id, reason))}
      />
      <ProposeModal
        open={modal === 'propose'}
        v={v}
        onClose={() => setModal(null)}
        onOk={(b) => run(() => propose(v.id, b))}
      />
      <TextModal
        open={modal === 'cancel'}
        title="取消调研"
        label="取消原因"
        onClose={() => setModal(null)}
        onOk={(t) => run(() => cancelVisit(v.id, t))}
      />
      <TextModal
        open={modal === 'flag'}
        title="反馈撞车"
        label="撞车情况(如当天另有检查、书记外出)"
        onClose={() => setModal(null)}
        onOk={(t) => run(() => flagVisit(v.id, t))}
      />
      <FindingModal
        open={modal === 'finding'}
        v={v}
        onClose={() => setModal(null)}
        onOk={(b) => run(() => recordFinding(v.id, b))}
      />
    </Space>
  );
}

function Proposal({
  v,
  p,
  onAnswer,
}: {
  v: VisitDetail;
  p: VisitDetail['proposals'][number];
  onAnswer: (accept: boolean) => void;
}) {
  return (
    <Space wrap>
      <Tag color="blue">调整建议</Tag>
      {`改在${span(p.startDate, p.endDate)}${p.places ? `到${p.places.map((x) => x.name).join('、')}` : ''}:${p.note}`}
      <Tag>{p.status}</Tag>
      {p.status === '待答复' && v.can.edit && (
        <>
          <Button size="small" type="primary" onClick={() => onAnswer(true)}>
            接受
          </Button>
          <Button size="small" onClick={() => onAnswer(false)}>
            谢绝
          </Button>
        </>
      )}
    </Space>
  );
}

function Findings({ items, withVisit }: { items: VisitDetail['findings']; withVisit?: boolean }) {
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(f) => (
        <List.Item>
          <div>
            <Tag>{f.kind}</Tag>
            {f.org.name}:{f.text}
            {f.taskId && <Link to={`/tasks/${f.taskId}`}> → 督查任务 #{f.taskId}</Link>}
            {f.rectificationId && <Link to="/rectifications"> → 整改事项 #{f.rectificationId}</Link>}
            {withVisit && (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                <Link to={`/research/${f.visitId}`}>{`${fmtDate(f.visitDate)} ${f.leader}「${f.visitTitle}」`}</Link>
              </Typography.Paragraph>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
