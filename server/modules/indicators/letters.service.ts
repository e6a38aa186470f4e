/**
 * 目标责任书: a superior issues one template to each unit of a level; indicator lines become the
 * unit's targets (source 责任书). Both sides sign in the system: the server's time and the
 * signer's account are recorded, never typed. A unit's letter shows live progress per line.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { LetterDetail, LetterIssue, LetterSummary } from '../../../common/contracts/letters.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { getRow } from './registry.service.ts';
import { recomputeWithDependents } from './rollup.ts';

type Item = {
  kind: LetterDetail['lines'][number]['kind'];
  indicatorId: number | null;
  target: number | null;
  text: string;
};

function status(l: { unit_signed_at: string | null; issuer_signed_at: string | null }): LetterSummary['status'] {
  return l.unit_signed_at && l.issuer_signed_at ? '已签订' : l.unit_signed_at ? '单位已签' : '待签';
}
const signedAt = (l: { unit_signed_at: string | null; issuer_signed_at: string | null }) =>
  l.unit_signed_at && l.issuer_signed_at
    ? // biome-ignore lint/complexity/useMathMinMax: ISO instants are strings; Math.max would give NaN
      l.unit_signed_at > l.issuer_signed_at
      ? l.unit_signed_at
      : l.issuer_signed_at
    : null;

/** Issues the same letter to each unit (strictly below the issuer); all or none. */
export async function issue(ctx: Ctx, actor: Actor, b: LetterIssue) {
  for (const id of b.orgIds) {
    const org = await orgInScope(ctx.db, actor, id);
    if (org.path === actor.scopePath) throw badRequest('LETTER_INVALID', '责任书由上级向下级单位下达,不能下达给本单位');
  }
  const items: Item[] = [];
  for (const it of b.items) {
    if (it.kind === '指标') {
      if (!it.indicatorId || it.target == null)
        throw badRequest('LETTER_INVALID', `指标条目「${it.text}」须选择指标并填写全年目标`);
      await getRow(ctx.db, actor, it.indicatorId);
    }
    items.push({
      kind: it.kind,
      indicatorId: it.kind === '指标' ? it.indicatorId! : null,
      target: it.kind === '指标' ? it.target! : null,
      text: it.text.trim(),
    });
  }
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const out: number[] = [];
    const at = nowIso(ctx);
    for (const orgId of [...new Set(b.orgIds)]) {
      const dup = await trx
        .selectFrom('responsibility_letter')
        .select('id')
        .where('org_id', '=', orgId)
        .where('year', '=', b.year)
        .executeTakeFirst();
      if (dup) {
        const o = await trx.selectFrom('org_unit').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
        throw conflict('LETTER_EXISTS', `${o.name}${b.year}年的目标责任书已下达(编号 ${dup.id})`);
      }
      const { id } = await trx
        .insertInto('responsibility_letter')
        .values({
          org_id: orgId,
          issuer_org_id: actor.scopeOrgId,
          year: b.year,
          title: b.title.trim(),
          items_json: JSON.stringify(items),
          status: '待签',
          unit_signed_at: null,
          unit_signer_id: null,
          unit_signer_name: null,
          issuer_signed_at: null,
          issuer_signer_id: null,
          issuer_signer_name: null,
          created_by: actor.userId,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const it of items.filter((x) => x.kind === '指标')) {
        await trx
          .deleteFrom('indicator_target')
          .where('indicator_id', '=', it.indicatorId!)
          .where('org_id', '=', orgId)
          .where('year', '=', b.year)
          .execute();
        await trx
          .insertInto('indicator_target')
          .values({
            indicator_id: it.indicatorId!,
            org_id: orgId,
            year: b.year,
            annual: it.target!,
            months_json: null,
            source: '责任书',
            source_ref: b.title.trim(),
            updated_at: at,
          })
          .execute();
      }
      await audit(ctx, trx, actor, {
        action: 'letter.issue',
        entity: 'responsibility_letter',
        entityId: id,
        after: { orgId, year: b.year, items },
      });
      out.push(id);
    }
    const inds = [...new Set(items.filter((x) => x.indicatorId).map((x) => x.indicatorId!))];
    if (inds.length) await recomputeWithDependents(trx, inds, b.year, localDate(ctx.clock.now()), out);
    return out;
  });
  return { ids };
}

export async function list(ctx: Ctx, actor: Actor, year: number) {
  const rows = await ctx.db
    .selectFrom('responsibility_letter as l')
    .innerJoin('org_unit as o', 'o.id', 'l.org_id')
    .innerJoin('org_unit as i', 'i.id', 'l.issuer_org_id')
    .where('l.year', '=', year)
    .where('o.path', '>=', actor.scopePath)
    .where('o.path', '<', pathUpper(actor.scopePath))
    .select([
      'l.id',
      'l.org_id',
      'o.name',
      'i.name as issuer',
      'l.year',
      'l.title',
      'l.unit_signed_at',
      'l.issuer_signed_at',
    ])
    .orderBy('o.path')
    .execute();
  const items: LetterSummary[] = rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.name,
    issuerOrgName: r.issuer,
    year: r.year,
    title: r.title,
    status: status(r),
    signedAt: signedAt(r),
  }));
  return { items, total: items.length };
}

async function load(db: Executor, actor: Actor, id: number) {
  const l = await db.selectFrom('responsibility_letter').selectAll().where('id', '=', id).executeTakeFirst();
  if (!l) throw notFound('责任书', 'LETTER_NOT_FOUND');
  await orgInScope(db, actor, l.org_id).catch(() => {
    throw notFound('责任书', 'LETTER_NOT_FOUND');
  });
  return l;
}

export async function detail(ctx: Ctx, actor: Actor, id: number): Promise<LetterDetail> {
  const l = await load(ctx.db, actor, id);
  const [org, issuer] = await Promise.all(
    [l.org_id, l.issuer_org_id].map((x) =>
      ctx.db.selectFrom('org_unit').select('name').where('id', '=', x).executeTakeFirstOrThrow(),
    ),
  );
  const items = JSON.parse(l.items_json) as Item[];
  const lines = [];
  for (const it of items) {
    let live = null;
    let unit = null;
    if (it.indicatorId) {
      unit =
        (await ctx.db.selectFrom('indicator').select('unit').where('id', '=', it.indicatorId).executeTakeFirst())
          ?.unit ?? null;
      live = await ctx.db
        .selectFrom('indicator_rollup')
        .selectAll()
        .where('indicator_id', '=', it.indicatorId)
        .where('org_id', '=', l.org_id)
        .where('period', '>=', `${l.year}-01`)
        .where('period', '<=', `${l.year}-12`)
        .where('cum_value', 'is not', null)
        .orderBy('period', 'desc')
        .executeTakeFirst();
    }
    lines.push({
      kind: it.kind,
      text: it.text,
      indicatorId: it.indicatorId,
      target: it.target,
      unit,
      period: live?.period ?? null,
      cumValue: live?.cum_value ?? null,
      completion: live?.completion ?? null,
      pace: live?.pace ?? null,
      light: live?.light ?? null,
    });
  }
  return {
    id: l.id,
    orgId: l.org_id,
    orgName: org.name,
    issuerOrgName: issuer.name,
    year: l.year,
    title: l.title,
    status: status(l),
    signedAt: signedAt(l),
    unitSignedAt: l.unit_signed_at,
    unitSignerName: l.unit_signer_name,
    issuerSignedAt: l.issuer_signed_at,
    issuerSignerName: l.issuer_signer_name,
    lines,
  };
}

/** Signs for the caller's side: the unit's own account signs as 责任单位, a superior as 下达单位. */
export async function sign(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const l = await load(trx, actor, id);
    const side = actor.scopeOrgId === l.org_id ? 'unit' : 'issuer';
    if (side === 'issuer') {
      const issuer = await trx
        .selectFrom('org_unit')
        .select('path')
        .where('id', '=', l.issuer_org_id)
        .executeTakeFirstOrThrow();
      if (!issuer.path.startsWith(actor.scopePath)) throw forbidden('只有责任单位或下达单位可以签署');
    }
    const field = side === 'unit' ? 'unit' : 'issuer';
    if (l[`${field}_signed_at`])
      throw conflict(
        'LETTER_SIGNED',
        `${side === 'unit' ? '责任单位' : '下达单位'}已于${l[`${field}_signed_at`]}签署,不能重复签署`,
      );
    const at = nowIso(ctx);
    const signer = actor.displayName || actor.username;
    const upd =
      side === 'unit'
        ? { unit_signed_at: at, unit_signer_id: actor.userId, unit_signer_name: signer }
        : { issuer_signed_at: at, issuer_signer_id: actor.userId, issuer_signer_name: signer };
    const next = status({ ...l, ...upd });
    await trx
      .updateTable('responsibility_letter')
      .set({ ...upd, status: next })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'letter.sign',
      entity: 'responsibility_letter',
      entityId: id,
      after: { side, at },
    });
    return { side: side === 'unit' ? '责任单位' : '下达单位', signedAt: at, status: next };
  });
}

const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : undefined,
    spacing: { after: 120 },
    children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 28, font: opts.bold ? 'SimHei' : 'FangSong' })],
  });
const cnTime = (iso: string | null) => {
  if (!iso) return '(未签署)';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日 ${d.slice(11, 16)}`;
};

/** The printable letter, with the signature records (who, when: server time). */
export async function docx(ctx: Ctx, actor: Actor, id: number) {
  const d = await detail(ctx, actor, id);
  const kinds = ['指标', '重点任务', '党建'] as const;
  const body: Paragraph[] = [
    p(d.title, { bold: true, size: 36, center: true }),
    p(`责任单位:${d.orgName}    下达单位:${d.issuerOrgName}    年度:${d.year}年`),
  ];
  let n = 0;
  for (const k of kinds) {
    const lines = d.lines.filter((l) => l.kind === k);
    if (!lines.length) continue;
    body.push(
      p(`${['一', '二', '三'][n++]}、${k === '指标' ? '目标指标' : k === '重点任务' ? '重点任务' : '党建工作'}`, {
        bold: true,
      }),
    );
    lines.forEach((l, i) => {
      body.push(p(`${i + 1}. ${l.text}${l.target != null ? `(全年目标:${l.target}${l.unit ?? ''})` : ''}`));
    });
  }
  body.push(p('签署记录', { bold: true }));
  body.push(
    p(`下达单位:${d.issuerOrgName}    签署人账号:${d.issuerSignerName ?? '—'}    签署时间:${cnTime(d.issuerSignedAt)}`),
  );
  body.push(p(`责任单位:${d.orgName}    签署人账号:${d.unitSignerName ?? '—'}    签署时间:${cnTime(d.unitSignedAt)}`));
  body.push(p('(签署时间为落实系统服务器时间,签署人为登录账号,均由系统自动记录。)', { size: 21 }));
  const doc = new Document({ sections: [{ children: body }] });
  return { fileName: `${d.orgName}${d.year}年目标责任书.docx`, data: await Packer.toBuffer(doc) };
}
