import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AppraisalDetail, GradesBody } from '../../../../common/contracts/orglife-work.ts';
import { APPRAISAL_GRADES } from '../../../../common/enums.ts';
import { useAuth } from '../../lib/session.tsx';
import { keys, orglife, refresh } from './api.ts';

type Entry = AppraisalDetail['entries'][number];
type Draft = Record<number, { grade: string | null; note: string }>;

/**
 * One branch's 民主评议: 自评 per member, then grades by the branch — 优秀 at most a third of the
 * graded members (counted live), 预备党员 take part without a grade, members flagged by an
 * eligibility check capped, 不合格 with a reason; finishing sends each 不合格 to the 整改台账.
 */
export default function AppraisalDetailPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const { message } = App.useApp();
  const { data: a, error } = useQuery({ queryKey: keys.appraisal(id), queryFn: () => orglife.appraisal(id) });
  const [draft, setDraft] = useState<Draft>({});
  const [self, setSelf] = useState<Entry | null>(null);
  const [selfText, setSelfText] = useState('');
  useEffect(() => {
    if (a) setDraft(Object.fromEntries(a.entries.map((e) => [e.memberId, { grade: e.grade, note: e.note ?? '' }])));
  }, [a]);
  const run = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => {
      message.success('已保存');
      void refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (!a) return <Card loading />;
  const open = a.status === '进行中' && can('orglife.manage');
  const excellent = Object.values(draft).filter((d) => d.grade === '优秀').length;
  const save = () =>
    run.mutate(() =>
      orglife.grades(id, {
        grades: a.entries
          .filter((e) => e.graded)
          .map((e) => ({
            memberId: e.memberId,
            grade: (draft[e.memberId]?.grade ?? null) as GradesBody['grades'][number]['grade'],
            ...(draft[e.memberId]?.note ? { note: draft[e.memberId].note } : {}),
          })),
      }),
    );
  return (
    <Card
      title={`${a.org.name} ${a.year}年度民主评议党员`}
      extra={
        <Space wrap>
          <Tag color={a.status === '已完成' ? 'green' : 'blue'}>{a.status}</Tag>
          {open && (
            <>
              <Button onClick={save} loading={run.isPending}>
                保存等次
              </Button>
              <Popconfirm
                title="结束后等次不能再修改,评为不合格的党员将列入问题整改台账。确定结束?"
                onConfirm={() => run.mutate(() => orglife.finalize(id))}
              >
                <Button type="primary">结束评议</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type={excellent > a.excellentCap ? 'error' : 'info'}
          showIcon
          title={`评定等次 ${a.graded} 人(预备党员参加评议但不评定等次),优秀不超过 1/3:至多 ${a.excellentCap} 人,当前 ${excellent} 人。已自评 ${a.selfDone}/${a.members}。`}
        />
        {a.checks
          .filter((c) => c.enabled)
          .map((c) => (
            <Typography.Text key={c.key} type="secondary">
              资格检查({c.module}):{c.label} — 最高可评为{c.capGrade}
            </Typography.Text>
          ))}
        <Table<Entry>
          size="small"
          rowKey="memberId"
          dataSource={a.entries}
          pagination={false}
          scroll={{ x: 820 }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            {
              title: '',
              dataIndex: 'memberType',
              width: 60,
              render: (t: string) => (t === '预备' ? <Tag>预备</Tag> : ''),
            },
            {
              title: '个人自评',
              dataIndex: 'selfText',
              render: (t: string | null, e) => (
                <Space>
                  <Typography.Text ellipsis style={{ maxWidth: 260 }} title={t ?? ''}>
                    {t ?? <span style={{ color: '#bfbfbf' }}>未自评</span>}
                  </Typography.Text>
                  {open && (
                    <a
                      onClick={() => {
                        setSelf(e);
                        setSelfText(t ?? '');
                      }}
                    >
                      代录
                    </a>
                  )}
                </Space>
              ),
            },
            {
              title: '等次',
              width: 150,
              render: (_: unknown, e) =>
                !e.graded ? (
                  '不评定等次'
                ) : (
                  <Space direction="vertical" size={2}>
                    <Select
                      aria-label={`${e.name}的等次`}
                      disabled={!open}
                      allowClear
                      style={{ width: 120 }}
                      value={draft[e.memberId]?.grade ?? undefined}
                      onChange={(g) => setDraft({ ...draft, [e.memberId]: { ...draft[e.memberId], grade: g ?? null } })}
                      options={APPRAISAL_GRADES.map((g) => ({
                        value: g,
                        label: g,
                        disabled: e.blocked.some(
                          (b) =>
                            APPRAISAL_GRADES.indexOf(g) <
                            APPRAISAL_GRADES.indexOf(b.capGrade as (typeof APPRAISAL_GRADES)[number]),
                        ),
                      }))}
                    />
                    {e.blocked.map((b) => (
                      <Tooltip key={b.key} title={b.label}>
                        <Tag color="orange" style={{ whiteSpace: 'normal' }}>
                          {b.reason}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                ),
            },
            {
              title: '评定说明',
              width: 220,
              render: (_: unknown, e) =>
                e.graded ? (
                  <Input
                    aria-label={`${e.name}的评定说明`}
                    disabled={!open}
                    placeholder={draft[e.memberId]?.grade === '不合格' ? '不合格须写明理由' : ''}
                    value={draft[e.memberId]?.note}
                    onChange={(ev) =>
                      setDraft({ ...draft, [e.memberId]: { ...draft[e.memberId], note: ev.target.value } })
                    }
                  />
                ) : null,
            },
            {
              title: '整改',
              dataIndex: 'rectItemId',
              width: 80,
              render: (r: number | null) => (r ? <Link to="/rectifications?source=民主评议">整改台账</Link> : ''),
            },
          ]}
        />
      </Space>
      <Modal
        title={self ? `代${self.name}录入自评` : ''}
        open={!!self}
        onCancel={() => setSelf(null)}
        okButtonProps={{ disabled: !selfText.trim() }}
        onOk={() =>
          self && run.mutate(() => orglife.entrySelf(id, self.memberId, selfText), { onSuccess: () => setSelf(null) })
        }
      >
        <Input.TextArea
          aria-label="自评"
          value={selfText}
          onChange={(e) => setSelfText(e.target.value)}
          autoSize={{ minRows: 4 }}
          maxLength={5000}
        />
      </Modal>
    </Card>
  );
}
