/**
 * The fictional 示范县, built in memory from a seed: pure and deterministic (same seed and sizes →
 * the same orgs, names and ID numbers, byte for byte), so benches and tests can rely on it.
 * generate.ts writes the result to a database.
 */
import { idCheckDigit } from '../../../common/idcard.ts';
import {
  COMMUNITY_NAMES,
  COMMON_CHARS,
  DEPARTMENTS,
  ETHNICITIES,
  FEMALE_CHARS,
  MALE_CHARS,
  SURNAMES,
  TOWN_NAMES,
  VILLAGE_PREFIX,
  VILLAGE_SUFFIX,
} from './names.ts';

export interface CountyOptions {
  seed?: number;
  /** Townships and streets (街道: the last fifth). Default 15. */
  townships?: number;
  /** Members in the whole county. Default 50,000. */
  membersTarget?: number;
  /** Average villages/communities per township (each varies ±3). Default 17. */
  villagesPerTownship?: number;
  /** County departments (from the built-in list, max 42). Default 42. */
  departments?: number;
  /** The "today" all generated dates respect (fixed so output does not depend on the clock). */
  asOf?: string;
}

export interface OrgRow {
  id: number;
  code: string;
  name: string;
  short_name: string | null;
  type: string;
  parent_id: number | null;
  path: string;
  depth: number;
  sort_order: number;
  secretary_member_id: number | null;
}
export interface MemberRow {
  id: number;
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  birth_date: string;
  id_number: string;
  phone: string;
  education: string;
  org_id: number;
  join_date: string;
  full_date: string | null;
  member_type: '正式' | '预备';
  category: string;
}
type Kind = 'village' | 'community' | 'dept' | 'town';
export interface BuiltCounty {
  orgs: OrgRow[];
  members: MemberRow[];
  countyId: number;
  towns: { id: number; name: string }[];
  /** The member behind the demo-member account (first member of township A's first village). */
  demoMemberId: number;
}

/** mulberry32: tiny, fast, good enough for fake data; the same seed gives the same stream. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function buildCounty(opts: CountyOptions = {}): BuiltCounty {
  const rnd = mulberry32(opts.seed ?? 1);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[] | string) => xs[Math.floor(rnd() * xs.length)] as T;
  const weighted = <T>(xs: [T, number][]) => {
    let total = 0;
    for (const [, w] of xs) total += w;
    let r = rnd() * total;
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1][0];
  };
  const townships = opts.townships ?? 15;
  const perTown = opts.villagesPerTownship ?? 17;
  const asOf = opts.asOf ?? '2025-12-31';
  const asOfYear = Number(asOf.slice(0, 4));

  const orgs: OrgRow[] = [];
  const branches: { id: number; kind: Kind; weight: number; region: string }[] = [];
  const byId = new Map<number, OrgRow>();
  const kids = new Map<number, number>();
  const add = (parent: OrgRow | null, code: string, name: string, type: string, shortName: string | null = null) => {
    const id = orgs.length + 1;
    const o: OrgRow = {
      id,
      code,
      name,
      short_name: shortName,
      type,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      sort_order: parent ? (kids.get(parent.id) ?? 0) + 1 : 0,
      secretary_member_id: null,
    };
    orgs.push(o);
    byId.set(id, o);
    if (parent) kids.set(parent.id, o.sort_order);
    return o;
  };
  const branch = (o: OrgRow, kind: Kind, region: string, weight = 1) =>
    branches.push({ id: o.id, kind, region, weight: weight * (0.5 + rnd()) });
  const groups = (b: OrgRow, prefix: string, p: number) => {
    if (rnd() >= p) return;
    const n = int(2, 3);
    for (let g = 1; g <= n; g++) add(b, `${b.code}-G${g}`, `${prefix}第${NUM[g - 1]}党小组`, '党小组');
  };

  const county = add(null, 'SFX', '中共示范县委员会', '党委', '示范县委');
  const gw = add(county, 'SFX-JGGW', '中共示范县直属机关工作委员会', '机关工委', '县直机关工委');

  // Townships first (they are what most accounts are scoped to), then county departments.
  const towns: { id: number; name: string }[] = [];
  const streetFrom = townships - Math.floor(townships / 5);
  for (let t = 0; t < townships; t++) {
    const base =
      TOWN_NAMES[t % TOWN_NAMES.length] + (t >= TOWN_NAMES.length ? String(Math.floor(t / TOWN_NAMES.length) + 1) : '');
    const street = t >= streetFrom;
    const tc = `SFX-T${pad(t + 1)}`;
    const region = `99${pad(11 + (t % 80))}21`;
    const label = street ? `${base}街道` : `${base}镇`;
    const town = street
      ? add(county, tc, `中共示范县${base}街道工作委员会`, '党工委', `${label}党工委`)
      : add(county, tc, `中共示范县${base}镇委员会`, '党委', `${label}党委`);
    towns.push({ id: town.id, name: town.short_name! });
    add(
      town,
      `${tc}-ZF`,
      street ? `示范县${base}街道办事处` : `示范县${base}镇人民政府`,
      '政府单位',
      street ? `${label}办事处` : `${label}政府`,
    );
    const jg = add(town, `${tc}-JG`, `中共${label}机关支部委员会`, '党支部', `${label}机关党支部`);
    branch(jg, 'town', region, 1.2);
    groups(jg, `${label}机关`, 0.8);
    if (!street) {
      for (const [k, nm] of [
        ['XX', '中心学校'],
        ['WSY', '卫生院'],
      ] as const) {
        const b = add(town, `${tc}-${k}`, `中共${label}${nm}支部委员会`, '党支部', `${label}${nm}党支部`);
        branch(b, 'dept', region, 0.6);
      }
    }
    const nv = Math.max(1, perTown + int(-3, 3));
    const used = new Set<string>();
    for (let v = 1; v <= nv; v++) {
      const community = street || v === 1;
      let vn: string;
      do vn = community ? pick(COMMUNITY_NAMES) : pick(VILLAGE_PREFIX) + pick(VILLAGE_SUFFIX);
      while (used.has(vn) && used.size < 300);
      used.add(vn);
      const place = community ? `${vn}社区` : `${vn}村`;
      const vc = `${tc}-V${pad(v)}`;
      const kind: Kind = community ? 'community' : 'village';
      let top: OrgRow;
      if (rnd() < 0.45) {
        top = add(town, vc, `中共${label}${place}总支部委员会`, '党总支', `${place}党总支`);
        const nb = int(2, 5);
        for (let b = 1; b <= nb; b++) {
          const br = add(
            top,
            `${vc}-B${b}`,
            `中共${label}${place}第${NUM[b - 1]}支部委员会`,
            '党支部',
            `${place}第${NUM[b - 1]}党支部`,
          );
          branch(br, kind, region);
          groups(br, `${place}第${NUM[b - 1]}支部`, 0.7);
        }
      } else {
        top = add(town, vc, `中共${label}${place}支部委员会`, '党支部', `${place}党支部`);
        branch(top, kind, region, 1.6);
        groups(top, place, 0.7);
      }
      const ng = community ? int(4, 8) : int(3, 6);
      for (let g = 1; g <= ng; g++) add(top, `${vc}-W${g}`, `${place}第${g}网格`, '网格');
    }
  }

  const ndept = Math.min(opts.departments ?? DEPARTMENTS.length, DEPARTMENTS.length);
  for (let d = 0; d < ndept; d++) {
    const [name, code, dangzu] = DEPARTMENTS[d];
    const dc = `SFX-D-${code}`;
    const unit = add(county, dc, `示范${name}`, '政府单位', name);
    const bare = name.startsWith('县') ? name.slice(1) : name;
    if (dangzu) add(unit, `${dc}-DZ`, `中共示范县${bare}党组`, '党组', `${name}党组`);
    const big = ['县教育局', '县卫生健康局', '县公安局', '县农业农村局'].includes(name);
    if (big) {
      const zz = add(gw, `${dc}-JG`, `中共示范${name}机关总支部委员会`, '党总支', `${name}机关党总支`);
      const nb = int(2, 3);
      for (let b = 1; b <= nb; b++) {
        const br = add(
          zz,
          `${dc}-JG-B${b}`,
          `中共示范${name}机关第${NUM[b - 1]}支部委员会`,
          '党支部',
          `${name}机关第${NUM[b - 1]}党支部`,
        );
        branch(br, 'dept', '990100');
        groups(br, `${name}机关第${NUM[b - 1]}支部`, 0.5);
      }
    } else {
      const br = add(gw, `${dc}-JG`, `中共示范${name}机关支部委员会`, '党支部', `${name}机关党支部`);
      branch(br, 'dept', '990100', 1.3);
      groups(br, `${name}机关`, 0.4);
    }
  }

  // Members: each branch gets a share of the target proportional to its weight.
  const target = opts.membersTarget ?? 50_000;
  const W = branches.reduce((s, b) => s + b.weight, 0);
  const counts = branches.map((b) => Math.floor((target * b.weight) / W));
  let rest = target - counts.reduce((s, n) => s + n, 0);
  for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i]++;

  const members: MemberRow[] = [];
  const seqs = new Map<string, number>();
  const CATS: Record<Kind, [string, number][]> = {
    village: [
      ['生产一线', 58],
      ['流动', 15],
      ['退役军人', 8],
      ['离退休', 13],
      ['在职', 6],
    ],
    community: [
      ['离退休', 42],
      ['在职', 22],
      ['流动', 10],
      ['退役军人', 10],
      ['生产一线', 16],
    ],
    dept: [
      ['在职', 74],
      ['离退休', 19],
      ['退役军人', 7],
    ],
    town: [
      ['在职', 80],
      ['离退休', 12],
      ['退役军人', 8],
    ],
  };
  const BIRTH: Record<string, [number, number]> = {
    离退休: [1936, 1966],
    在职: [1966, 2001],
    生产一线: [1946, 2000],
    流动: [1972, 2002],
    退役军人: [1950, 2001],
  };
  const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
  const shift = (date: string, days: number) => new Date(Date.parse(date) + days * 86400000).toISOString().slice(0, 10);

  const educationFor = (kind: Kind, by: number) => {
    if (kind === 'dept' || kind === 'town')
      return weighted([
        ['研究生', by > 1975 ? 12 : 3],
        ['大学本科', 55],
        ['大学专科', 22],
        ['中专', 6],
        ['高中', 5],
      ]);
    if (by < 1955)
      return weighted([
        ['小学及以下', 45],
        ['初中', 35],
        ['高中', 15],
        ['中专', 5],
      ]);
    if (by < 1975)
      return weighted([
        ['小学及以下', 10],
        ['初中', 45],
        ['高中', 28],
        ['中专', 9],
        ['大学专科', 6],
        ['大学本科', 2],
      ]);
    return weighted([
      ['初中', 20],
      ['高中', 25],
      ['中专', 12],
      ['大学专科', 25],
      ['大学本科', 16],
      ['研究生', 2],
    ]);
  };
  const nameFor = (gender: '男' | '女') => {
    const sur = weighted(SURNAMES);
    const pool = gender === '男' ? MALE_CHARS : FEMALE_CHARS;
    const two = rnd() < 0.72;
    const first = two && rnd() < 0.35 ? pick(COMMON_CHARS) : pick(pool);
    return sur + first + (two ? pick(pool) : '');
  };
  // ID = region(6) + birth(8) + sequence(3, last digit odd for men) + check; a counter per
  // region+birth date guarantees uniqueness; a full day spills into a sibling region code.
  const idFor = (region: string, birth: string, gender: '男' | '女') => {
    for (let r = 0; ; r++) {
      const reg = r === 0 ? region : region.slice(0, 4) + pad((Number(region.slice(4)) + r) % 100);
      const key = `${reg}${birth}${gender}`;
      const k = seqs.get(key) ?? 0;
      if (k >= 500) continue;
      // k-th person of this region+birth date → a unique slot starting at a per-key offset and
      // stepping by 193 (coprime with 500), so the last four digits vary like real ones.
      let h = 0;
      for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) % 500;
      const seq = ((h + k * 193) % 500) * 2 + (gender === '男' ? 1 : 0);
      seqs.set(key, k + 1);
      const first17 = `${reg}${birth.replace(/-/g, '')}${pad(seq, 3)}`;
      return first17 + idCheckDigit(first17);
    }
  };

  branches.forEach((b, bi) => {
    for (let i = 0; i < counts[bi]; i++) {
      const category = weighted(CATS[b.kind]);
      const gender: '男' | '女' = rnd() < (b.kind === 'dept' || b.kind === 'town' ? 0.62 : 0.74) ? '男' : '女';
      const [lo, hi] = BIRTH[category];
      const by = int(lo, Math.min(hi, asOfYear - 19));
      const bm = int(1, 12);
      const birth = iso(by, bm, int(1, daysIn(by, bm)));
      const probationary = by <= asOfYear - 20 && category !== '离退休' && rnd() < 0.035;
      let join: string, full: string | null;
      if (probationary) {
        join = shift(asOf, -int(20, 330));
        full = null;
      } else {
        const age = category === '在职' ? int(21, 35) : int(19, 45);
        const jy = Math.min(by + age, asOfYear - 2);
        const jm = int(1, 12);
        join = iso(jy, jm, int(1, daysIn(jy, jm)));
        if (join < shift(birth, 18 * 366)) join = shift(birth, 18 * 366);
        full = shift(join, 365 + int(0, 30));
      }
      members.push({
        id: members.length + 1,
        name: nameFor(gender),
        gender,
        ethnicity: weighted(ETHNICITIES),
        birth_date: birth,
        id_number: idFor(b.region, birth, gender),
        phone: `1${pick('35789')}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
        education: educationFor(b.kind, by),
        org_id: b.id,
        join_date: join,
        full_date: full,
        member_type: probationary ? '预备' : '正式',
        category,
      });
      if (i === 0) byId.get(b.id)!.secretary_member_id = members.length;
    }
  });
  // A township committee's secretary: the first member of its 机关党支部.
  for (const t of towns) {
    const jg = orgs.find((o) => o.parent_id === t.id && o.code.endsWith('-JG'));
    byId.get(t.id)!.secretary_member_id = jg?.secretary_member_id ?? null;
  }
  const firstVillage = orgs.find(
    (o) => o.path.startsWith(byId.get(towns[0].id)!.path) && o.type === '党支部' && /-V\d+/.test(o.code),
  );
  const demoMember = members.find((m) => m.org_id === firstVillage?.id) ?? members[0];
  return { orgs, members, countyId: county.id, towns, demoMemberId: demoMember?.id ?? 0 };
}
