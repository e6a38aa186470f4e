import { describe, expect, test } from 'vitest';

// The offices are in UTC+8; npm test pins TZ, this keeps a bare `vitest run` honest too.
process.env.TZ = 'Asia/Shanghai';
import { fmtDate, fmtTime, safeRedirect } from '../lib/format.ts';
import { messageFor } from '../api/messages.ts';
import { withQuery } from '../api/client.ts';
import { routeOf, routes } from './routes.tsx';
import { PERMISSIONS } from '../../../common/enums.ts';

describe('format', () => {
  test('dates are shown the Chinese way; empty stays empty', () => {
    expect(fmtDate('2026-01-05')).toBe('2026年01月05日');
    expect(fmtDate(null)).toBe('');
    expect(fmtDate('not a date')).toBe('not a date');
    // Instants are shown in local time.
    expect(fmtTime('2026-03-02T01:00:00.000Z')).toBe('2026年03月02日 09:00');
  });

  test('only same-site paths are accepted as redirect targets after login', () => {
    expect(safeRedirect('/members?q=zsm')).toBe('/members?q=zsm');
    expect(safeRedirect('//evil.example/x')).toBe('/');
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect('/login?redirect=/x')).toBe('/');
    expect(safeRedirect(null)).toBe('/');
  });
});

describe('api', () => {
  test('the server message wins, except where the map is more useful', () => {
    expect(messageFor('ORG_HAS_MEMBERS', '「甲」还有 2 名党员')).toBe('「甲」还有 2 名党员');
    expect(messageFor('INTERNAL', 'boom')).toBe('服务器内部错误,请稍后重试或联系管理员');
    expect(messageFor('NETWORK')).toBe('无法连接服务器,请检查网络后重试');
    expect(messageFor('SOMETHING_NEW')).toBe('操作失败(SOMETHING_NEW)');
  });

  test('query strings drop empty values', () => {
    expect(withQuery('/api/members', { q: '张', orgId: 3, category: undefined, status: '' })).toBe(
      '/api/members?q=%E5%BC%A0&orgId=3',
    );
    expect(withQuery('/api/members', {})).toBe('/api/members');
  });
});

describe('route table', () => {
  test('paths are unique, permissions exist, sub-pages name an existing parent', () => {
    const paths = routes.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const r of routes) {
      if (r.permission) expect(PERMISSIONS).toContain(r.permission);
      if (r.parent) expect(paths).toContain(r.parent);
    }
  });

  test('a location maps to its route (exact, parameter, prefix)', () => {
    expect(routeOf('/')?.title).toBe('首页');
    expect(routeOf('/members')?.title).toBe('党员管理');
    expect(routeOf('/orgs/anything')?.path).toBe('/orgs');
    expect(routeOf('/nowhere')).toBeUndefined();
  });
});
