import { Button, DatePicker, Input, Select, Space, Table, Tag, Tooltip, TreeSelect, type TableColumnsType } from 'antd';
import { DeleteOutlined, MergeCellsOutlined, ScissorOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { OrgOption } from '../../components/orgTree.tsx';
import { DATE_INPUT_FORMATS } from '../../lib/format.ts';
import type { RowOrigin } from './corrections.ts';

export interface ReviewRow {
  key: string;
  text: string;
  start: number;
  end: number;
  leadOrgId: number | null;
  coOrgIds: number[];
  dueDate: string | null;
  deadlineText: string | null;
  targets: string[];
  unmatched: string[];
  units: string[];
  leader?: string;
  /** as the extractor proposed it (absent for rows added by hand) */
  origin?: RowOrigin;
  /** 0–1, and why the row is a task / where its unit came from */
  confidence?: number | null;
  reasons?: string[];
}

interface Props {
  rows: ReviewRow[];
  tree: OrgOption[];
  active: string | null;
  selected: string[];
  onSelect(keys: string[]): void;
  onActive(key: string): void;
  onChange(key: string, patch: Partial<ReviewRow>): void;
  onMerge(key: string): void;
  onSplit(key: string): void;
  onDelete(key: string): void;
}

/** The editable 任务分解表 beside the text: one row per proposed task. */
export function ReviewTable({
  rows,
  tree,
  active,
  selected,
  onSelect,
  onActive,
  onChange,
  onMerge,
  onSplit,
  onDelete,
}: Props) {
  const treeProps = {
    treeData: tree,
    showSearch: true,
    treeNodeFilterProp: 'title',
    treeDefaultExpandAll: false,
    style: { width: '100%' },
    popupMatchSelectWidth: 320,
  } as const;
  const columns: TableColumnsType<ReviewRow> = [
    {
      title: '序号',
      width: 60,
      fixed: 'left',
      render: (_, r, i) => (
        <Space direction="vertical" size={2}>
          {i + 1}
          {r.confidence != null && (
            <Tooltip title={r.reasons?.length ? `识别依据:${r.reasons.join(';')}` : '识别依据'}>
              <Tag color={r.confidence < 0.6 ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
                {r.confidence < 0.6 ? '待核' : `${Math.round(r.confidence * 100)}%`}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '工作任务',
      dataIndex: 'text',
      width: 320,
      render: (t, r) => (
        <Input.TextArea
          aria-label="工作任务"
          autoSize={{ minRows: 2, maxRows: 6 }}
          value={t}
          onChange={(e) => onChange(r.key, { text: e.target.value })}
          onFocus={() => onActive(r.key)}
        />
      ),
    },
    {
      title: '牵头单位',
      dataIndex: 'leadOrgId',
      width: 170,
      render: (v, r) => (
        <div data-testid="lead-cell">
          <TreeSelect
            {...treeProps}
            aria-label="牵头单位"
            placeholder={r.units.length ? `未匹配:${r.units.join('、')}` : '选择牵头单位'}
            value={v ?? undefined}
            status={v ? undefined : 'warning'}
            onChange={(x) => onChange(r.key, { leadOrgId: (x as number) ?? null })}
            allowClear
          />
          {r.origin?.unitSource === 'correction' && v === r.origin.leadOrgId && (
            <Tooltip title="此前审核时为同类事项选定的牵头单位">
              <Tag color="purple" style={{ marginTop: 2 }}>
                来自以往更正
              </Tag>
            </Tooltip>
          )}
          {r.origin?.unitSource === 'proposal' && v === r.origin.leadOrgId && (
            <Tooltip title="原文未写明责任单位,按职能建议">
              <Tag style={{ marginTop: 2 }}>按职能建议</Tag>
            </Tooltip>
          )}
        </div>
      ),
    },
    {
      title: '配合单位',
      dataIndex: 'coOrgIds',
      width: 190,
      render: (v, r) => (
        <TreeSelect
          {...treeProps}
          aria-label="配合单位"
          multiple
          treeCheckable={false}
          value={v}
          maxTagCount={2}
          placeholder="可多选"
          onChange={(x) => onChange(r.key, { coOrgIds: x as number[] })}
        />
      ),
    },
    {
      title: '责任领导',
      dataIndex: 'leader',
      width: 90,
      responsive: ['xl'],
      render: (v, r) => (
        <Input
          aria-label="责任领导"
          size="small"
          value={v}
          maxLength={50}
          onChange={(e) => onChange(r.key, { leader: e.target.value })}
        />
      ),
    },
    {
      title: '完成时限',
      dataIndex: 'dueDate',
      width: 150,
      render: (v, r) => (
        <Space direction="vertical" size={2}>
          {r.deadlineText && (
            <Tooltip title="原文中的时限">
              <Tag color="gold">{r.deadlineText}</Tag>
            </Tooltip>
          )}
          <DatePicker
            aria-label="完成时限"
            format={DATE_INPUT_FORMATS}
            size="small"
            value={v ? dayjs(v) : null}
            placeholder="长期"
            onChange={(d) => onChange(r.key, { dueDate: d ? d.format('YYYY-MM-DD') : null })}
          />
        </Space>
      ),
    },
    {
      title: '指标',
      dataIndex: 'targets',
      width: 130,
      responsive: ['xl'],
      render: (v, r) => (
        <Select
          mode="tags"
          size="small"
          style={{ width: '100%' }}
          value={v}
          open={false}
          onChange={(x) => onChange(r.key, { targets: x })}
          placeholder="回车添加"
        />
      ),
    },
    {
      title: '操作',
      width: 96,
      render: (_, r) => (
        <Space size={0}>
          <Tooltip title="与下一条合并">
            <Button
              type="text"
              size="small"
              icon={<MergeCellsOutlined />}
              disabled={!rows.some((x) => x.start > r.start)}
              onClick={() => onMerge(r.key)}
              aria-label="合并"
            />
          </Tooltip>
          <Tooltip title="拆分(在原文中选中拆分处,或从中间的逗号处拆开)">
            <Button
              type="text"
              size="small"
              icon={<ScissorOutlined />}
              onClick={() => onSplit(r.key)}
              aria-label="拆分"
            />
          </Tooltip>
          <Tooltip title="删除">
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => onDelete(r.key)}
              aria-label="删除"
            />
          </Tooltip>
        </Space>
      ),
    },
  ];
  return (
    <Table<ReviewRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1140, y: 'calc(100vh - 300px)' }}
      rowSelection={{ selectedRowKeys: selected, onChange: (k) => onSelect(k as string[]) }}
      onRow={(r) => ({
        onClick: () => onActive(r.key),
        style: r.key === active ? { background: '#fff7e6' } : undefined,
      })}
    />
  );
}
