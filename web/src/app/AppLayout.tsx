import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { NavContext, type NavEntry } from '../lib/nav.tsx';
import { useAuth } from '../lib/session.tsx';
import { MENU_GROUPS, routeOf, routes } from './routes.tsx';
import { ROLES } from '../../../common/enums.ts';

const { Header, Sider, Content } = Layout;
const RED = '#b5121b';

/** The signed-in frame: header with the user menu, side menu from the route table, breadcrumbs. */
export default function AppLayout() {
  const { me, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const current = routeOf(location.pathname);

  useEffect(() => {
    document.title = current ? `${current.title} - 落实` : '落实';
  }, [current]);

  const visible = useMemo(() => routes.filter((r) => !r.hideInMenu && can(r.permission)), [can]);
  const nav = useMemo<NavEntry[]>(
    () => visible.map((r) => ({ path: r.path, title: r.title, icon: r.icon })),
    [visible],
  );
  const items = useMemo<MenuProps['items']>(() => {
    const top = visible
      .filter((r) => !r.group)
      .map((r) => ({ key: r.path, icon: r.icon, label: <Link to={r.path}>{r.title}</Link> }));
    const groups = MENU_GROUPS.map((g) => {
      const children = visible
        .filter((r) => r.group === g.key)
        .map((r) => ({ key: r.path, icon: r.icon, label: <Link to={r.path}>{r.title}</Link> }));
      return children.length ? { key: `g:${g.key}`, icon: g.icon, label: g.title, children } : null;
    }).filter((x) => x !== null);
    return [...top, ...groups];
  }, [visible]);
  const openKeys = MENU_GROUPS.map((g) => `g:${g.key}`);
  const selected = current ? [current.parent ?? current.path] : [];

  const crumbs = [{ title: <Link to="/">首页</Link> }];
  if (current && current.path !== '/') {
    const group = MENU_GROUPS.find((g) => g.key === current.group);
    if (group) crumbs.push({ title: <span>{group.title}</span> });
    const parent = current.parent ? routes.find((r) => r.path === current.parent) : undefined;
    if (parent) crumbs.push({ title: <Link to={parent.path}>{parent.title}</Link> });
    crumbs.push({ title: <span>{current.title}</span> });
  }

  const userMenu: MenuProps = {
    items: [
      { key: 'pwd', icon: <KeyOutlined />, label: '修改密码' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
    ],
    onClick: ({ key }) => {
      if (key === 'pwd') navigate('/change-password', { state: { back: location.pathname + location.search } });
      if (key === 'logout') void logout();
    },
  };

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      defaultOpenKeys={openKeys}
      style={{ borderInlineEnd: 0 }}
      onClick={() => setDrawer(false)} // on a phone the menu is a drawer: picking a page closes it
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          background: RED,
          padding: narrow ? '0 12px' : '0 20px',
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          height: 56,
          lineHeight: '56px',
        }}
      >
        {narrow && (
          <Button
            type="text"
            aria-label="打开菜单"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            onClick={() => setDrawer(true)}
          />
        )}
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, color: '#fff' }}>
          <span
            style={{
              width: 30,
              height: 30,
              borderRadius: 4,
              background: '#f5d78e',
              color: RED,
              fontWeight: 700,
              display: 'grid',
              placeItems: 'center',
              lineHeight: 1,
            }}
          >
            落
          </span>
          <span style={{ fontSize: 18, fontWeight: 600, letterSpacing: 2, whiteSpace: 'nowrap' }}>
            落实{narrow ? '' : ' · 党建工作落实平台'}
          </span>
        </Link>
        <div style={{ flex: 1 }} />
        {!narrow && me && <span style={{ color: 'rgba(255,255,255,.85)', whiteSpace: 'nowrap' }}>{me.scope.name}</span>}
        {me && (
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button type="text" style={{ color: '#fff' }} data-testid="user-menu">
              <UserOutlined /> {me.user.displayName}
              {!narrow && (
                <Typography.Text style={{ color: 'rgba(255,255,255,.75)' }}>({ROLES[me.user.role]})</Typography.Text>
              )}{' '}
              <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </Header>
      <Layout>
        {!narrow && (
          <Sider width={208} theme="light" style={{ borderRight: '1px solid #eee' }}>
            {menu}
          </Sider>
        )}
        {narrow && (
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            placement="left"
            size={240}
            title="功能菜单"
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
        <Content style={{ padding: narrow ? 8 : 16, minWidth: 0 }}>
          <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} />
          <Suspense
            fallback={
              <div style={{ padding: 48, textAlign: 'center' }}>
                <Spin />
              </div>
            }
          >
            <NavContext.Provider value={nav}>
              <Outlet />
            </NavContext.Provider>
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
