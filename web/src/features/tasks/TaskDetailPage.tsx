import { useQuery } from '@tanstack/react-query';
import { PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Grid,
  List,
  Progress,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { REPORT_CYCLES, TASK_EVENT_KINDS } from '../../../../common/enums.ts';
import { useAction } from '../../components/useAction.ts';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { taskKeys, tasksApi } from './api.ts';
import { TaskActions } from './TaskActions.tsx';
import { InvestmentCard } from '../projects/InvestmentCard.tsx';
import { TaskTargetButton } from '../projects/TaskTargetButton.tsx';
import { EditTaskButton, MilestonesCard } from './TaskManage.tsx';
import { LightDot, StatusTag } from './TaskTags.tsx';

/** 任务详情: the passage it came from, the workflow, progress history, milestones and the log. */
export default function TaskDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  // The phone list's 报送进展 button opens the page with the dialog up (?report=1).
  const [params, setParams] = useSearchParams();
  const q = useQuery({ queryKey: taskKeys.detail(id), queryFn: () => tasksApi.get(id) });
  const attachment = useAction((a: { id: number; fileName: string }) => tasksApi.downloadAttachment(id, a));
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  const t = q.data;
  if (!t) return <Card loading />;

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={15}>
        <Card
          size="small"
          title={
            <Space wrap>
              <LightDot light={t.light} reasons={t.lightReasons} />
              <span>任务 #{t.id}</span>
              <StatusTag status={t.status} overdue={t.overdue} />
            </Space>
          }
          extra={
            <Button
              size="small"
              icon={<PrinterOutlined />}
              onClick={() => navigate(`/tasks/${t.id}/print`)}
              aria-label="打印"
            >
              {narrow ? '' : '打印'}
            </Button>
          }
        >
          <Typography.Paragraph style={{ fontSize: 15 }}>{t.text}</Typography.Paragraph>
          {t.lightReasons.length > 0 && (
            <Alert
              type={t.light === 'red' ? 'error' : t.light === 'yellow' ? 'warning' : 'info'}
              showIcon
              title={t.lightReasons.join(';')}
              style={{ marginBottom: 12 }}
            />
          )}
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label="牵头单位">{t.leadOrg.name}</Descriptions.Item>
            <Descriptions.Item label="配合单位">{t.coOrgs.map((c) => c.name).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="责任领导">{t.leader ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="完成时限">
              {t.dueDate ? fmtDate(t.dueDate) : '长期'}
              {t.deadlineText && <Tag style={{ marginLeft: 6 }}>{t.deadlineText}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="进度">
              <Progress percent={t.progress} size="small" style={{ width: 160 }} />
            </Descriptions.Item>
            <Descriptions.Item label="报送周期">{REPORT_CYCLES[t.reportCycle]}</Descriptions.Item>
            <Descriptions.Item label="指标">{t.targets.join(';') || '—'}</Descriptions.Item>
            <Descriptions.Item label="下发 / 签收">
              {fmtDate(t.issuedDate)} / {t.acceptedDate ? fmtDate(t.acceptedDate) : '未签收'}
            </Descriptions.Item>
          </Descriptions>
          {t.document && t.passage && (
            <Card
              size="small"
              type="inner"
              title="原文出处"
              style={{ marginTop: 12 }}
              extra={
                <Link to={`/documents/${t.document.id}?hl=${t.passage.start}-${t.passage.end}`}>在文件中查看</Link>
              }
            >
              <Typography.Text type="secondary">
                {t.document.title}({fmtDate(t.document.date)})
              </Typography.Text>
              <blockquote style={{ margin: '8px 0 0', paddingLeft: 10, borderLeft: '3px solid #faad14' }}>
                {t.passageText}
              </blockquote>
            </Card>
          )}
          <div style={{ marginTop: 12 }}>
            {/* A phone gets the next step full width on its own line, the rest below it. */}
            <Space wrap orientation={narrow ? 'vertical' : 'horizontal'} style={narrow ? { width: '100%' } : undefined}>
              <TaskActions
                task={t}
                block={narrow}
                openReport={params.get('report') === '1'}
                onDialogClosed={() => params.has('report') && setParams({}, { replace: true })}
              />
              <EditTaskButton task={t} />
              <TaskTargetButton task={t} />
            </Space>
          </div>
        </Card>
        {t.keyProject && <InvestmentCard taskId={t.id} />}
        <Card size="small" title={`进展情况(${t.reports.length})`} style={{ marginTop: 12 }}>
          {t.reports.length ? (
            <List
              size="small"
              dataSource={t.reports}
              renderItem={(r) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space>
                        <Tag color="blue">{r.percent}%</Tag>
                        <span>{r.text}</span>
                      </Space>
                    }
                    description={
                      <>
                        {r.orgName} · {r.author} · {fmtTime(r.createdAt)}
                        {t.attachments
                          .filter((a) => a.reportId === r.id)
                          .map((a) => (
                            <Typography.Link key={a.id} style={{ marginLeft: 8 }} onClick={() => attachment.mutate(a)}>
                              {a.fileName}
                            </Typography.Link>
                          ))}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          ) : (
            <Empty description="尚未报送进展" />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <MilestonesCard task={t} />
        {t.children.length > 0 && (
          <Card size="small" title="分解任务" style={{ marginBottom: 12 }}>
            {t.children.map((c) => (
              <div key={c.id}>
                <LightDot light={c.light} /> <Link to={`/tasks/${c.id}`}>{c.text}</Link> · {c.progress}%
              </div>
            ))}
          </Card>
        )}
        <Card size="small" title="办理记录">
          <Timeline
            items={t.events.map((e) => ({
              content: (
                <>
                  <b>{TASK_EVENT_KINDS[e.kind]}</b> {e.text && <span>:{e.text}</span>}
                  <div style={{ color: '#888', fontSize: 12 }}>
                    {e.actor ?? '系统'} · {fmtTime(e.at)}
                  </div>
                </>
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}
