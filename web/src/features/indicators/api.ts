/** 指标调度: typed calls over the one fetch client; types come from the contract. */
import type {
  Cockpit,
  FigureOptions,
  Grid,
  GridSave,
  IndicatorDetail,
  IndicatorInput,
  IndicatorList,
  Ranking,
  Rates,
  ReportList,
  TargetInput,
  TargetList,
  UnlockBody,
  ValueList,
} from '../../../../common/contracts/indicators.ts';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import { api, download } from '../../api/client.ts';

export const keys = {
  all: ['indicators'] as const,
  list: () => ['indicators', 'list'] as const,
  detail: (id: number) => ['indicators', 'detail', id] as const,
  cockpit: (orgId: number | undefined, period: string) => ['indicators', 'cockpit', orgId, period] as const,
  grid: (orgId: number, period: string) => ['indicators', 'grid', orgId, period] as const,
};

export const listIndicators = () => api.get<IndicatorList>('/api/indicators');
export const getIndicator = (id: number) => api.get<IndicatorDetail>(`/api/indicators/${id}`);
export const createIndicator = (b: IndicatorInput) => api.post<Created>('/api/indicators', b);
export const updateIndicator = (id: number, b: IndicatorInput) => api.patch<Ok>(`/api/indicators/${id}`, b);
export const figureOptions = () => api.get<FigureOptions>('/api/indicators/figures');
export const getTargets = (id: number, year: number) => api.get<TargetList>(`/api/indicators/${id}/targets`, { year });
export const setTarget = (id: number, b: TargetInput) => api.post<Ok>(`/api/indicators/${id}/targets`, b);
export const getValues = (id: number, year: number, orgId?: number) =>
  api.get<ValueList>(`/api/indicators/${id}/values`, { year, orgId });
export const getRanking = (id: number, period: string, orgId?: number) =>
  api.get<Ranking>(`/api/indicators/${id}/ranking`, { period, orgId });
export const getCockpit = (period: string, orgId?: number) =>
  api.get<Cockpit>('/api/indicators/cockpit', { period, orgId });
export const downloadDispatch = (period: string, orgId?: number) =>
  download('/api/indicators/dispatch.xlsx', { period, orgId }, `指标调度表-${period}.xlsx`);

const G = (orgId: number, period: string) => `/api/indicator-reports/${orgId}/${period}`;
export const getGrid = (orgId: number, period: string) => api.get<Grid>(G(orgId, period));
export const saveGrid = (orgId: number, period: string, b: GridSave) => api.post<Ok>(G(orgId, period), b);
export const submitGrid = (orgId: number, period: string) => api.post<Ok>(`${G(orgId, period)}/submit`);
export const approveGrid = (orgId: number, period: string) => api.post<Ok>(`${G(orgId, period)}/approve`);
export const returnGrid = (orgId: number, period: string, reason: string) =>
  api.post<Ok>(`${G(orgId, period)}/return`, { reason });
export const unlockGrid = (orgId: number, period: string, b: UnlockBody) =>
  api.post<Created>(`${G(orgId, period)}/unlock`, b);
export const downloadTemplate = (orgId: number, period: string) =>
  download(`${G(orgId, period)}/template.xlsx`, undefined, `指标填报-${period}.xlsx`);
export const uploadGrid = (orgId: number, period: string, file: File) => {
  const f = new FormData();
  f.append('file', file);
  return api.upload<Ok>(`${G(orgId, period)}/upload`, f);
};
export const listReports = (period: string, orgId?: number) =>
  api.get<ReportList>('/api/indicator-reports', { period, orgId });
export const getRates = (year: number, orgId?: number) =>
  api.get<Rates>('/api/indicator-reports/rates', { year, orgId });

/** Last month, `YYYY-MM` (the month being reported now). */
export function currentPeriod() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
export const fmtPeriod = (p: string) => `${p.slice(0, 4)}年${p.slice(5, 7)}月`;
export const fmtNum = (v: number | null | undefined, digits = 2) =>
  v == null
    ? '—'
    : Number.isInteger(v)
      ? v.toLocaleString('zh-CN')
      : v.toLocaleString('zh-CN', { maximumFractionDigits: digits });
export const LIGHT_COLOR = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' } as const;
export const LIGHT_TEXT = { green: '绿灯', yellow: '黄灯', red: '红灯' } as const;

/** Splits text pasted from Excel (tab-separated rows) into the first numeric column's cells. */
export function parsePaste(text: string): string[][] {
  return text
    .replace(/\r/g, '')
    .split('\n')
    .filter((l, i, a) => l.length > 0 || i < a.length - 1)
    .map((l) => l.split('\t'));
}
