/**
 * 作风监督员's 暗访 reports: filed from a phone (target unit or window, time, findings, photos); a
 * report becomes a 差评-style case, a rectification item, or a 整改通知书 (.docx) issued directly.
 * An inspector sees their own reports; supervisors see every report on units in their subtree.
 * The inspected unit never sees the report itself (only the case or item that comes of it).
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type {
  Activity,
  InspectionCreate,
  InspectionDetail,
  InspectionList,
  InspectionListQuery,
} from '../../../common/contracts/windows-supervision.ts';
import { ROLE_PERMISSIONS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { type Actor, isInPath, orgInScope, pathInSubtree } from '../../lib/scope.ts';
import { addItem } from '../rectifications/items.service.ts';
import { openCase } from './cases.service.ts';
import { monthRange, today } from './common.ts';

const MAX_PHOTO = 1_000_000;
const seesAll = (a: Actor) => ROLE_PERMISSIONS[a.role].includes('window.supervise');
const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);

export async function create(ctx: Ctx, actor: Actor, b: InspectionCreate) {
  await orgInScope(ctx.db, actor, b.orgId);
  if (b.windowId) {
    const w = await ctx.db
      .selectFrom('service_window')
      .select('org_id')
      .where('id', '=', b.windowId)
      .executeTakeFirst();
    if (!w || w.org_id !== b.orgId) throw badRequest('WINDOW_MISMATCH', '所选窗口不属于被查单位');
  }
  if (Date.parse(b.visitedAt) > ctx.clock.now().getTime() + 5 * 60_000)
    throw badRequest('VISIT_FUTURE', '暗访时间不能晚于现在');
  const photos = (b.photos ?? []).map((ph) => {
    const buf = Buffer.from(ph.contentBase64, 'base64');
    if (!buf.length) throw badRequest('PHOTO_EMPTY', `照片「${ph.fileName}」内容为空`);
    if (buf.length > MAX_PHOTO) throw badRequest('PHOTO_TOO_LARGE', `照片「${ph.fileName}」超过 1 MB,请压缩后上传`);
    return { fileName: ph.fileName, b64: buf.toString('base64') };
  });
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('inspection')
      .values({
        inspector_id: actor.userId,
        org_id: b.orgId,
        window_id: b.windowId ?? null,
        visited_at: new Date(b.visitedAt).toISOString(),
        findings: b.findings.trim(),
        status: '已提交',
        case_id: null,
        rectification_id: null,
        notice_no: null,
        notice_text: null,
        notice_due_date: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const ph of photos)
      await trx
        .insertInto('inspection_photo')
        .values({ inspection_id: r.id, file_name: ph.fileName, content_b64: ph.b64, uploaded_at: now })
        .execute();
    await audit(ctx, trx, actor, {
      action: 'inspection.create',
      entity: 'inspection',
      entityId: r.id,
      after: { orgId: b.orgId, windowId: b.windowId ?? null, photos: photos.length },
    });
    return { id: r.id };
  });
}

function baseQuery(db: Executor, actor: Actor) {
  let q = db
    .selectFrom('inspection as i')
    .innerJoin('org_unit as o', 'o.id', 'i.org_id')
    .innerJoin('app_user as u', 'u.id', 'i.inspector_id')
    .leftJoin('service_window as w', 'w.id', 'i.window_id')
    .where(pathInSubtree('o.path', actor.scopePath));
  if (!seesAll(actor)) q = q.where('i.inspector_id', '=', actor.userId);
  return q;
}
const cols = [
  'i.id',
  'u.display_name',
  'i.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'i.window_id',
  'w.name as window_name',
  'i.visited_at',
  'i.findings',
  'i.status',
  'i.case_id',
  'i.rectification_id',
  'i.notice_no',
  'i.notice_text',
  'i.notice_due_date',
  'i.inspector_id',
] as const;
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['select']>['executeTakeFirstOrThrow']> & Record<string, any>;
const toRow = (r: Row, photoCount: number) => ({
  id: r.id,
  inspectorName: r.display_name,
  orgId: r.org_id,
  orgName: r.org_name,
  windowId: r.window_id,
  windowName: r.window_name,
  visitedAt: r.visited_at,
  findings: r.findings,
  status: r.status,
  caseId: r.case_id,
  rectificationId: r.rectification_id,
  noticeNo: r.notice_no,
  photoCount,
});

export async function list(ctx: Ctx, actor: Actor, q: InspectionListQuery): Promise<InspectionList> {
  let base = baseQuery(ctx.db, actor);
  if (q.month) {
    const { from, to } = monthRange(q.month);
    base = base
      .where('i.visited_at', '>=', new Date(`${from}T00:00:00+08:00`).toISOString())
      .where('i.visited_at', '<', new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString());
  }
  if (q.status) base = base.where('i.status', '=', q.status);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = q.pageSize ?? 20;
  const rows = await base
    .select([
      ...cols,
      (eb) =>
        eb
          .selectFrom('inspection_photo as p')
          .select((e) => e.fn.countAll().as('c'))
          .whereRef('p.inspection_id', '=', 'i.id')
          .as('photos'),
    ])
    .orderBy('i.visited_at', 'desc')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  return { total, items: rows.map((r) => toRow(r as Row, Number(r.photos ?? 0))) };
}

async function loadOne(db: Executor, actor: Actor, id: number) {
  const r = await baseQuery(db, actor).select(cols).where('i.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('暗访报告', 'INSPECTION_NOT_FOUND');
  return r as Row;
}

export async function get(ctx: Ctx, actor: Actor, id: number): Promise<InspectionDetail> {
  const r = await loadOne(ctx.db, actor, id);
  const photos = await ctx.db
    .selectFrom('inspection_photo')
    .select(['id', 'file_name'])
    .where('inspection_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    ...toRow(r, photos.length),
    photos: photos.map((p) => ({ id: p.id, fileName: p.file_name })),
    noticeText: r.notice_text,
    noticeDueDate: r.notice_due_date,
  };
}

export async function photo(ctx: Ctx, actor: Actor, id: number, photoId: number) {
  await loadOne(ctx.db, actor, id);
  const p = await ctx.db
    .selectFrom('inspection_photo')
    .selectAll()
    .where('id', '=', photoId)
    .where('inspection_id', '=', id)
    .executeTakeFirst();
  if (!p) throw notFound('照片', 'PHOTO_NOT_FOUND');
  return { fileName: p.file_name, data: Buffer.from(p.content_b64, 'base64') };
}

/** One conversion per report: a report already turned into something cannot be converted again. */
async function convert(
  ctx: Ctx,
  actor: Actor,
  id: number,
  status: string,
  fn: (r: Row, trx: Executor, now: string) => Promise<Record<string, unknown>>,
) {
  const r = await loadOne(ctx.db, actor, id);
  if (!isInPath(r.org_path, actor.scopePath)) throw notFound('暗访报告', 'INSPECTION_NOT_FOUND');
  if (r.status !== '已提交') throw conflict('INSPECTION_DONE', `该报告已处理(${r.status}),不能重复处理`);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const set = await fn(r, trx, now);
    await trx
      .updateTable('inspection')
      .set({ ...set, status, updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'inspection.convert',
      entity: 'inspection',
      entityId: id,
      before: { status: r.status },
      after: { status, ...set },
    });
    return {
      caseId: (set.case_id as number | undefined) ?? null,
      rectificationId: (set.rectification_id as number | undefined) ?? null,
      noticeNo: (set.notice_no as string | undefined) ?? null,
    };
  });
}

const problemOf = (r: Row) =>
  `作风监督员暗访(${shanghai(r.visited_at)}${r.window_name ? `,窗口「${r.window_name}」` : ''}):${r.findings}`;
const issuerOf = async (trx: Executor, orgId: number) =>
  (await trx.selectFrom('org_unit').select('parent_id').where('id', '=', orgId).executeTakeFirstOrThrow()).parent_id ??
  orgId;

export const toCase = (ctx: Ctx, actor: Actor, id: number) =>
  convert(ctx, actor, id, '已转工单', async (r, trx) => {
    const c = await openCase(
      ctx,
      trx,
      {
        ratingId: null,
        windowId: r.window_id,
        orgId: r.org_id,
        source: '暗访',
        level: null,
        problem: problemOf(r),
        phone: null,
        windowName: r.window_name,
      },
      actor,
    );
    return { case_id: c.id };
  });

export const toRectification = (ctx: Ctx, actor: Actor, id: number, b: { deadlineDate?: string; measures?: string }) =>
  convert(ctx, actor, id, '已交办整改', async (r, trx) => {
    if (b.deadlineDate && b.deadlineDate < today(ctx)) throw badRequest('DEADLINE_PAST', '整改时限不能早于今天');
    const rid = await addItem(trx, ctx, actor, {
      orgId: r.org_id,
      issuerOrgId: await issuerOf(trx, r.org_id),
      problem: problemOf(r),
      source: '督查',
      sourceRef: `inspection:${r.id}`,
      measures: b.measures?.trim() || null,
      deadlineDate: b.deadlineDate ?? null,
    });
    return { rectification_id: rid };
  });

/** 整改通知书: numbered per year (作风监督〔2026〕N号), with a rectification item behind it. */
export const issueNotice = (ctx: Ctx, actor: Actor, id: number, b: { requirements: string; deadlineDate: string }) =>
  convert(ctx, actor, id, '已发整改通知书', async (r, trx) => {
    if (b.deadlineDate < today(ctx)) throw badRequest('DEADLINE_PAST', '整改时限不能早于今天');
    const year = today(ctx).slice(0, 4);
    const n = await trx
      .selectFrom('inspection')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('notice_no', 'like', `作风监督〔${year}〕%`)
      .executeTakeFirstOrThrow();
    const no = `作风监督〔${year}〕${Number(n.n) + 1}号`;
    const rid = await addItem(trx, ctx, actor, {
      orgId: r.org_id,
      issuerOrgId: await issuerOf(trx, r.org_id),
      problem: problemOf(r),
      source: '督查',
      sourceRef: `inspection:${r.id}`,
      measures: b.requirements.trim(),
      deadlineDate: b.deadlineDate,
    });
    return {
      rectification_id: rid,
      notice_no: no,
      notice_text: b.requirements.trim(),
      notice_due_date: b.deadlineDate,
    };
  });

export async function noticeDocx(ctx: Ctx, actor: Actor, id: number) {
  const r = await loadOne(ctx.db, actor, id);
  if (!r.notice_no) throw conflict('NO_NOTICE', '该报告尚未下发整改通知书');
  const para = (
    text: string,
    o: { bold?: boolean; size?: number; center?: boolean; right?: boolean; indent?: boolean } = {},
  ) =>
    new Paragraph({
      alignment: o.center ? AlignmentType.CENTER : o.right ? AlignmentType.RIGHT : undefined,
      indent: o.indent ? { firstLine: 640 } : undefined,
      spacing: { after: 120, line: 460 },
      children: [new TextRun({ text, bold: o.bold, size: o.size ?? 32, font: '仿宋' })],
    });
  const d = (s: string) => s.replace(/^(\d+)-(\d+)-(\d+)$/, (_, a, b, c) => `${a}年${Number(b)}月${Number(c)}日`);
  const doc = new Document({
    creator: '落实',
    title: '整改通知书',
    sections: [
      {
        children: [
          para('整 改 通 知 书', { bold: true, size: 44, center: true }),
          para(r.notice_no, { center: true }),
          para(`${r.org_name}:`),
          para(
            `${shanghai(r.visited_at)},作风监督员对你单位${r.window_name ? `「${r.window_name}」` : ''}进行暗访,发现以下问题:`,
            { indent: true },
          ),
          para(r.findings, { indent: true }),
          para(`整改要求:${r.notice_text ?? ''}`, { indent: true }),
          para(
            `请于 ${d(r.notice_due_date ?? '')} 前整改到位,并在系统"问题整改台账"中报送整改措施和佐证材料。逾期未整改或整改不到位的,将予以通报。`,
            { indent: true },
          ),
          para(''),
          para('作风监督员', { right: true }),
          para(d(today(ctx)), { right: true }),
        ],
      },
    ],
  });
  return { fileName: `整改通知书-${r.notice_no}.docx`, data: await Packer.toBuffer(doc) };
}

/** Reports per inspector in a month (their own line only, for an inspector). */
export async function activity(ctx: Ctx, actor: Actor, month: string): Promise<Activity> {
  const { from, to } = monthRange(month);
  const rows = await baseQuery(ctx.db, actor)
    .select(['i.inspector_id', 'u.display_name', 'i.status'])
    .where('i.visited_at', '>=', new Date(`${from}T00:00:00+08:00`).toISOString())
    .where('i.visited_at', '<', new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString())
    .execute();
  const by = new Map<number, Activity['items'][number]>();
  for (const r of rows) {
    const a = by.get(r.inspector_id) ?? {
      inspectorId: r.inspector_id,
      inspectorName: r.display_name,
      reports: 0,
      cases: 0,
      rectifications: 0,
      notices: 0,
    };
    a.reports++;
    if (r.status === '已转工单') a.cases++;
    if (r.status === '已交办整改') a.rectifications++;
    if (r.status === '已发整改通知书') a.notices++;
    by.set(r.inspector_id, a);
  }
  return { month, items: [...by.values()].sort((a, b) => b.reports - a.reports) };
}
