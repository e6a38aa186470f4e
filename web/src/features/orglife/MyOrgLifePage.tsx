import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, List, Row, Select, Space, Statistic, Tag } from 'antd';
import { useState } from 'react';
import type { MemberAttendance } from '../../../../common/contracts/orglife-work.ts';
import { fmtDate } from '../../lib/format.ts';
import { keys, orglife, refresh } from './api.ts';
import { ATT_COLOR, hm, pct, thisYear, TypeTags, yearOptions } from './model.tsx';

/** A member's year: every meeting that expected (or invited) them and how they took part. */
export function AttendanceHistory({ a }: { a: MemberAttendance }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {a.months >= 3 && (
        <Alert
          type={a.months >= 6 ? 'error' : 'warning'}
          showIcon
          title={`已连续 ${a.months} 个月未参加组织生活(请假的月份不计)。请及时向支部说明情况。`}
        />
      )}
      <Row gutter={[12, 12]}>
        {[
          ['应参加', a.expected, '次'],
          ['已参加', a.attended, '次'],
          ['请假', a.leave, '次'],
          ['出勤率', pct(a.rate), ''],
        ].map(([t, v, s]) => (
          <Col key={String(t)} xs={12} sm={6}>
            <Card size="small">
              <Statistic title={t} value={v as string} suffix={s} />
            </Card>
          </Col>
        ))}
      </Row>
      <List
        bordered
        pagination={a.items.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false}
        dataSource={a.items}
        locale={{ emptyText: '本年度没有应参加的会议' }}
        renderItem={(i) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>
                    {fmtDate(i.heldDate)} {hm(i.heldAt)}
                  </span>
                  <TypeTags types={i.types} />
                  {i.role === '列席' && <Tag>列席</Tag>}
                </Space>
              }
              description={`${i.orgName} · ${i.topic}`}
            />
            <div style={{ textAlign: 'right' }}>
              <Tag color={ATT_COLOR[i.status]}>{i.status}</Tag>
              {i.reason && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{i.reason}</div>}
            </div>
          </List.Item>
        )}
      />
    </Space>
  );
}

/** 我的组织生活: the signed-in member's attendance history, and their 民主评议 自评 while it is open. */
export default function MyOrgLifePage() {
  const [year, setYear] = useState(thisYear());
  const { message } = App.useApp();
  const { data, error } = useQuery({ queryKey: keys.my(year), queryFn: () => orglife.my(year), retry: false });
  const [text, setText] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => orglife.mySelf(data!.appraisal!.id, text ?? ''),
    onSuccess: () => {
      message.success('自评已提交');
      setText(null);
      void refresh();
    },
    onError: (e) => message.error((e as Error).message),
  });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {data?.appraisal && (
        <Card size="small" title={`${data.appraisal.year}年度民主评议党员 · 个人自评(${data.appraisal.orgName})`}>
          <Input.TextArea
            aria-label="个人自评"
            autoSize={{ minRows: 4 }}
            maxLength={5000}
            value={text ?? data.appraisal.selfText ?? ''}
            onChange={(e) => setText(e.target.value)}
            placeholder="对照党员标准,从政治、学习、工作、作风等方面进行自我评价"
          />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            disabled={!(text ?? '').trim()}
            loading={save.isPending}
            onClick={() => save.mutate()}
          >
            提交自评
          </Button>
        </Card>
      )}
      <Card
        title={data ? `我的组织生活 · ${data.member.name}(${data.member.orgName})` : '我的组织生活'}
        extra={
          <Select aria-label="年度" value={year} options={yearOptions()} onChange={setYear} style={{ width: 110 }} />
        }
      >
        {error ? (
          <Alert type="info" showIcon title={(error as Error).message} />
        ) : data ? (
          <AttendanceHistory a={data} />
        ) : (
          <Card loading variant="borderless" />
        )}
      </Card>
    </Space>
  );
}
