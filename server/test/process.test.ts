/**
 * Keep the process up: `npm start` ends with a non-zero exit code on a fatal error (so that a
 * supervisor such as deploy/luoshi.service restarts it), and the unit file restarts always.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { MAX_UPLOAD_BYTES } from '../lib/upload.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function start(env: Record<string, string>, timeoutMs = 60_000) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('npm start exits non-zero on fatal errors', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-proc-'));
  const db = `sqlite:${path.join(dir, 'x.db')}`;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an invalid configuration', async () => {
    const r = await start({ DATABASE_URL: db, PORT: 'abc' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('配置错误:PORT');
  }, 120_000);

  it('the port is already in use', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = String((busy.address() as net.AddressInfo).port);
    try {
      const r = await start({ DATABASE_URL: db, PORT: port, LUOSHI_ADMIN_PASSWORD: 'Kx9#lake2026' });
      expect(r.code).toBe(1);
      expect(r.out).toContain(`端口 ${port} 已被占用`);
    } finally {
      busy.close();
    }
  }, 120_000);

  it('the database cannot be opened', async () => {
    const r = await start({ DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('启动失败');
  }, 120_000);

  it('deploy/luoshi.service restarts the server whenever it exits', () => {
    const unit = fs.readFileSync(path.join(ROOT, 'deploy/luoshi.service'), 'utf8');
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^ExecStart=.*npm start$/m);
  });

  it('deploy/ for two instances: the proxy passes the client address, takes the largest upload, and is the one trusted proxy', () => {
    const read = (f: string) => fs.readFileSync(path.join(ROOT, 'deploy', f), 'utf8');
    const proxy = read('nginx/luoshi-proxy.conf');
    expect(proxy).toMatch(/^proxy_set_header X-Forwarded-For \$remote_addr;$/m);
    for (const f of ['nginx/luoshi.conf', 'nginx/compose.conf']) {
      const conf = read(f);
      expect(conf).toContain('include /etc/nginx/luoshi-proxy.conf;');
      expect((conf.match(/^\s*server [\w.:]+ max_fails/gm) ?? []).length).toBe(2);
      const mb = Number(/client_max_body_size (\d+)m;/.exec(conf)?.[1]);
      expect(mb * 1024 * 1024).toBeGreaterThan(MAX_UPLOAD_BYTES);
    }
    const compose = read('docker-compose.yml');
    const proxyAddress = /ipv4_address: ([\d.]+)/.exec(compose)?.[1];
    expect(compose).toContain(`TRUST_PROXY: ${proxyAddress}`);
    expect(loadConfig({ TRUST_PROXY: proxyAddress }).trustProxy).toEqual([proxyAddress]);
    expect(compose).toMatch(/^ {2}app1:$/m);
    expect(compose).toMatch(/^ {2}app2:$/m);
    expect(compose).toMatch(/image: postgres:15$/m);
  });
});
