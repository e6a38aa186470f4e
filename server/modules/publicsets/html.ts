/**
 * Server-rendered public pages: plain HTML with one inline stylesheet, no script, no font, no
 * external resource, so they load fast on a phone and work on an intranet or a feature browser.
 */
import type { PublicItem, StatusCounts } from '../../../common/contracts/publicsets.ts';
import type { PublicStatus } from '../../../common/enums.ts';
import { WORKFLOW_LABELS } from './status.ts';

export const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
export const cnDate = (d: string | null | undefined) =>
  d ? `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日` : '';

const CSS = `*{box-sizing:border-box}body{margin:0;font:15px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f6f8}
main{max-width:960px;margin:0 auto;padding:12px}header{background:#b71c1c;color:#fff;padding:16px 12px}header a{color:#ffd8d8}
header .in{max-width:960px;margin:0 auto}h1{font-size:22px;margin:4px 0}h2{font-size:17px;margin:18px 0 8px}.muted{color:#666;font-size:13px}
header .muted{color:#ffe3e3}.card{background:#fff;border-radius:8px;padding:12px;margin:10px 0;box-shadow:0 1px 2px #0001}
.sum{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:8px}.sum div{background:#fff;border-radius:8px;padding:10px;text-align:center}
.sum b{display:block;font-size:24px}.bar{display:flex;height:10px;border-radius:5px;overflow:hidden;background:#eee;margin:8px 0}
.s1{background:#389e0d}.s2{background:#52c41a}.s3{background:#1677ff}.s4{background:#d4380d}
.tag{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-size:13px;white-space:nowrap}
.items{list-style:none;padding:0;margin:0}.items li{background:#fff;border-radius:8px;padding:10px 12px;margin:8px 0}
.items a{color:#1f1f1f;text-decoration:none;font-weight:600}.pg{position:relative;height:8px;background:#eee;border-radius:4px;margin:6px 0}
.pg i{position:absolute;left:0;top:0;bottom:0;background:#1677ff;border-radius:4px}.pg s{position:absolute;top:-3px;bottom:-3px;width:2px;background:#d4380d}
.why{color:#ad2102;font-size:14px}form.f{display:flex;flex-wrap:wrap;gap:8px;align-items:center}select,input,textarea,button{font:inherit;padding:6px 8px;border:1px solid #ccc;border-radius:6px}
textarea{width:100%;min-height:90px}button{background:#b71c1c;color:#fff;border:0;padding:6px 16px}.tl{list-style:none;padding:0;margin:0;border-left:2px solid #ddd}
.tl li{padding:2px 0 10px 14px;position:relative}.tl li:before{content:"";position:absolute;left:-6px;top:8px;width:10px;height:10px;border-radius:5px;background:#b71c1c}
.note{background:#fff7e6;border:1px solid #ffd591;padding:8px 12px;border-radius:6px}.ok{background:#f6ffed;border-color:#b7eb8f}.err{background:#fff1f0;border-color:#ffa39e}
footer{max-width:960px;margin:0 auto;padding:16px 12px 32px;color:#666;font-size:13px}footer a{margin-right:12px}`;

const COLOR: Record<PublicStatus, string> = { 提前完成: 's1', 已完成: 's2', 按序时: 's3', 滞后: 's4' };
const tag = (s: PublicStatus) => `<span class="tag ${COLOR[s]}">${s}</span>`;
const pct = (n: number, total: number) => (total ? Math.round((n / total) * 1000) / 10 : 0);

function page(title: string, head: string, body: string, extraHead = '') {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>${extraHead}<style>${CSS}</style></head><body><header><div class="in">${head}</div></header><main>${body}</main></body></html>`;
}

export function summaryBlock(c: StatusCounts) {
  const cells: [PublicStatus, number][] = [
    ['提前完成', c.early],
    ['已完成', c.done],
    ['按序时', c.onTrack],
    ['滞后', c.lagging],
  ];
  return `<div class="sum"><div><b>${c.total}</b>事项总数</div>${cells
    .map(([s, n]) => `<div><b>${n}</b>${tag(s)} ${pct(n, c.total)}%</div>`)
    .join('')}</div><div class="bar">${cells
    .map(([s, n]) => (n ? `<span class="${COLOR[s]}" style="width:${pct(n, c.total)}%"></span>` : ''))
    .join('')}</div>`;
}

export function indexPage(
  sets: { id: number; title: string; kind: string; publishedAt: string | null; counts: StatusCounts }[],
) {
  const body = sets.length
    ? sets
        .map(
          (s) =>
            `<div class="card"><a href="/public/sets/${s.id}"><h2>${esc(s.title)}</h2></a><p class="muted">${esc(s.kind)} · 发布于${cnDate(s.publishedAt?.slice(0, 10))}</p>${summaryBlock(s.counts)}</div>`,
        )
        .join('')
    : '<p class="card">暂无公开的清单。</p>';
  return page('工作进展公开', '<h1>工作进展公开</h1><p class="muted">重点任务与民生实事的办理进展</p>', body);
}

export interface ListPageData {
  set: {
    id: number;
    title: string;
    kind: string;
    intro: string | null;
    published_at: string | null;
    publicity: number;
    objection_until_date: string | null;
  };
  counts: StatusCounts;
  items: PublicItem[];
  units: string[];
  filter: { unit?: string; status?: string };
  today: string;
}

const progressBar = (i: { progress: number; plannedProgress: number | null }) =>
  `<div class="pg" title="进度 ${i.progress}%"><i style="width:${i.progress}%"></i>${
    i.plannedProgress !== null
      ? `<s style="left:${i.plannedProgress}%" title="序时进度 ${i.plannedProgress}%"></s>`
      : ''
  }</div>`;

const deadline = (i: { dueDate: string | null; deadlineText: string | null }) =>
  i.dueDate ? cnDate(i.dueDate) : esc(i.deadlineText || '长期坚持');

export function listPage(d: ListPageData) {
  const s = d.set;
  const notice =
    s.publicity && s.objection_until_date
      ? `<p class="note">本清单正在公示,公示期至${cnDate(s.objection_until_date)}${d.today > s.objection_until_date ? '(已结束)' : ';对公示内容有异议的,可在事项页面实名或匿名提出'}。</p>`
      : '';
  const opt = (v: string, cur: string | undefined, label = v) =>
    `<option value="${esc(v)}"${cur === v ? ' selected' : ''}>${esc(label)}</option>`;
  const filter = `<form class="f card" method="get"><select name="unit" aria-label="牵头单位">${opt('', d.filter.unit, '全部牵头单位')}${d.units
    .map((u) => opt(u, d.filter.unit))
    .join('')}</select><select name="status" aria-label="状态">${opt('', d.filter.status, '全部状态')}${[
    '提前完成',
    '已完成',
    '按序时',
    '滞后',
  ]
    .map((x) => opt(x, d.filter.status))
    .join('')}</select><button type="submit">筛选</button></form>`;
  const list = d.items.length
    ? `<ol class="items">${d.items
        .map(
          (i) =>
            `<li><a href="/public/sets/${s.id}/items/${i.taskId}">${esc(i.text)}</a><div class="muted">牵头单位:${esc(i.leadUnit)} · 完成时限:${deadline(i)} · ${tag(i.status)} 进度 ${i.progress}%${i.plannedProgress !== null && i.status !== '已完成' && i.status !== '提前完成' ? `(序时 ${i.plannedProgress}%)` : ''}</div>${progressBar(i)}${i.lagReason ? `<div class="why">滞后原因:${esc(i.lagReason)}</div>` : ''}</li>`,
        )
        .join('')}</ol>`
    : '<p class="card">没有符合条件的事项。</p>';
  const head = `<p class="muted"><a href="/public/sets">工作进展公开</a></p><h1>${esc(s.title)}</h1><p class="muted">${esc(s.kind)} · 发布于${cnDate(s.published_at?.slice(0, 10))} · 数据截至${cnDate(d.today)}</p>`;
  const body = `${notice}${s.intro ? `<p>${esc(s.intro)}</p>` : ''}${summaryBlock(d.counts)}${filter}${list}<footer><a href="/public/sets/${s.id}/data.xlsx">下载数据(Excel)</a><a href="/public/sets/${s.id}/data.csv">下载数据(CSV)</a><a href="/public/sets/${s.id}/feed.atom">订阅(Atom)</a><br>状态说明:按序时 = 进度不低于时间进度(序时进度)减 10 个百分点;滞后 = 落后于序时进度或已超过完成时限;提前完成 = 在完成时限前办结。</footer>`;
  return page(
    `${s.title} — 工作进展公开`,
    head,
    body,
    `<link rel="alternate" type="application/atom+xml" title="${esc(s.title)}" href="/public/sets/${s.id}/feed.atom">`,
  );
}

export interface ItemPageData {
  set: { id: number; title: string; publicity: number; objection_until_date: string | null };
  item: PublicItem;
  milestones: { name: string; due_date: string; done_date: string | null }[];
  history: { status: string; workflow_status: string; progress: number; status_date: string }[];
  feedback: { kind: string; text: string; reply: string | null; created_at: string }[];
  today: string;
  sent?: boolean;
  error?: string;
}

export function itemPage(d: ItemPageData) {
  const { set: s, item: i } = d;
  const objectionOpen = !!s.publicity && !!s.objection_until_date && d.today <= s.objection_until_date;
  const ms = d.milestones.length
    ? `<h2>节点</h2><ul class="card">${d.milestones
        .map(
          (m) =>
            `<li>${esc(m.name)}:计划${cnDate(m.due_date)}${m.done_date ? `,已于${cnDate(m.done_date)}完成` : ',未完成'}</li>`,
        )
        .join('')}</ul>`
    : '';
  const tl = `<h2>进展记录</h2><div class="card">${
    d.history.length
      ? `<ol class="tl">${d.history
          .map(
            (h) =>
              `<li><b>${cnDate(h.status_date)}</b> ${tag(h.status as PublicStatus)} ${esc(WORKFLOW_LABELS[h.workflow_status] ?? '')} · 进度 ${h.progress}%</li>`,
          )
          .join('')}</ol>`
      : '<p class="muted">暂无记录</p>'
  }</div>`;
  const fb = d.feedback.length
    ? `<h2>群众意见</h2>${d.feedback
        .map(
          (f) =>
            `<div class="card"><p class="muted">${esc(f.kind)} · ${cnDate(f.created_at.slice(0, 10))}</p><p>${esc(f.text)}</p>${f.reply ? `<p class="note ok">答复:${esc(f.reply)}</p>` : ''}</div>`,
        )
        .join('')}`
    : '';
  const form = `<h2>提意见</h2><form class="card" method="post" action="/public/sets/${s.id}/items/${i.taskId}/feedback">${
    d.sent ? '<p class="note ok">已收到,经审核后公开。谢谢您的监督!</p>' : ''
  }${d.error ? `<p class="note err">${esc(d.error)}</p>` : ''}<p><label><input type="radio" name="kind" value="意见" checked> 意见建议</label>${
    objectionOpen
      ? ` <label><input type="radio" name="kind" value="异议"> 公示异议(至${cnDate(s.objection_until_date)})</label>`
      : ''
  }</p><textarea name="text" maxlength="1000" required aria-label="内容" placeholder="请写明您的意见(审核后公开,请勿填写个人信息)"></textarea><p><input name="contact" maxlength="50" placeholder="联系方式(选填,不公开)" aria-label="联系方式"> <button type="submit">提交</button></p></form>`;
  const head = `<p class="muted"><a href="/public/sets/${s.id}">${esc(s.title)}</a></p><h1>${esc(i.text)}</h1>`;
  const body = `<div class="card"><p>${tag(i.status)} 进度 ${i.progress}%${i.plannedProgress !== null && (i.status === '按序时' || i.status === '滞后') ? `,序时进度 ${i.plannedProgress}%` : ''}</p>${progressBar(i)}<p>牵头单位:${esc(i.leadUnit)}<br>完成时限:${deadline(i)}</p>${
    i.lagReason ? `<p class="why">滞后原因:${esc(i.lagReason)}</p>` : ''
  }</div>${ms}${tl}${fb}${form}<footer><a href="/public/sets/${s.id}/items/${i.taskId}/feed.atom">订阅本事项(Atom)</a></footer>`;
  return page(
    `${i.text.slice(0, 30)} — ${s.title}`,
    head,
    body,
    `<link rel="alternate" type="application/atom+xml" href="/public/sets/${s.id}/items/${i.taskId}/feed.atom">`,
  );
}

export function notFoundPage() {
  return page(
    '页面不存在',
    '<h1>页面不存在</h1>',
    '<p class="card">您访问的页面不存在。<a href="/public/sets">返回进展公开</a></p>',
  );
}

export function errorPage(message: string, back: string) {
  return page(
    '提交未成功',
    '<h1>提交未成功</h1>',
    `<p class="note err">${esc(message)}</p><p><a href="${esc(back)}">返回</a></p>`,
  );
}

/** An Atom 1.0 feed of status changes (newest first). */
export function atomFeed(f: {
  id: string;
  title: string;
  self: string;
  alternate: string;
  updated: string;
  entries: { id: string; title: string; updated: string; link: string; summary: string }[];
}) {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>${esc(f.id)}</id><title>${esc(f.title)}</title><updated>${esc(f.updated)}</updated><link rel="self" type="application/atom+xml" href="${esc(f.self)}"/><link rel="alternate" type="text/html" href="${esc(f.alternate)}"/><author><name>落实 · 工作进展公开</name></author>${f.entries
    .map(
      (e) =>
        `<entry><id>${esc(e.id)}</id><title>${esc(e.title)}</title><updated>${esc(e.updated)}</updated><link rel="alternate" type="text/html" href="${esc(e.link)}"/><summary>${esc(e.summary)}</summary></entry>`,
    )
    .join('')}</feed>`;
}
