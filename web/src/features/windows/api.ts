/** 作风监督 API, typed from the contract (common/contracts/windows*.ts). Query keys start with 'windows'. */
import type { Static } from '@sinclair/typebox';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type * as WS from '../../../../common/contracts/windows-supervision.ts';
import type * as W from '../../../../common/contracts/windows.ts';
import type {
  Activity,
  InspectionCreate,
  InspectionDetail,
  InspectionList,
  InspectionListQuery,
  JobsResult,
  Stats,
  StatsQuery,
  Trend,
} from '../../../../common/contracts/windows-supervision.ts';
import type {
  CaseDetail,
  CaseList,
  CaseListQuery,
  PublicFollowUp,
  PublicRatingBody,
  PublicRatingCreated,
  PublicRerateBody,
  PublicWindow,
  Poster,
  RatingList,
  ResolveBody,
  Tickets,
  WindowCreate,
  WindowDetail,
  WindowList,
  WindowListQuery,
  WindowPatch,
  WindowSettings,
} from '../../../../common/contracts/windows.ts';
import { api, download, type Query } from '../../api/client.ts';

export type { CaseDetail, CaseList, InspectionDetail, Stats, Trend, WindowDetail, WindowSettings };
type StatusOk = Static<typeof W.CaseStatusOk>;
type Converted = Static<typeof W.Converted>;
const q = (x: object) => x as Query;

export const windowsApi = {
  list: (x: WindowListQuery) => api.get<WindowList>('/api/windows', q(x)),
  get: (id: number) => api.get<WindowDetail>(`/api/windows/${id}`),
  create: (b: WindowCreate) => api.post<Created>('/api/windows', b),
  update: (id: number, b: WindowPatch) => api.patch<Ok>(`/api/windows/${id}`, b),
  poster: (id: number) => api.get<Poster>(`/api/windows/${id}/poster`),
  tickets: (id: number, count: number) => api.post<Tickets>(`/api/windows/${id}/tickets`, { count }),
  ratings: (id: number, x: Static<typeof W.RatingListQuery>) => api.get<RatingList>(`/api/windows/${id}/ratings`, q(x)),
  release: (ratingId: number) => api.post<Converted>(`/api/ratings/${ratingId}/release`),
  settings: () => api.get<WindowSettings>('/api/windows-settings'),
  putSettings: (b: Static<typeof W.WindowSettingsPatch>) => api.patch<WindowSettings>('/api/windows-settings', b),
  content: () => api.get<Static<typeof W.RatingContentList>>('/api/rating-content'),
  addContent: (b: Static<typeof W.RatingContentCreate>) => api.post<Created>('/api/rating-content', b),
};

export const casesApi = {
  list: (x: CaseListQuery) => api.get<CaseList>('/api/rating-cases', q(x)),
  get: (id: number) => api.get<CaseDetail>(`/api/rating-cases/${id}`),
  phone: (id: number) => api.get<Static<typeof W.CasePhone>>(`/api/rating-cases/${id}/phone`),
  verify: (id: number, note: string) => api.post<StatusOk>(`/api/rating-cases/${id}/verify`, { note }),
  callback: (id: number, b: Static<typeof W.CallbackBody>) => api.post<StatusOk>(`/api/rating-cases/${id}/callback`, b),
  resolve: (id: number, b: ResolveBody) => api.post<StatusOk>(`/api/rating-cases/${id}/resolve`, b),
  close: (id: number, note?: string) => api.post<StatusOk>(`/api/rating-cases/${id}/close`, note ? { note } : {}),
  appeal: (id: number, reason: string) => api.post<StatusOk>(`/api/rating-cases/${id}/appeal`, { reason }),
  decide: (id: number, b: Static<typeof W.AppealDecisionBody>) =>
    api.post<StatusOk>(`/api/rating-cases/${id}/appeal-decision`, b),
};

export const statsApi = {
  stats: (x: StatsQuery) => api.get<Stats>('/api/windows/stats', q(x)),
  trend: (x: Static<typeof WS.TrendQuery>) => api.get<Trend>('/api/windows/trend', q(x)),
  report: (month: string) => download('/api/windows/report.docx', { month }, `${month}好差评情况通报.docx`),
  interviews: (x: Static<typeof WS.InterviewListQuery>) =>
    api.get<Static<typeof WS.InterviewList>>('/api/window-interviews', q(x)),
  runInterviews: (month: string) => api.post<JobsResult>('/api/window-interviews/run', { month }),
  recordInterview: (id: number, b: Static<typeof WS.InterviewRecordBody>) =>
    api.post<Ok>(`/api/window-interviews/${id}/record`, b),
  runJobs: () => api.post<JobsResult>('/api/windows/jobs/run'),
};

export const inspectionsApi = {
  list: (x: InspectionListQuery) => api.get<InspectionList>('/api/inspections', q(x)),
  get: (id: number) => api.get<InspectionDetail>(`/api/inspections/${id}`),
  create: (b: InspectionCreate) => api.post<Created>('/api/inspections', b),
  toCase: (id: number) => api.post<Converted>(`/api/inspections/${id}/case`),
  toRectification: (id: number, b: Static<typeof WS.ToRectificationBody>) =>
    api.post<Converted>(`/api/inspections/${id}/rectification`, b),
  notice: (id: number, b: Static<typeof WS.NoticeBody>) => api.post<Converted>(`/api/inspections/${id}/notice`, b),
  noticeDocx: (id: number, no: string) =>
    download(`/api/inspections/${id}/notice.docx`, undefined, `整改通知书-${no}.docx`),
  photo: (id: number, photoId: number, name: string) =>
    download(`/api/inspections/${id}/photos/${photoId}`, undefined, name),
  activity: (month: string) => api.get<Activity>('/api/inspections/activity', { month }),
};

/** The public page's calls (no session; quietAuth keeps a 401 from redirecting a citizen to the login page). */
export const publicApi = {
  window: (code: string) =>
    api.get<PublicWindow>(`/api/public/windows/${encodeURIComponent(code)}`, undefined, { quietAuth: true }),
  rate: (b: PublicRatingBody) => api.post<PublicRatingCreated>('/api/public/ratings', b, { quietAuth: true }),
  followUp: (code: string) =>
    api.get<PublicFollowUp>(`/api/public/followups/${encodeURIComponent(code)}`, undefined, { quietAuth: true }),
  rerate: (b: PublicRerateBody) => api.post<StatusOk>('/api/public/rerate', b, { quietAuth: true }),
};

export const LIGHT_COLORS = { red: '#cf1322', yellow: '#d48806', green: '#389e0d', none: '#8c8c8c' } as const;
export const LIGHT_LABELS = { red: '逾期', yellow: '临期', green: '正常', none: '已结束' } as const;
export const thisMonth = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.toISOString().slice(0, 7);
};
