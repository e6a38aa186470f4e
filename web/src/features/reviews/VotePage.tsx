import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Grid, Input, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { BallotForm } from '../../../../common/contracts/ballots.ts';
import { ApiError } from '../../api/client.ts';
import { ballotApi } from './api.ts';
import { Autosave } from './ballot/Autosave.tsx';
import { BallotCards, BallotTable } from './ballot/BallotRows.tsx';
import { BallotStore, useVersion } from './ballot/store.ts';

/**
 * The code of a QR link: the short `/v/CODE` printed under each QR code, or the older `/vote?t=CODE`.
 * Reading is pure (React may render and discard this page before it mounts, e.g. while a lazy chunk
 * loads); the code is removed from the address bar once the page has mounted (see the effect
 * below): a code left in the URL lands in the browser history, in a screenshot, or with whoever the
 * link is forwarded to. From here on it travels only in POST/PUT bodies.
 */
function codeInUrl() {
  const url = new URL(window.location.href);
  const short = /^\/v\/([^/]+)/.exec(url.pathname)?.[1];
  const raw = short ? decodeURIComponent(short) : (url.searchParams.get('t') ?? '');
  // Printed short links drop the dash: show the code as it is printed on the slip.
  return /^[A-Za-z0-9]{10}$/.test(raw) ? `${raw.slice(0, 5)}-${raw.slice(5)}`.toUpperCase() : raw;
}

function dropCodeFromUrl() {
  const url = new URL(window.location.href);
  if (url.pathname.startsWith('/v/')) {
    window.history.replaceState(window.history.state, '', '/vote');
    return;
  }
  if (!url.searchParams.has('t')) return;
  url.searchParams.delete('t');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

/** 128 random bits: the receipt is derived from it, so a retry after a lost reply gets the same one. */
function newNonce() {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * The ballot (public, no login): open with the QR code's link or type the code; rate every
 * organization (a table on a desktop, cards on a phone), optionally add opinions, review, submit
 * once, and keep the receipt. The unfinished ballot is saved on the server under the code
 * (Autosave) and restored when the same code is opened again.
 */
export default function VotePage() {
  const [fromUrl] = useState(codeInUrl);
  useEffect(dropCodeFromUrl, []);
  const [code, setCode] = useState(fromUrl);
  // The code the form was opened with (from the QR link at once, or when the voter presses 开始评议).
  const [opened, setOpened] = useState(fromUrl.trim() || null);
  // One nonce per opened code: every (re)submission of this ballot carries it.
  const [nonce, setNonce] = useState(newNonce);
  // One store per opened code; the draft saved under that code is loaded into it once.
  const store = useMemo(() => (opened ? new BallotStore() : null), [opened]);
  const [reviewing, setReviewing] = useState(false);
  const form = useQuery({
    queryKey: ['ballot-form', opened],
    queryFn: () => ballotApi.form(opened ?? ''),
    enabled: !!opened,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [restored, setRestored] = useState(0);
  useEffect(() => {
    if (store && form.data?.draft?.length && store.version === 0) {
      store.load(form.data.draft);
      setRestored(form.data.draft.length);
    }
  }, [store, form.data]);
  const cast = useMutation({
    mutationFn: () =>
      ballotApi.cast({
        token: opened ?? '',
        nonce,
        ratings: (form.data?.orgs ?? []).map((o) => {
          const r = store?.get(o.id);
          return { orgId: o.id, grade: r?.grade ?? '', ...(r?.opinion?.trim() ? { opinion: r.opinion.trim() } : {}) };
        }),
      }),
    // A used or closed ballot (409) sends the voter back to the code.
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) setOpened(null);
    },
  });
  const open = () => {
    cast.reset();
    setReviewing(false);
    setRestored(0);
    setNonce(newNonce());
    setOpened(code.trim() || null);
  };
  const wide = !!Grid.useBreakpoint().md;

  const f = opened ? form.data : undefined;
  const step = cast.data ? 'done' : !f || !store ? 'code' : reviewing ? 'review' : 'fill';
  const error = cast.error ?? (opened ? form.error : null);

  return (
    <div
      style={{
        maxWidth: wide && step === 'fill' ? 1280 : 560,
        margin: '0 auto',
        padding: 12,
        minHeight: '100vh',
        background: '#f5f5f5',
      }}
    >
      <Typography.Title level={4} style={{ textAlign: 'center', color: '#b71c1c' }}>
        {f?.title ?? '民主评议 · 无记名投票'}
      </Typography.Title>
      {error && (
        <Alert
          type="error"
          showIcon
          title={
            // A network failure may have happened after the ballot was stored: 「确认提交」 again sends
            // the same code and nonce, and the server answers with the same receipt.
            cast.error instanceof ApiError && cast.error.code === 'NETWORK'
              ? '网络中断,无法确认选票是否已提交。请检查网络后再次点击「确认提交」:若已计入,将显示同一回执码,不会重复计票。'
              : error.message
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {step === 'code' && (
        <Card>
          <Typography.Paragraph>
            请输入选票上的选票码(或用手机扫描选票上的二维码)。选票不记名,系统不记录您是谁。
          </Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label="选票码"
              placeholder="例如 ABCDE-FGHJK"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              onPressEnter={open}
              size="large"
            />
            <Button type="primary" size="large" loading={!!opened && form.isFetching} onClick={open}>
              开始评议
            </Button>
          </Space.Compact>
        </Card>
      )}
      {step === 'fill' && f && store && opened && (
        <Spin spinning={cast.isPending}>
          <FillToolbar f={f} store={store} token={opened} restored={restored} />
          {wide ? (
            <BallotTable orgs={f.orgs} scale={f.scale} store={store} height={Math.max(320, window.innerHeight - 330)} />
          ) : (
            <BallotCards orgs={f.orgs} scale={f.scale} store={store} />
          )}
          <NextButton f={f} store={store} onNext={() => setReviewing(true)} />
        </Spin>
      )}
      {step === 'review' && f && store && (
        <Card title="请核对您的评议">
          {f.orgs.map((o) => (
            <div
              key={o.id}
              style={{
                display: 'flex',
                justifyContent: 'space-between',
                padding: '6px 0',
                borderBottom: '1px solid #f0f0f0',
              }}
            >
              <span>
                {o.name}
                {store.get(o.id)?.opinion?.trim() ? <Typography.Text type="secondary">(有意见)</Typography.Text> : null}
              </span>
              <b>{store.get(o.id)?.grade}</b>
            </div>
          ))}
          <Space style={{ marginTop: 16, width: '100%' }} orientation="vertical">
            <Button type="primary" block size="large" loading={cast.isPending} onClick={() => cast.mutate()}>
              确认提交(提交后不能修改)
            </Button>
            <Button block onClick={() => setReviewing(false)}>
              返回修改
            </Button>
          </Space>
        </Card>
      )}
      {step === 'done' && cast.data && (
        <Result
          status="success"
          title="投票成功"
          subTitle={
            <>
              <div>您的回执码:</div>
              <Typography.Title level={3} copyable data-testid="receipt">
                {cast.data.receipt}
              </Typography.Title>
              <div>
                请记下回执码。投票结束后公布的回执码清单中可查到它,以确认您的选票已计入。回执码不含您的任何信息。
              </div>
            </>
          }
        />
      )}
    </div>
  );
}

/**
 * Progress, the bulk action and the autosave state. 「未评的全部评为」 rates only the organizations
 * still without a grade: what the voter already rated one by one is never overwritten.
 */
function FillToolbar({
  f,
  store,
  token,
  restored,
}: {
  f: BallotForm;
  store: BallotStore;
  token: string;
  restored: number;
}) {
  const { message } = App.useApp();
  useVersion(store);
  const ids = f.orgs.map((o) => o.id);
  const missing = store.missing(ids);
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space orientation="vertical" style={{ width: '100%' }} size={6}>
        {restored > 0 && (
          <Alert type="success" showIcon title={`已恢复上次未提交的评议(${restored} 个组织),可继续填写。`} />
        )}
        <Typography.Text data-testid="progress">
          共 {f.orgs.length} 个组织({f.scale.join(' / ')}),已评 <b>{f.orgs.length - missing}</b> 个,未评{' '}
          <b style={{ color: missing ? '#cf1322' : undefined }}>{missing}</b> 个。意见可不填。
        </Typography.Text>
        <Space wrap size={6}>
          <span>未评的全部评为:</span>
          {f.scale.map((g) => (
            <Button
              key={g}
              size="small"
              disabled={!missing}
              onClick={() => {
                const n = store.fillUnrated(ids, g);
                void message.success(`已将 ${n} 个未评议的组织评为「${g}」,已评的不变`);
              }}
            >
              {g}
            </Button>
          ))}
        </Space>
        <Autosave store={store} token={token} />
      </Space>
    </Card>
  );
}

function NextButton({ f, store, onNext }: { f: BallotForm; store: BallotStore; onNext: () => void }) {
  useVersion(store);
  const missing = store.missing(f.orgs.map((o) => o.id));
  return (
    <Button type="primary" block size="large" disabled={missing > 0} onClick={onNext} style={{ marginTop: 12 }}>
      {missing ? `还有 ${missing} 个组织未评议` : '下一步:核对'}
    </Button>
  );
}
