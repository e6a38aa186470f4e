import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableProps } from 'antd';
import { ErrorAlert } from './ErrorAlert.tsx';
import { totalLabel } from './usePageCursors.ts';

export interface ListTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  /** A paged list query (`{ items, total }`): its error is shown above, its refetches grey the rows. */
  query: UseQueryResult<{ items: T[]; total: number; totalApprox?: boolean }, Error>;
  page: number;
  /** 20 unless the page offers a size changer. */
  pageSize?: number;
  onPageChange(page: number, pageSize: number): void;
  /** e.g. `(n) => \`共 ${n} 名党员\``, by default `共 n 项`; `approx` when the total is the server's estimate ("约 N"). */
  totalText?(n: number, approx: boolean): string;
  /** Offer 20 / 50 / 100 rows and a page jump (long registers). */
  sizeChanger?: boolean;
}

/** The one paged list: server-side pages, the same look everywhere, wide tables scroll sideways. */
export function ListTable<T extends object>({
  query,
  page,
  pageSize = 20,
  onPageChange,
  totalText = (n, approx) => totalLabel(n, approx, '项'),
  sizeChanger,
  ...table
}: ListTableProps<T>) {
  return (
    <>
      <ErrorAlert error={query.error} />
      <Table<T>
        rowKey="id"
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: !!sizeChanger,
          pageSizeOptions: [20, 50, 100],
          showQuickJumper: !!sizeChanger,
          showTotal: (n) => totalText(n, !!query.data?.totalApprox),
          onChange: onPageChange,
        }}
        {...table}
      />
    </>
  );
}
