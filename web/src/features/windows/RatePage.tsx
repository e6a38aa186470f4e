/**
 * The citizen's rating page (public, no login, phone-sized): opened from the window's QR code
 * (/r/CODE) or by typing the code printed on the poster. Plain elements and one small style sheet —
 * no UI library beyond what the entry already loads — so it stays light on a slow phone network.
 * A 差评 returns a 复评码; the same page takes it back to show the result and rate the fix once.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { RATING_LEVELS, type RatingLevel } from '../../../../common/enums.ts';
import type { PublicFollowUp, PublicRatingCreated, PublicWindow } from '../../../../common/contracts/windows.ts';
import { publicApi } from './api.ts';

const CSS = `
.rp{max-width:480px;margin:0 auto;padding:16px 16px 40px;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f}
.rp h1{font-size:20px;margin:8px 0 2px;color:#a8071a}.rp h2{font-size:17px;margin:16px 0 8px}
.rp .sub{color:#666;font-size:14px;margin:0 0 12px}
.rp .lv{display:flex;flex-direction:column;gap:8px}
.rp .lv button{display:flex;justify-content:space-between;align-items:center;padding:12px 14px;border:1px solid #d9d9d9;border-radius:8px;background:#fff;font-size:16px;min-height:48px}
.rp .lv button[aria-pressed=true]{border-color:#cf1322;background:#fff1f0;font-weight:600}
.rp .st{color:#faad14;letter-spacing:2px}.rp .qs{display:flex;justify-content:space-between;align-items:center;margin:6px 0}
.rp .qs fieldset button{border:0;background:none;font-size:24px;padding:0 2px;color:#d9d9d9;min-width:32px;min-height:40px}.rp .qs fieldset button.on{color:#faad14}
.rp label,.rp .lab{display:block;margin:14px 0 4px;font-size:15px}.rp fieldset{border:0;margin:0;padding:0;min-width:0}.rp small{color:#888}
.rp input,.rp select,.rp textarea{width:100%;box-sizing:border-box;padding:10px;border:1px solid #d9d9d9;border-radius:8px;font-size:16px;background:#fff}
.rp textarea{min-height:84px}
.rp .go{width:100%;margin-top:18px;padding:13px;border:0;border-radius:8px;background:#cf1322;color:#fff;font-size:17px}
.rp .go:disabled{opacity:.6}.rp .link{background:none;border:0;color:#1677ff;font-size:15px;padding:8px 0}
.rp .err{background:#fff2f0;border:1px solid #ffccc7;border-radius:8px;padding:10px;margin:12px 0}
.rp .ok{background:#f6ffed;border:1px solid #b7eb8f;border-radius:8px;padding:14px;margin:12px 0}
.rp .code{font:700 28px/1.4 ui-monospace,monospace;letter-spacing:4px;text-align:center;margin:8px 0}
.rp .foot{margin-top:28px;color:#999;font-size:12px;text-align:center}`;

const STARS: Record<RatingLevel, string> = {
  非常满意: '★★★★★',
  满意: '★★★★',
  基本满意: '★★★',
  不满意: '★★',
  非常不满意: '★',
};

/** A random id kept on the phone: lets one hall share one address without one phone counting many times. */
function deviceId() {
  try {
    let d = localStorage.getItem('luoshi.device');
    if (!d) {
      d = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
      localStorage.setItem('luoshi.device', d);
    }
    return d;
  } catch {
    return undefined;
  }
}

function Levels({ value, onChange }: { value?: RatingLevel; onChange: (l: RatingLevel) => void }) {
  return (
    <fieldset className="lv" aria-label="评价等级">
      {RATING_LEVELS.map((l) => (
        <button type="button" key={l} aria-pressed={value === l} onClick={() => onChange(l)}>
          <span>{l}</span>
          <span className="st" aria-hidden>
            {STARS[l]}
          </span>
        </button>
      ))}
    </fieldset>
  );
}

export default function RatePage() {
  const { code: codeParam } = useParams();
  const [params] = useSearchParams();
  const nav = useNavigate();
  const [typed, setTyped] = useState('');
  const [win, setWin] = useState<PublicWindow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'rate' | 'follow'>(params.get('f') ? 'follow' : 'rate');

  useEffect(() => {
    setWin(null);
    setError(null);
    if (codeParam) publicApi.window(codeParam).then(setWin, (e: Error) => setError(e.message));
  }, [codeParam]);

  return (
    <main className="rp">
      <style>{CSS}</style>
      <h1>政务服务"好差评"</h1>
      <p className="sub">您的评价将直接送达监督部门,被评价单位无法修改或删除。</p>
      {error && (
        <div className="err" role="alert">
          {error}
        </div>
      )}
      {mode === 'follow' ? (
        <FollowUp initial={params.get('f') ?? ''} onBack={() => setMode('rate')} />
      ) : codeParam ? (
        win && <RateForm win={win} busy={busy} setBusy={setBusy} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) nav(`/r/${encodeURIComponent(typed.trim().toUpperCase())}`);
          }}
        >
          <label htmlFor="wc">请输入窗口海报上的窗口码</label>
          <input
            id="wc"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoCapitalize="characters"
            maxLength={20}
          />
          <button className="go" type="submit">
            开始评价
          </button>
        </form>
      )}
      {mode === 'rate' && (
        <button type="button" className="link" onClick={() => setMode('follow')}>
          已有复评码?查看差评办理结果并评价 →
        </button>
      )}
      <p className="foot">不收集任何个人信息;留下电话仅用于差评回访,办结后按规定删除。</p>
    </main>
  );
}

function RateForm({ win, busy, setBusy }: { win: PublicWindow; busy: boolean; setBusy: (b: boolean) => void }) {
  const [level, setLevel] = useState<RatingLevel>();
  const [itemId, setItemId] = useState<number>();
  const [scores, setScores] = useState<number[]>([]);
  const [comment, setComment] = useState('');
  const [phone, setPhone] = useState('');
  const [ticket, setTicket] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<PublicRatingCreated | null>(null);
  const qs = win.content.questions;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!level) return setError('请选择评价等级');
    if (phone && !/^1[3-9]\d{9}$/.test(phone)) return setError('请填写正确的 11 位手机号码,或留空');
    const allScored = scores.filter(Boolean).length === qs.length;
    setBusy(true);
    setError(null);
    try {
      setDone(
        await publicApi.rate({
          windowCode: win.code,
          level,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(phone ? { phone } : {}),
          ...(itemId ? { itemId } : {}),
          ...(ticket.trim() ? { ticket: ticket.trim() } : {}),
          ...(allScored && qs.length ? { scores, contentVersion: win.content.version } : {}),
          device: deviceId(),
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <div className="ok" role="status">
        <strong>感谢您的评价!</strong>
        {done.followUpCode ? (
          <>
            <p>
              我们已将您的差评交办给{win.orgName},须在 {done.dueDate}{' '}
              前核实、回访并整改。请记下您的复评码,整改后可在本页查看结果并评价整改情况:
            </p>
            <div className="code">{done.followUpCode}</div>
          </>
        ) : (
          <p>您的意见是改进服务的动力。</p>
        )}
      </div>
    );

  return (
    <form onSubmit={submit}>
      <h2>
        {win.name}
        <br />
        <small>
          {win.orgName} · 窗口码 {win.code}
        </small>
      </h2>
      {win.items.length > 0 && (
        <>
          <label htmlFor="item">办理事项</label>
          <select
            id="item"
            value={itemId ?? ''}
            onChange={(e) => setItemId(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">(请选择)</option>
            {win.items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </>
      )}
      <p className="lab">总体评价</p>
      <Levels value={level} onChange={setLevel} />
      {qs.length > 0 && (
        <>
          <p className="lab">分项评价(可选)</p>
          {qs.map((q, i) => (
            <div className="qs" key={q}>
              <span>{q}</span>
              <fieldset aria-label={q}>
                {[1, 2, 3, 4, 5].map((n) => (
                  <button
                    type="button"
                    key={n}
                    aria-label={`${q} ${n} 星`}
                    className={(scores[i] ?? 0) >= n ? 'on' : ''}
                    onClick={() => setScores((s) => Object.assign([...s], { [i]: n }))}
                  >
                    ★
                  </button>
                ))}
              </fieldset>
            </div>
          ))}
        </>
      )}
      <label htmlFor="cm">
        意见建议 <small>(可选,{comment.length}/500)</small>
      </label>
      <textarea id="cm" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
      <label htmlFor="ph">
        联系电话 <small>(可选,仅用于差评回访)</small>
      </label>
      <input
        id="ph"
        inputMode="numeric"
        maxLength={11}
        value={phone}
        onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))}
      />
      <label htmlFor="tk">
        评价码 <small>(可选,办件回执上的"一次一评"码)</small>
      </label>
      <input
        id="tk"
        maxLength={20}
        value={ticket}
        onChange={(e) => setTicket(e.target.value)}
        autoCapitalize="characters"
      />
      {error && (
        <div className="err" role="alert">
          {error}
        </div>
      )}
      <button className="go" type="submit" disabled={busy}>
        {busy ? '正在提交…' : '提交评价'}
      </button>
    </form>
  );
}

function FollowUp({ initial, onBack }: { initial: string; onBack: () => void }) {
  const [code, setCode] = useState(initial);
  const [info, setInfo] = useState<PublicFollowUp | null>(null);
  const [level, setLevel] = useState<RatingLevel>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const look = async (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    try {
      setInfo(await publicApi.followUp(code.trim().toUpperCase()));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: look up the code from the link once, on arrival
  useEffect(() => {
    if (initial) void look();
  }, []);
  const rerate = async () => {
    if (!level) return setError('请选择对整改结果的评价');
    try {
      await publicApi.rerate({
        code: code.trim().toUpperCase(),
        level,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setDone(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section>
      <form onSubmit={look}>
        <label htmlFor="fc">复评码</label>
        <input
          id="fc"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          maxLength={20}
          autoCapitalize="characters"
        />
        <button className="go" type="submit">
          查看办理结果
        </button>
      </form>
      {error && (
        <div className="err" role="alert">
          {error}
        </div>
      )}
      {info && !done && (
        <div className="ok">
          <p>
            {info.orgName} · {info.windowName}
            <br />
            办理状态:<strong>{info.status}</strong>
          </p>
          {info.resolution && (
            <p>
              {info.resolution === '整改' ? '整改措施' : '解释说明'}:{info.resolutionNote}
            </p>
          )}
          {info.canRerate ? (
            <>
              <p className="lab">您对整改结果是否满意?</p>
              <Levels value={level} onChange={setLevel} />
              <label htmlFor="rc">意见(可选)</label>
              <textarea id="rc" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
              <button className="go" type="button" onClick={rerate}>
                提交复评
              </button>
            </>
          ) : (
            <p>{info.rerated ? '您已对整改结果作出评价,感谢监督。' : '单位正在办理,反馈后可在此评价整改结果。'}</p>
          )}
        </div>
      )}
      {done && (
        <div className="ok" role="status">
          <strong>复评已提交,感谢您的监督!</strong>
        </div>
      )}
      <button type="button" className="link" onClick={onBack}>
        ← 返回评价
      </button>
    </section>
  );
}
