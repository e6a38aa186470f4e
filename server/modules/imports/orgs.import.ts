/**
 * Org sheet: each row names its parent by code: an existing node in the caller's subtree or a row
 * further up the same sheet (so a whole township can be imported top-down in one file).
 */
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Actor } from '../../lib/scope.ts';
import { ORG_COLUMNS } from './columns.ts';
import type { ImportJob, RowError } from './jobs.ts';
import { type ScopeOrg, dbDuplicates, tick } from './lookups.ts';
import { textCell, type SheetRow } from './xlsx.ts';
import { EXAMPLE_ORG_NAMES, EXAMPLE_ROW_MESSAGE } from './templates.ts';

const header = (key: string) => ORG_COLUMNS.find((c) => c.key === key)!.header;
/** The same rule as the org API's code field (orgs.routes.ts). */
const CODE_RE = /^[A-Za-z0-9_-]{1,40}$/;

export interface OrgDraft {
  row: number;
  code: string;
  name: string;
  shortName: string | null;
  type: string;
  parentCode: string;
  sortOrder: number;
}

export async function validateOrgRows(
  ctx: Ctx,
  rows: SheetRow[],
  cols: Map<string, number>,
  orgs: Map<string, ScopeOrg>,
  job: ImportJob,
) {
  const errors: RowError[] = [];
  const ready: OrgDraft[] = [];
  const sheetRow = new Map<string, number>();
  for (const { row, cells } of rows) {
    const code = textCell(cols.has('code') ? (cells[cols.get('code')! - 1] ?? null) : null);
    if (code && !sheetRow.has(code)) sheetRow.set(code, row);
  }
  for (let i = 0; i < rows.length; i++) {
    const { row, cells } = rows[i];
    const before = errors.length;
    const err = (key: string, message: string) => errors.push({ row, column: header(key), message });
    const str = (key: string) => textCell(cols.has(key) ? (cells[cols.get(key)! - 1] ?? null) : null);
    for (const c of ORG_COLUMNS) if (c.required && str(c.key) == null) err(c.key, `「${c.header}」不能为空`);
    const code = str('code'),
      name = str('name'),
      shortName = str('shortName'),
      type = str('type'),
      parentCode = str('parentCode');
    if (code && !CODE_RE.test(code)) err('code', '「组织编码」只能包含字母、数字、下划线和连字符,且不超过 40 个字符');
    else if (code && sheetRow.get(code) !== row) err('code', `与第 ${sheetRow.get(code)} 行的组织编码重复`);
    if (name && EXAMPLE_ORG_NAMES.includes(name)) err('name', EXAMPLE_ROW_MESSAGE);
    if (name && name.length > 100) err('name', '「组织名称」不能超过 100 个字');
    if (shortName && shortName.length > 50) err('shortName', '「简称」不能超过 50 个字');
    const typeCol = ORG_COLUMNS.find((c) => c.key === 'type')!;
    if (type && !typeCol.options!.includes(type))
      err('type', `「组织类型」应为以下之一:${typeCol.options!.join('、')}`);
    if (parentCode) {
      const inSheet = sheetRow.get(parentCode);
      const existing = orgs.get(parentCode);
      if (inSheet !== undefined && !existing) {
        if (inSheet >= row)
          err('parentCode', `上级组织「${parentCode}」须在本行之前(第 ${inSheet} 行)定义,请调整行的顺序`);
      } else if (!existing) err('parentCode', '组织编码不存在或不在管辖范围内');
      else if (existing.status !== '正常') err('parentCode', `上级组织「${existing.name}」已撤销`);
      if (parentCode === code) err('parentCode', '上级组织不能是本组织');
    }
    let sortOrder = 0;
    const so = cols.has('sortOrder') ? (cells[cols.get('sortOrder')! - 1] ?? null) : null;
    if (so != null) {
      sortOrder = Number(so);
      if (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 100000)
        err('sortOrder', '「排序号」应为 0–100000 的整数');
    }
    if (errors.length === before)
      ready.push({ row, code: code!, name: name!, shortName, type: type!, parentCode: parentCode!, sortOrder });
    job.processed = i + 1;
    await tick(i);
  }
  const taken = await dbDuplicates(
    ctx,
    'org_unit',
    'code',
    [...sheetRow.keys()].filter((c) => CODE_RE.test(c)),
  );
  for (const code of taken)
    errors.push({ row: sheetRow.get(code)!, column: header('code'), message: `组织编码「${code}」已被使用` });
  errors.sort((a, b) => a.row - b.row);
  return { errors, ready };
}

/** Creates the nodes top-down in one transaction, with their history rows and ONE audit row. */
export async function insertOrgs(
  ctx: Ctx,
  actor: Actor,
  drafts: OrgDraft[],
  orgs: Map<string, ScopeOrg>,
  job: ImportJob,
) {
  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const created = new Map<string, { id: number; path: string; depth: number }>();
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i];
      const parent = created.get(d.parentCode) ?? orgs.get(d.parentCode)!;
      const r = await trx
        .insertInto('org_unit')
        .values({
          code: d.code,
          name: d.name,
          short_name: d.shortName,
          type: d.type,
          parent_id: parent.id,
          path: 'pending',
          depth: parent.depth + 1,
          secretary_member_id: null,
          sort_order: d.sortOrder,
          status: '正常',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parent.path}${r.id}/`;
      await trx.updateTable('org_unit').set({ path }).where('id', '=', r.id).execute();
      created.set(d.code, { id: r.id, path, depth: parent.depth + 1 });
      job.processed = i + 1;
      if (i % 200 === 199) await new Promise<void>((res) => setImmediate(res));
    }
    const hist = drafts.map((d) => ({
      org_id: created.get(d.code)!.id,
      action: '新建',
      detail: `批量导入(${job.fileName})`,
      actor_id: actor.userId,
      at: now,
    }));
    for (let i = 0; i < hist.length; i += 500)
      await trx
        .insertInto('org_history')
        .values(hist.slice(i, i + 500))
        .execute();
    await audit(ctx, trx, actor, {
      action: 'org.import',
      entity: 'org_unit',
      after: { count: drafts.length, file: job.fileName },
    });
  });
  return drafts.length;
}
