import { Card, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { ProjectsTable } from './ProjectsTable.tsx';

/** 重点项目投资: every key project of the subtree with its investment and light; filters in the URL. */
export default function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const orgId = Number(params.get('orgId')) || undefined;
  const years = [year - 1, year, year + 1].filter((y, i, a) => a.indexOf(y) === i);
  return (
    <Card
      size="small"
      title="重点项目投资"
      extra={
        <Space>
          <Select
            value={year}
            aria-label="年度"
            onChange={(y) => setParams({ ...Object.fromEntries(params), year: String(y) })}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
          />
        </Space>
      }
    >
      <ProjectsTable query={{ year, orgId }} />
    </Card>
  );
}
