import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Radio, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ballotApi } from './api.ts';

type Rating = { grade?: string; opinion?: string };

/**
 * The code of a QR link (/vote?t=CODE). Reading is pure (React may render and discard this page
 * before it mounts, e.g. while a lazy chunk loads); the code is removed from the address bar once
 * the page has mounted (see the effect below): a code left in the URL lands in the browser history,
 * in a screenshot, or with whoever the link is forwarded to. From here on it travels only in POST bodies.
 */
const codeInUrl = () => new URL(window.location.href).searchParams.get('t') ?? '';

function dropCodeFromUrl() {
  const url = new URL(window.location.href);
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
 * The phone-sized ballot (public, no login): open with /vote?t=CODE (the QR code) or type the code;
 * rate every organization, optionally add an opinion, review, submit once, and keep the receipt.
 */
export default function VotePage() {
  const [fromUrl] = useState(codeInUrl);
  useEffect(dropCodeFromUrl, []);
  const [code, setCode] = useState(fromUrl);
  // The code the form was opened with (from the QR link at once, or when the voter presses 开始评议).
  const [opened, setOpened] = useState(fromUrl.trim() || null);
  // One nonce per opened code: every (re)submission of this ballot carries it.
  const [nonce, setNonce] = useState(newNonce);
  const [ratings, setRatings] = useState<Record<number, Rating>>({});
  const [reviewing, setReviewing] = useState(false);
  const form = useQuery({
    queryKey: ['ballot-form', opened],
    queryFn: () => ballotApi.form(opened ?? ''),
    enabled: !!opened,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const cast = useMutation({
    mutationFn: () =>
      ballotApi.cast({
        token: code.trim(),
        nonce,
        ratings: (form.data?.orgs ?? []).map((o) => ({
          orgId: o.id,
          grade: ratings[o.id]?.grade ?? '',
          ...(ratings[o.id]?.opinion?.trim() ? { opinion: ratings[o.id].opinion?.trim() } : {}),
        })),
      }),
    // A used or closed ballot (409) sends the voter back to the code.
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) setOpened(null);
    },
  });
  const open = () => {
    cast.reset();
    setReviewing(false);
    setNonce(newNonce());
    setOpened(code.trim() || null);
  };

  const f = opened ? form.data : undefined;
  const step = cast.data ? 'done' : !f ? 'code' : reviewing ? 'review' : 'fill';
  const error = cast.error ?? (opened ? form.error : null);
  const missing = f ? f.orgs.filter((o) => !ratings[o.id]?.grade) : [];
  const set = (id: number, r: Rating) => setRatings((x) => ({ ...x, [id]: { ...x[id], ...r } }));

  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12, minHeight: '100vh', background: '#f5f5f5' }}>
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
      {step === 'fill' && f && (
        <Spin spinning={cast.isPending}>
          <Alert
            type="info"
            title={`请对以下 ${f.orgs.length} 个组织逐一评议(${f.scale.join(' / ')}),意见可不填。`}
            style={{ marginBottom: 12 }}
          />
          {f.orgs.map((o, i) => (
            <Card
              key={o.id}
              size="small"
              style={{ marginBottom: 10 }}
              title={`${i + 1}. ${o.name}`}
              extra={o.secretary ? `书记:${o.secretary}` : null}
              data-testid={`org-${o.id}`}
            >
              <Radio.Group
                aria-label={`${o.name} 评议等次`}
                optionType="button"
                buttonStyle="solid"
                size="large"
                value={ratings[o.id]?.grade}
                onChange={(e) => set(o.id, { grade: e.target.value })}
                options={f.scale.map((g) => ({ label: g, value: g }))}
                style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
              />
              <Input.TextArea
                aria-label={`${o.name} 意见`}
                placeholder="意见建议(可不填)"
                maxLength={500}
                autoSize={{ minRows: 1, maxRows: 4 }}
                style={{ marginTop: 8 }}
                value={ratings[o.id]?.opinion}
                onChange={(e) => set(o.id, { opinion: e.target.value })}
              />
            </Card>
          ))}
          <Button type="primary" block size="large" disabled={missing.length > 0} onClick={() => setReviewing(true)}>
            {missing.length ? `还有 ${missing.length} 个组织未评议` : '下一步:核对'}
          </Button>
        </Spin>
      )}
      {step === 'review' && f && (
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
                {ratings[o.id]?.opinion?.trim() ? <Typography.Text type="secondary">(有意见)</Typography.Text> : null}
              </span>
              <b>{ratings[o.id]?.grade}</b>
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
