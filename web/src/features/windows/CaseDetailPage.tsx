import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Spin,
  Switch,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DATE_INPUT_FORMATS, fmtDate, fmtTime } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { LightDot } from './CasesPage.tsx';
import { casesApi } from './api.ts';

const OPEN = ['待核实', '待回访', '待处置', '待复评'];

/** One 差评 case: the rating, the steps so far, and the next action for whoever may take it. */
export default function CaseDetailPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const c = useQuery({ queryKey: ['windows', 'case', id], queryFn: () => casesApi.get(id) });
  const [phone, setPhone] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => {
      message.success('已办理');
      void qc.invalidateQueries({ queryKey: ['windows'] });
    },
    onError: (e) => message.error((e as Error).message),
  });
  if (c.error) return <Alert type="error" message={(c.error as Error).message} />;
  if (!c.data) return <Spin />;
  const d = c.data;
  const manage = can('window.manage');
  const open = OPEN.includes(d.status);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space wrap>
            差评工单 #{d.id}
            <LightDot light={d.light} />
            <Tag color={open ? 'processing' : 'default'}>{d.status}</Tag>
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="窗口">{d.windowName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="单位">{d.orgName}</Descriptions.Item>
          <Descriptions.Item label="来源">
            {d.source}
            {d.verified ? '(凭评价码,已核验)' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="评价">
            {d.level ? <Tag color="red">{d.level}</Tag> : '—'}
            {d.itemName ? ` · ${d.itemName}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="问题" span={2}>
            {d.problem}
          </Descriptions.Item>
          <Descriptions.Item label="立案">{fmtDate(d.openedDate)}</Descriptions.Item>
          <Descriptions.Item label="办结时限">
            <Typography.Text type={d.light === 'red' ? 'danger' : undefined}>{fmtDate(d.dueDate)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="联系电话">
            {d.phoneMasked ?? '未留'}
            {d.phonePurged && <Tag style={{ marginLeft: 8 }}>已按规定删除</Tag>}
            {phone && (
              <Typography.Text strong style={{ marginLeft: 8 }}>
                {phone}
              </Typography.Text>
            )}
            {manage && d.hasPhone && !phone && ['待回访', '待处置', '待复评'].includes(d.status) && (
              <Button
                size="small"
                type="link"
                onClick={() =>
                  casesApi.phone(id).then(
                    (r) => setPhone(r.phone),
                    (e: Error) => message.error(e.message),
                  )
                }
              >
                查看完整号码(用于回访,留痕)
              </Button>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="申诉时限">{fmtDate(d.appealDeadlineDate)}</Descriptions.Item>
          {d.rectificationId && (
            <Descriptions.Item label="整改事项">
              <Link to={`/rectifications?id=${d.rectificationId}`}>问题整改台账 #{d.rectificationId}</Link>
            </Descriptions.Item>
          )}
          {d.rerateLevel && (
            <Descriptions.Item label="群众复评">
              {d.rerateLevel}({fmtTime(d.reratedAt)})
            </Descriptions.Item>
          )}
          {d.appealReason && (
            <Descriptions.Item label="申诉" span={2}>
              {d.appealReason}
              {d.appealOpinion && (
                <div>
                  复核:{d.appealUpheld ? '成立' : '不成立'},{d.appealOpinion}
                </div>
              )}
            </Descriptions.Item>
          )}
        </Descriptions>
        {d.excluded && <Alert style={{ marginTop: 12 }} type="info" message="申诉成立:该评价保留备查,不计入统计。" />}
      </Card>
      <Card title="办理过程" size="small">
        <Timeline
          items={d.steps.map((s) => ({
            color: s.step === '回访' ? (s.reached ? 'green' : 'gray') : s.step.startsWith('申诉') ? 'orange' : 'blue',
            children: (
              <>
                <Typography.Text strong>{s.step}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {fmtTime(s.at)} {s.actorName ?? '群众'}
                </Typography.Text>
                {s.note && <div>{s.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      {manage && open && (
        <Actions
          status={d.status}
          id={id}
          due={d.dueDate}
          overdue={d.light === 'red'}
          canAppeal={d.canAppeal}
          hasPhone={d.hasPhone}
          run={(fn) => act.mutate(fn)}
          busy={act.isPending}
        />
      )}
      {can('window.supervise') && d.status === '申诉中' && (
        <Decide id={id} run={(fn) => act.mutate(fn)} busy={act.isPending} />
      )}
    </Space>
  );
}

type Run = (fn: () => Promise<unknown>) => void;

function Actions({
  status,
  id,
  due,
  overdue,
  canAppeal,
  hasPhone,
  run,
  busy,
}: {
  status: string;
  id: number;
  due: string;
  overdue: boolean;
  canAppeal: boolean;
  hasPhone: boolean;
  run: Run;
  busy: boolean;
}) {
  const [note, setNote] = useState('');
  const [reached, setReached] = useState(true);
  const [resolution, setResolution] = useState<'整改' | '解释说明'>('整改');
  const [owner, setOwner] = useState('');
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [appeal, setAppeal] = useState('');
  const [words, setWords] = useState('');
  const go = (fn: () => Promise<unknown>) =>
    run(async () => {
      await fn();
      setNote('');
    });
  return (
    <Card title="办理" size="small">
      <Form layout="vertical">
        {status === '待核实' && (
          <>
            <Form.Item label="核实情况">
              <Input.TextArea aria-label="核实情况" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
            </Form.Item>
            <Button
              type="primary"
              loading={busy}
              disabled={!note.trim()}
              onClick={() => go(() => casesApi.verify(id, note))}
            >
              提交核实
            </Button>
          </>
        )}
        {hasPhone && ['待回访', '待处置', '待复评'].includes(status) && (
          <>
            <Form.Item label="回访记录">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space>
                  <Switch checked={reached} onChange={setReached} aria-label="是否接通" />
                  {reached ? '已接通' : '未接通'}
                </Space>
                <Input.TextArea
                  aria-label="回访记录"
                  rows={3}
                  placeholder="群众的原话、诉求"
                  value={words}
                  onChange={(e) => setWords(e.target.value)}
                />
              </Space>
            </Form.Item>
            <Button
              type={status === '待回访' ? 'primary' : 'default'}
              loading={busy}
              disabled={!words.trim()}
              onClick={() =>
                run(async () => {
                  await casesApi.callback(id, { reached, words });
                  setWords('');
                })
              }
            >
              记录回访
            </Button>
          </>
        )}
        {status === '待处置' && (
          <div style={{ marginTop: 16 }}>
            <Form.Item label="处置方式">
              <Radio.Group
                value={resolution}
                onChange={(e) => setResolution(e.target.value)}
                options={['整改', '解释说明']}
              />
            </Form.Item>
            <Form.Item label={resolution === '整改' ? '整改措施' : '解释说明'}>
              <Input.TextArea aria-label="处置说明" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
            </Form.Item>
            {resolution === '整改' && (
              <Space wrap>
                <Input
                  placeholder="责任人"
                  aria-label="责任人"
                  value={owner}
                  onChange={(e) => setOwner(e.target.value)}
                />
                <DatePicker
                  placeholder={`整改时限(默认 ${due})`}
                  format={DATE_INPUT_FORMATS}
                  value={deadline}
                  onChange={setDeadline}
                />
              </Space>
            )}
            <div style={{ marginTop: 12 }}>
              <Button
                type="primary"
                loading={busy}
                disabled={!note.trim()}
                onClick={() =>
                  go(() =>
                    casesApi.resolve(id, {
                      resolution,
                      note,
                      ...(owner ? { owner } : {}),
                      ...(deadline ? { deadlineDate: deadline.format('YYYY-MM-DD') } : {}),
                    }),
                  )
                }
              >
                提交处置
              </Button>
            </div>
          </div>
        )}
        {status === '待复评' && (
          <div style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary">
              群众可凭复评码对整改结果评价,评价后自动办结;群众未复评的,可由单位办结。
            </Typography.Paragraph>
            <Button loading={busy} onClick={() => run(() => casesApi.close(id))}>
              办结
            </Button>
          </div>
        )}
        {canAppeal && (
          <div style={{ marginTop: 16, borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
            <Form.Item label="申诉复核(恶意差评、误评)">
              <Input.TextArea
                aria-label="申诉理由"
                rows={2}
                value={appeal}
                onChange={(e) => setAppeal(e.target.value)}
              />
            </Form.Item>
            <Button
              danger
              loading={busy}
              disabled={!appeal.trim()}
              onClick={() => run(() => casesApi.appeal(id, appeal))}
            >
              提交申诉
            </Button>
          </div>
        )}
        {overdue && <Alert style={{ marginTop: 12 }} type="error" message="已超过办结时限,请尽快办结。" />}
      </Form>
    </Card>
  );
}

function Decide({ id, run, busy }: { id: number; run: Run; busy: boolean }) {
  const [opinion, setOpinion] = useState('');
  return (
    <Card title="申诉复核" size="small">
      <Input.TextArea aria-label="复核意见" rows={3} value={opinion} onChange={(e) => setOpinion(e.target.value)} />
      <Space style={{ marginTop: 12 }}>
        <Button
          danger
          loading={busy}
          disabled={!opinion.trim()}
          onClick={() => run(() => casesApi.decide(id, { upheld: true, opinion }))}
        >
          申诉成立(不计入统计)
        </Button>
        <Button
          type="primary"
          loading={busy}
          disabled={!opinion.trim()}
          onClick={() => run(() => casesApi.decide(id, { upheld: false, opinion }))}
        >
          申诉不成立(继续办理)
        </Button>
      </Space>
    </Card>
  );
}
