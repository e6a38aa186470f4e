/** Shared pieces of the 作风监督 module: settings, codes, masking, lights and scoped look-ups. */
import { createHash, randomInt } from 'node:crypto';
import type { WindowSettings } from '../../../common/contracts/windows.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { notFound } from '../../lib/errors.ts';
import { type Actor, isInPath, pathUpper } from '../../lib/scope.ts';
import { addWorkdays, type WorkCalendar } from '../../lib/workdays.ts';
import { loadRules } from '../tasks/lights.ts';

export const SETTINGS_KEY = 'windows.settings';

/** Defaults from the local rules (work-rules §4.2): 5 working days to handle a 差评 (德州, 城关镇). */
export const DEFAULT_SETTINGS: WindowSettings = {
  caseWorkdays: 5,
  appealWorkdays: 3,
  retentionDays: 30,
  // A hall behind one NAT address shares a source: the per-source limit is generous, the
  // per-device one (a random id the page keeps) is what holds one phone to a couple of ratings.
  untrackedPerSourceDay: 100,
  untrackedPerDeviceDay: 2,
  burstPerMinute: 10,
  hardest: { metric: 'satisfaction', minRatings: 10, count: 3 },
};

/** 线下 second-level indicators of the provincial spec (work-rules §4.1): version 1 of 评价内容. */
export const DEFAULT_QUESTIONS = ['服务效率', '服务水平', '服务态度'];

export async function loadSettings(db: Executor): Promise<WindowSettings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  const v = row ? JSON.parse(row.value) : {};
  return { ...DEFAULT_SETTINGS, ...v, hardest: { ...DEFAULT_SETTINGS.hardest, ...(v.hardest ?? {}) } };
}

export const OPEN_STATUSES = ['待核实', '待回访', '待处置', '待复评', '申诉中'] as const;
export const CLOSED_STATUSES = ['已办结', '申诉成立'] as const;
export const isOpen = (s: string) => (OPEN_STATUSES as readonly string[]).includes(s);

// No 0/O, 1/I/L: codes are read aloud on the phone and typed from paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function randomCode(n: number) {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}
/** Codes are typed by people: case and spaces do not matter. */
export const normCode = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const maskPhone = (p: string | null | undefined) => (p ? `${p.slice(0, 3)}****${p.slice(-4)}` : null);

export const today = (ctx: Ctx) => localDate(ctx.clock.now());
export const monthOf = (d: string) => d.slice(0, 7);
export function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
export function prevMonth(month: string, n = 1) {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

export async function calendar(db: Executor): Promise<WorkCalendar> {
  return (await loadRules(db)).cal;
}

/**
 * The light of a case: red past its due date, yellow on the due date or the working day before,
 * green otherwise; closed cases have none.
 */
export function caseLight(status: string, dueDate: string, todayDate: string, cal: WorkCalendar) {
  if (!isOpen(status)) return 'none' as const;
  if (dueDate < todayDate) return 'red' as const;
  if (dueDate <= addWorkdays(todayDate, 1, cal)) return 'yellow' as const;
  return 'green' as const;
}

/** A window inside the caller's subtree, with its org; 404 otherwise. */
export async function windowInScope(db: Executor, actor: Actor, id: number) {
  const w = await db
    .selectFrom('service_window as w')
    .innerJoin('org_unit as o', 'o.id', 'w.org_id')
    .selectAll('w')
    .select(['o.name as org_name', 'o.path as org_path'])
    .where('w.id', '=', id)
    .executeTakeFirst();
  if (!w || !isInPath(w.org_path, actor.scopePath)) throw notFound('窗口', 'WINDOW_NOT_FOUND');
  return w;
}

/** The org id filter of an optional `orgId` query narrowed to the caller's subtree (404 outside). */
export async function scopePathFor(db: Executor, actor: Actor, orgId?: number) {
  if (!orgId) return actor.scopePath;
  const o = await db.selectFrom('org_unit').select('path').where('id', '=', orgId).executeTakeFirst();
  if (!o || !isInPath(o.path, actor.scopePath)) throw notFound('单位', 'ORG_NOT_FOUND');
  return o.path;
}

export const pathRange = (path: string) => [path, pathUpper(path)] as const;
