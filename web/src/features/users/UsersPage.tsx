import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UserRow } from '../../../../common/contracts/users.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { useAuth } from '../../lib/session.tsx';
import { fmtTime } from '../../lib/format.ts';
import { userKeys, usersApi } from './api.ts';
import UserFormModal from './UserFormModal.tsx';
import { ROLE_RANK } from '../../../../common/enums.ts';

/** 账号管理: accounts in the caller's subtree; reset shows the temporary password exactly once. */
export default function UsersPage() {
  const { can, me } = useAuth();
  const { modal, message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const manage = can('user.manage');
  const query = { q: q || undefined, page, pageSize: 20 };
  const list = useQuery({
    queryKey: userKeys.list(query),
    queryFn: () => usersApi.list(query),
    placeholderData: keepPreviousData,
  });

  // The temporary password is shown once, here; the server keeps only its hash.
  const reset = useMutation({
    mutationFn: (u: UserRow) => usersApi.resetPassword(u.id),
    onSuccess: (r, u) => {
      modal.success({
        title: `已重置「${u.displayName}」的密码`,
        width: 460,
        content: (
          <div>
            <p>临时密码(仅显示这一次,请当面或电话告知本人):</p>
            <Typography.Paragraph
              copyable={{ text: r.temporaryPassword }}
              style={{ fontSize: 18, fontFamily: 'monospace' }}
              data-testid="temp-password"
            >
              {r.temporaryPassword}
            </Typography.Paragraph>
            <p>对方用临时密码登录后须立即修改密码。</p>
          </div>
        ),
        okText: '我已记下',
      });
      void list.refetch();
    },
    onError: (e) => message.error(e.message),
  });

  const unlock = useMutation({
    mutationFn: (u: UserRow) => usersApi.unlock(u.id),
    onSuccess: (_, u) => {
      message.success(`已解除「${u.displayName}」的登录锁定`);
      void list.refetch();
    },
    onError: (e) => message.error(e.message),
  });

  // Other accounts of the same or a higher role are changed by a 系统管理员 (the server refuses too).
  const readOnly = (u: UserRow) =>
    !!me && u.id !== me.user.id && me.user.role !== 'sysadmin' && ROLE_RANK[u.role] >= ROLE_RANK[me.user.role];

  const columns: TableColumnsType<UserRow> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 170 },
    { title: '角色', dataIndex: 'roleLabel', width: 140 },
    { title: '管辖范围', dataIndex: 'scopeOrgName', width: 240, ellipsis: true },
    {
      title: '状态',
      key: 'st',
      width: 160,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
          {u.locked && <Tag color="red">已锁定</Tag>}
          {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
        </Space>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 160, render: fmtTime, responsive: ['lg'] },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'op',
            width: 150,
            fixed: 'right' as const,
            render: (_: unknown, u: UserRow) =>
              readOnly(u) ? (
                <span style={{ color: '#999' }}>—</span>
              ) : (
                <Space size={10}>
                  <a onClick={() => setEditing(u)}>编辑</a>
                  {u.id !== me?.user.id && (
                    <Popconfirm
                      title="重置密码?"
                      description="将生成一次性临时密码,对方现有登录会话立即失效。"
                      okText="重置"
                      cancelText="取消"
                      onConfirm={() => reset.mutateAsync(u).catch(() => undefined)}
                    >
                      <a>重置密码</a>
                    </Popconfirm>
                  )}
                  {u.locked && <a onClick={() => unlock.mutate(u)}>解锁</a>}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title="账号管理"
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建账号
          </Button>
        )
      }
    >
      <Input.Search
        placeholder="用户名或姓名"
        allowClear
        enterButton="查询"
        style={{ maxWidth: 320, marginBottom: 12 }}
        onSearch={(v) => {
          setPage(1);
          setQ(v.trim());
        }}
      />
      <ListTable<UserRow>
        query={list}
        columns={columns}
        page={page}
        pageSize={20}
        totalText={(n) => `共 ${n} 个账号`}
        onPageChange={setPage}
      />
      {editing && (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={(msg) => {
            setEditing(null);
            message.success(msg);
          }}
        />
      )}
    </Card>
  );
}
