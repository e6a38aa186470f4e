/**
 * Matches unit names as a speech writes them (组织部, 县财政局, 各镇, 各乡镇党委) to org-tree nodes of
 * the caller's scope. Pure: takes the org list, returns ids. Ambiguity resolves to the shallowest,
 * then shortest name; no match returns [] (the reviewer picks from the tree).
 */
export interface OrgLite {
  id: number;
  name: string;
  shortName: string | null;
  type: string;
  depth: number;
}

const PARTY_TYPES = new Set(['党委', '党工委']);
const PREFIX =
  /^(?:中共)?(?:[\u4e00-\u9fa5]{2,4}?)?(?:县委|县政府|县直|区委|区直|市委|市直)|^县(?=[\u4e00-\u9fa5]{2})|^(?:中共)?[\u4e00-\u9fa5]{2,4}?县(?=[\u4e00-\u9fa5]{2})/;
const SUFFIX = /(?:党委|党组|党工委|党总支|党支部)$/;

/** Core of a name: without the county prefix and the Party-organ suffix (县委组织部 → 组织部). */
export function core(name: string) {
  let s = name.replace(/\s+/g, '').replace(/[((].*?[))]/g, '');
  const stripped = s.replace(SUFFIX, '');
  if (stripped.length >= 2) s = stripped;
  const m = PREFIX.exec(s);
  if (m && s.length - m[0].length >= 2) s = s.slice(m[0].length);
  return s;
}

const isTownship = (o: OrgLite) => PARTY_TYPES.has(o.type) && /(镇|乡|街道)/.test(o.name);
const isStreet = (o: OrgLite) => PARTY_TYPES.has(o.type) && /街道/.test(o.name);
const isCommittee = (o: OrgLite) => PARTY_TYPES.has(o.type) || o.type === '党组' || o.type === '机关工委';

/** Short forms speeches use for department names (and renamed offices: 扶贫办 → 乡村振兴局). */
const EXPANSIONS: [RegExp, string][] = [
  [/发改/, '发展和改革'],
  [/住建|建设(?=部门|局)/, '住房和城乡建设'],
  [/人社/, '人力资源和社会保障'],
  [/农牧|农业(?=部门)/, '农业农村'],
  [/卫健|卫生(?=部门)/, '卫生健康'],
  [/文旅/, '文化和旅游'],
  [/市场监管/, '市场监督管理'],
  [/工信/, '工业和信息化'],
  [/医保/, '医疗保障'],
  [/扶贫(?:办|局|部门)/, '乡村振兴局'],
  [/应急(?=部门)/, '应急管理'],
  [/自然资源(?=部门)/, '自然资源'],
  [/交通(?=部门)/, '交通运输'],
];
const expand = (s: string) => EXPANSIONS.reduce((x, [re, to]) => x.replace(re, to), s);
const minDepth = (xs: OrgLite[]) => xs.filter((o) => o.depth === Math.min(...xs.map((x) => x.depth)));

export function makeMatcher(orgs: OrgLite[]) {
  const byName = new Map<string, OrgLite>();
  for (const o of orgs) {
    byName.set(o.name, o);
    if (o.shortName) byName.set(o.shortName, o);
  }
  const topTownships = minDepth(orgs.filter(isTownship));
  const topStreets = minDepth(orgs.filter(isStreet));
  const topCommittees = minDepth(orgs.filter(isCommittee));
  const departments = orgs.filter((o) => o.type === '政府单位' || o.type === '党组');
  const minDeptDepth = Math.min(...departments.map((o) => o.depth));

  return function match(raw: string): number[] {
    const text = raw.replace(/\s+/g, '');
    if (!text) return [];
    // Collective names: 各镇 / 各乡镇 / 各镇(街道) / 各乡镇党委 / 镇街 → every township Party committee.
    if (/^(?:各|每个|全县各?)?(?:乡镇|镇|镇街|乡)/.test(text) && /各|每个|镇街|全县/.test(text))
      return topTownships.map((o) => o.id);
    if (/^(?:各|每个)?街道(?:党工委|层面)?$/.test(text)) return topStreets.map((o) => o.id);
    if (/^(?:各|每个|全县各?)(?:基层)?党委/.test(text)) return topCommittees.map((o) => o.id);
    if (/^(?:县直)?各(?:部门|单位)|^县直各?(?:部门|单位)/.test(text))
      return departments.filter((o) => o.depth === minDeptDepth).map((o) => o.id);
    const exact = byName.get(text);
    if (exact) return [exact.id];
    const c = core(expand(text));
    // 民政部门 → 县民政局: a department named by its field.
    if (/部门$/.test(c) && c.length > 2) {
      const stem = c.replace(/部门$/, '');
      const hit = orgs.filter(
        (o) => o.type === '政府单位' && [o.name, o.shortName].some((n) => n && core(n).startsWith(stem)),
      );
      if (hit.length) return [hit.sort((a, b) => a.depth - b.depth || a.name.length - b.name.length)[0].id];
    }
    const cands = orgs.filter((o) => {
      const oc = core(o.name);
      return oc === c || (c.length >= 2 && o.name.endsWith(text)) || (o.shortName != null && core(o.shortName) === c);
    });
    if (!cands.length) return [];
    cands.sort((a, b) => a.depth - b.depth || a.name.length - b.name.length || a.id - b.id);
    return [cands[0].id];
  };
}
