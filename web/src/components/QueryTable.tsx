import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import { ErrorAlert } from './ErrorAlert.tsx';

/**
 * An unpaged list read by one query (`{ items }`: up to 100 rows, or a short register such as the
 * 评分手册): its error is shown above, the look is ListTable's without the pager.
 */
export function QueryTable<T extends object>({
  query,
  emptyText,
  ...table
}: {
  query: UseQueryResult<{ items: T[] }, Error>;
  emptyText?: string;
} & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'>) {
  return (
    <>
      <ErrorAlert error={query.error} />
      <Table<T>
        rowKey="id"
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        loading={query.isLoading}
        dataSource={query.data?.items}
        pagination={false}
        locale={emptyText ? { emptyText } : undefined}
        {...table}
      />
    </>
  );
}
