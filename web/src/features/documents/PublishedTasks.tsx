/** The tasks already published from a document, under its review table, each with its light. */
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import type { DocumentDetail } from '../../../../common/contracts/documents.ts';
import { LIGHT_COLOR } from '../tasks/TaskTags.tsx';

const dot = { display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 6 } as const;

export function PublishedTasks({ tasks }: { tasks: DocumentDetail['tasks'] }) {
  if (!tasks.length) return null;
  return (
    <Card size="small" title={`已发布的任务(${tasks.length})`} style={{ marginTop: 12 }}>
      {tasks.map((t) => (
        <div key={t.id} style={{ padding: '2px 0' }}>
          <span style={{ ...dot, background: LIGHT_COLOR[t.light] }} />
          <Link to={`/tasks/${t.id}`}>{t.text}</Link> <Typography.Text type="secondary">— {t.leadName}</Typography.Text>
        </div>
      ))}
    </Card>
  );
}
