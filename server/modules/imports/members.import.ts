/** Member sheet: every row checked (with the members module's own rules), then one batched insert. */
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { validateMember } from '../members/members.service.ts';
import { MEMBER_COLUMNS } from './columns.ts';
import type { ImportJob, RowError } from './jobs.ts';
import { type ScopeOrg, tick } from './lookups.ts';
import {
  ELSEWHERE_MESSAGE,
  ELSEWHERE_MORE,
  IMPORT_NAMED,
  type Owner,
  ownedInScope,
  recordElsewhere,
  takenIds,
} from '../members/duplicates.ts';
import { parseDateCell, textCell, type SheetRow } from './xlsx.ts';
import { EXAMPLE_MEMBER_IDS, EXAMPLE_ROW_MESSAGE } from './templates.ts';

const header = (key: string) => MEMBER_COLUMNS.find((c) => c.key === key)!.header;
/** validateMember names the offending field; the report names the sheet column. */
const FIELD_COLUMN: Record<string, string> = {
  idNumber: '身份证号',
  birthDate: '身份证号',
  gender: '性别',
  phone: '手机',
  joinDate: '入党日期',
  fullDate: '转正日期',
};
/** Members are enrolled in Party organizations, not in government units, grids or party groups. */
const MEMBER_ORG_TYPES = new Set(['党支部', '党总支', '党委', '党工委', '机关工委']);
/**
 * Rows per INSERT: each statement holds the event loop (better-sqlite3 is synchronous) and the
 * member triggers run per row; 500 rows took 50–115 ms, 200 stay near 20–45 ms (bench/stalls.ts).
 */
const INSERT_BATCH = 200;

/** A checked row; org_path is given so the insert need not look it up (the trigger agrees). */
type Prepared = ReturnType<typeof validateMember> & { org_path: string };

/** Checks every row; returns the rows ready to insert (only meaningful when `errors` is empty). */
export async function validateMemberRows(
  ctx: Ctx,
  actor: Actor,
  rows: SheetRow[],
  cols: Map<string, number>,
  orgs: Map<string, ScopeOrg>,
  job: ImportJob,
) {
  const errors: RowError[] = [];
  const ready: Prepared[] = [];
  const seen = new Map<string, number>();
  const today = ctx.clock.now();
  for (let i = 0; i < rows.length; i++) {
    const { row, cells } = rows[i];
    const err = (key: string, message: string) =>
      errors.push({ row, column: FIELD_COLUMN[key] ?? header(key), message });
    const raw = (key: string) => (cols.has(key) ? (cells[cols.get(key)! - 1] ?? null) : null);
    const before = errors.length;
    const str = (key: string) => textCell(raw(key));
    for (const c of MEMBER_COLUMNS) if (c.required && str(c.key) == null) err(c.key, `「${c.header}」不能为空`);
    for (const c of MEMBER_COLUMNS) {
      const v = str(c.key);
      if (c.options && v != null && !c.options.includes(v))
        err(c.key, `「${c.header}」应为以下之一:${c.options.join('、')}`);
    }
    const name = str('name');
    if (name && name.length > 30) err('name', '「姓名」不能超过 30 个字');
    const ethnicity = str('ethnicity');
    if (ethnicity && ethnicity.length > 20) err('ethnicity', '「民族」不能超过 20 个字');
    const idRaw = raw('idNumber');
    if (typeof idRaw === 'string' && EXAMPLE_MEMBER_IDS.includes(idRaw.trim().toUpperCase()))
      err('idNumber', EXAMPLE_ROW_MESSAGE);
    if (typeof idRaw === 'number')
      err('idNumber', '身份证号被 Excel 存成了数字(末几位已丢失),请把该列设为文本格式后重新填写');
    const dates: Record<string, string | null> = {};
    for (const key of ['joinDate', 'fullDate']) {
      const v = raw(key);
      dates[key] = v == null ? null : parseDateCell(v);
      if (v != null && dates[key] == null)
        err(key, `「${header(key)}」不是有效日期(可填 2005-07-01、2005/7/1 或 2005年7月1日)`);
    }
    const code = str('orgCode');
    const org = code ? orgs.get(code) : undefined;
    if (code && !org) err('orgCode', '组织编码不存在或不在管辖范围内');
    else if (org && org.status !== '正常') err('orgCode', `组织「${org.name}」已撤销`);
    else if (org && !MEMBER_ORG_TYPES.has(org.type))
      err('orgCode', `「${org.name}」是${org.type},党员应编入党支部(或党总支、党委)`);

    if (errors.length === before) {
      try {
        const r = validateMember(
          {
            name: name!,
            gender: str('gender') ?? undefined,
            ethnicity,
            idNumber: String(idRaw),
            phone: str('phone')?.replace(/[\s-]/g, '') ?? null,
            education: str('education'),
            orgId: org!.id,
            joinDate: dates.joinDate,
            fullDate: dates.fullDate,
            memberType: str('memberType')!,
            category: str('category')!,
          },
          today,
        );
        const first = seen.get(r.id_number);
        if (first) err('idNumber', `与第 ${first} 行的身份证号重复`);
        else {
          seen.set(r.id_number, row);
          ready.push({ ...r, org_path: org!.path });
        }
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        err((e.details as any)?.field ?? 'idNumber', e.message);
      }
    }
    job.processed = i + 1;
    await tick(i);
  }
  const taken = await takenIds(
    ctx.db,
    ready.map((r) => r.id_number),
  );
  if (taken.size) {
    // In the caller's subtree a duplicate is named per row; elsewhere only a few (see duplicates.ts).
    const elsewhere: { row: number; owner: Owner }[] = [];
    for (const [idNumber, row] of seen) {
      const owner = taken.get(idNumber);
      if (!owner) continue;
      if (ownedInScope(owner, actor)) errors.push({ row, column: '身份证号', message: '该身份证号已登记为党员' });
      else elsewhere.push({ row, owner });
    }
    if (elsewhere.length) {
      const named = elsewhere.slice(0, IMPORT_NAMED);
      const allowed = await recordElsewhere(
        ctx,
        actor,
        'import',
        elsewhere.length,
        named.length,
        named.map((e) => e.owner.id),
      );
      const shown = allowed ? named : [];
      for (const e of shown) errors.push({ row: e.row, column: '身份证号', message: ELSEWHERE_MESSAGE });
      if (elsewhere.length > shown.length)
        errors.push({ row: job.headerRow ?? 1, column: '身份证号', message: ELSEWHERE_MORE });
    }
    errors.sort((a, b) => a.row - b.row);
  }
  return { errors, ready };
}

/** Writes the checked rows in one transaction: batched multi-row inserts and ONE audit row. */
export async function insertMembers(ctx: Ctx, actor: Actor, ready: Prepared[], job: ImportJob) {
  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < ready.length; i += INSERT_BATCH) {
      await trx
        .insertInto('member')
        .values(ready.slice(i, i + INSERT_BATCH).map((r) => ({ ...r, created_at: now, updated_at: now })))
        .execute();
      job.processed = Math.min(i + INSERT_BATCH, ready.length);
      // better-sqlite3 is synchronous: give other requests' I/O a turn between batches.
      await new Promise<void>((r) => setImmediate(r));
    }
    await audit(ctx, trx, actor, {
      action: 'member.import',
      entity: 'member',
      after: { count: ready.length, file: job.fileName },
    });
  });
  // Thousands of new rows change the planner's picture of the table: refresh it now — after a turn
  // of the event loop, so that the COMMIT and the ANALYZE do not hold it in one piece.
  if (ready.length >= 1000) {
    await new Promise<void>((r) => setImmediate(r));
    await ctx.database.optimize(['member']).catch(() => {});
  }
  return ready.length;
}
