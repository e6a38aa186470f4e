import { describe, expect, test } from 'vitest';
import { setCsrfToken } from './client.ts';
import { queryClient } from './query.ts';

describe('the query cache follows the session', () => {
  test("a session that ends or is replaced takes its users' cached answers with it", () => {
    setCsrfToken('token-of-zzb');
    queryClient.setQueryData(['members', 'list', {}], { items: [{ name: '赵四海' }], total: 1 });
    setCsrfToken('token-of-zzb'); // the same session again (a /me refresh): nothing is dropped
    expect(queryClient.getQueryData(['members', 'list', {}])).toBeDefined();
    setCsrfToken(null); // expiry or logout
    expect(queryClient.getQueryData(['members', 'list', {}])).toBeUndefined();

    setCsrfToken('token-of-town-a');
    queryClient.setQueryData(['orgs', 'tree'], { id: 1 });
    setCsrfToken('token-of-town-b'); // another login without a logout in between
    expect(queryClient.getQueryData(['orgs', 'tree'])).toBeUndefined();
  });
});
