/**
 * The objections of a 公示 (年度综合考核, 标准化 grades, 表彰), one list for all of them: what was
 * objected to, the objection, when, and the answer with its verdict — or, while unanswered, the
 * owner's answer control (each posting answers differently) or 待答复.
 */
import { Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { PublicityObjection } from '../../../common/contracts/publicity.ts';
import { fmtTime } from '../lib/format.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

export function ObjectionTable<T extends PublicityObjection>({
  items,
  loading,
  error,
  subject,
  describe = (o) => o.subjectName,
  verdicts,
  answer,
  empty = '公示期内无异议',
}: {
  items: T[] | undefined;
  loading?: boolean;
  error?: Error | null;
  /** The first column's title: 单位, 支部, 对象 */
  subject: string;
  describe?: (o: T) => ReactNode;
  /** What an answer found: [upheld, not upheld], e.g. ['成立,已撤销', '不成立'] */
  verdicts: [string, string];
  /** The control that answers an open objection, when the caller may answer it now. */
  answer?: (o: T) => ReactNode;
  empty?: string;
}) {
  return (
    <>
      <ErrorAlert error={error} />
      <Table<T>
        rowKey="id"
        size="small"
        pagination={false}
        loading={loading}
        scroll={{ x: 640 }}
        dataSource={items ?? []}
        locale={{ emptyText: empty }}
        columns={[
          { title: subject, key: 'subject', width: 170, render: (_, o) => describe(o) },
          { title: '异议', dataIndex: 'text' },
          { title: '提出', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
          {
            title: '答复',
            key: 'answer',
            render: (_, o) =>
              o.answer ? (
                <span>
                  <Tag color={o.upheld ? 'orange' : 'default'}>{o.upheld ? verdicts[0] : verdicts[1]}</Tag>
                  {o.answer}
                </span>
              ) : (
                (answer?.(o) ?? '待答复')
              ),
          },
        ]}
      />
    </>
  );
}
