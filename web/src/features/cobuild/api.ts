/**
 * 共驻共建 API, typed from the contract (common/contracts/cobuild*.ts). Query keys start with
 * 'cobuild': a mutation invalidates ['cobuild'] and every page refreshes what it shows.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type * as C from '../../../../common/contracts/cobuild.ts';
import type * as S from '../../../../common/contracts/cobuild-service.ts';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import { api, download, request, type Query } from '../../api/client.ts';

type T<X extends TSchema> = Static<X>;
export type Community = T<typeof C.Community>;
export type Registration = T<typeof C.Registration>;
export type RegistrationDetail = C.RegistrationDetail;
export type Roster = T<typeof C.Roster>;
export type UnitRate = T<typeof C.UnitRate>;
export type Need = T<typeof C.Need>;
export type Claim = T<typeof C.Claim>;
export type Resource = T<typeof C.Resource>;
export type Project = T<typeof C.Project>;
export type Activity = T<typeof S.Activity>;
export type ActivityDetail = T<typeof S.ActivityDetail>;
export type Pending = T<typeof S.PendingVerification>;
export type PointLedger = T<typeof S.PointLedger>;
export type RuleVersion = T<typeof S.RuleVersion>;
export type PointRules = S.PointRules;
export type Veto = T<typeof S.Veto>;
export type Ranking = T<typeof S.Rankings>;
export type Letter = T<typeof S.Letter>;
export type LetterDetail = T<typeof S.LetterDetail>;
export type Bulletin = T<typeof S.Bulletin>;
export type Overview = S.Overview;
export type MyCobuild = T<typeof S.MyCobuild>;
export type Settings = S.Settings;
export type ScanResult = T<typeof S.ScanResult>;

const q = (x: object | undefined) => x as Query | undefined;
/** Every cobuild query key starts here: a change refreshes them all. */
export const cobuildKeys = { all: ['cobuild'] as const };

export const cobuildApi = {
  communities: (f?: T<typeof C.CommunityQuery>) => api.get<T<typeof C.CommunityList>>('/api/cobuild/communities', q(f)),
  candidates: () => api.get<T<typeof C.CandidateList>>('/api/cobuild/communities/candidates'),
  registerCommunities: (b: C.RegisterCommunities) => api.post<T<typeof C.Count>>('/api/cobuild/communities', b),
  updateCommunity: (id: number, b: C.UpdateCommunity) => api.patch<Ok>(`/api/cobuild/communities/${id}`, b),
  settings: () => api.get<Settings>('/api/cobuild/settings'),
  putSettings: (b: S.SettingsBody) => request<Settings>('PUT', '/api/cobuild/settings', { body: b }),

  registrations: (f: C.RegistrationQuery) => api.get<T<typeof C.RegistrationList>>('/api/cobuild/registrations', q(f)),
  registration: (id: number) => api.get<RegistrationDetail>(`/api/cobuild/registrations/${id}`),
  report: (b: C.ReportBody) => api.post<Created>('/api/cobuild/registrations', b),
  reportUnit: (b: C.UnitReportBody) => api.post<Created>('/api/cobuild/registrations/unit', b),
  acceptRegistration: (id: number) => api.post<Ok>(`/api/cobuild/registrations/${id}/accept`),
  declineRegistration: (id: number, reason: string) =>
    api.post<Ok>(`/api/cobuild/registrations/${id}/decline`, { reason }),
  confirmRegistration: (id: number) => api.post<Ok>(`/api/cobuild/registrations/${id}/confirm`),
  endRegistration: (id: number, reason: string) => api.post<Ok>(`/api/cobuild/registrations/${id}/end`, { reason }),

  roster: (f: C.RosterQuery) => api.get<Roster>('/api/cobuild/roster', q(f)),
  units: (f?: T<typeof C.UnitQuery>) => api.get<T<typeof C.UnitRateList>>('/api/cobuild/units', q(f)),
  overview: (year?: number) => api.get<Overview>('/api/cobuild/overview', { year }),
  rankings: (f: S.RankingQuery) => api.get<Ranking>('/api/cobuild/rankings', q(f)),
  me: () => api.get<MyCobuild>('/api/cobuild/me'),

  needs: (f: C.NeedQuery) => api.get<T<typeof C.NeedList>>('/api/cobuild/needs', q(f)),
  createNeed: (b: C.NewNeed) => api.post<Created>('/api/cobuild/needs', b),
  closeNeed: (id: number, reason: string) => api.post<Ok>(`/api/cobuild/needs/${id}/close`, { reason }),
  fulfilNeed: (id: number) => api.post<Ok>(`/api/cobuild/needs/${id}/fulfil`),
  claimNeed: (id: number, b: C.ClaimBody) => api.post<Created>(`/api/cobuild/needs/${id}/claim`, b),
  claims: (f: C.ClaimQuery) => api.get<T<typeof C.ClaimList>>('/api/cobuild/claims', q(f)),
  acceptClaim: (id: number, note?: string) => api.post<Ok>(`/api/cobuild/claims/${id}/accept`, note ? { note } : {}),
  declineClaim: (id: number, reason: string) => api.post<Ok>(`/api/cobuild/claims/${id}/decline`, { reason }),
  withdrawClaim: (id: number) => api.post<Ok>(`/api/cobuild/claims/${id}/withdraw`),

  resources: (f: C.ResourceQuery) => api.get<T<typeof C.ResourceList>>('/api/cobuild/resources', q(f)),
  createResource: (b: C.NewResource) => api.post<Created>('/api/cobuild/resources', b),
  withdrawResource: (id: number) => api.post<Ok>(`/api/cobuild/resources/${id}/withdraw`),
  claimResource: (id: number, b: C.ResourceClaimBody) => api.post<Created>(`/api/cobuild/resources/${id}/claim`, b),
  projects: (f: C.ProjectQuery) => api.get<T<typeof C.ProjectList>>('/api/cobuild/projects', q(f)),
  createProject: (b: C.NewProject) => api.post<Created>('/api/cobuild/projects', b),
  completeProject: (id: number) => api.post<Ok>(`/api/cobuild/projects/${id}/complete`),

  activities: (f: S.ActivityQuery) => api.get<T<typeof S.ActivityList>>('/api/cobuild/activities', q(f)),
  activity: (id: number) => api.get<ActivityDetail>(`/api/cobuild/activities/${id}`),
  createActivity: (b: S.NewActivity) => api.post<Created>('/api/cobuild/activities', b),
  cancelActivity: (id: number, reason: string) => api.post<Ok>(`/api/cobuild/activities/${id}/cancel`, { reason }),
  qr: (id: number) => api.get<T<typeof S.ActivityQr>>(`/api/cobuild/activities/${id}/qr`),
  signup: (id: number) => api.post<Created>(`/api/cobuild/activities/${id}/signup`),
  cancelSignup: (id: number) => api.post<Ok>(`/api/cobuild/activities/${id}/signup/cancel`),
  scan: (b: S.ScanBody) => api.post<ScanResult>('/api/cobuild/scan', b),
  uploadPhoto: (id: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<Created>(`/api/cobuild/activities/${id}/photos`, form);
  },
  photoUrl: (id: number, photoId: number) => `/api/cobuild/activities/${id}/photos/${photoId}`,
  verifyAll: (id: number) => api.post<T<typeof S.VerifyAllResult>>(`/api/cobuild/activities/${id}/verify-all`),
  pending: (f: S.PendingQuery) => api.get<T<typeof S.PendingList>>('/api/cobuild/verifications', q(f)),
  verify: (id: number, b: S.VerifyBody) => api.post<T<typeof S.VerifyResult>>(`/api/cobuild/signups/${id}/verify`, b),
  reject: (id: number, reason: string) => api.post<Ok>(`/api/cobuild/signups/${id}/reject`, { reason }),

  points: (f: S.PointsQuery) => api.get<PointLedger>('/api/cobuild/points', q(f)),
  adjust: (b: S.AdjustBody) => api.post<Created>('/api/cobuild/points/adjustments', b),
  rules: () => api.get<T<typeof S.RuleList>>('/api/cobuild/rules'),
  addRule: (b: S.NewRuleVersion) => api.post<Created>('/api/cobuild/rules', b),
  vetoes: (year?: number) => api.get<T<typeof S.VetoList>>('/api/cobuild/vetoes', { year }),
  veto: (b: S.NewVeto) => api.post<Created>('/api/cobuild/vetoes', b),
  liftVeto: (id: number, reason: string) => api.post<Ok>(`/api/cobuild/vetoes/${id}/lift`, { reason }),

  letters: (f: S.LetterQuery) => api.get<T<typeof S.LetterList>>('/api/cobuild/letters', q(f)),
  letter: (id: number) => api.get<LetterDetail>(`/api/cobuild/letters/${id}`),
  generateLetters: (b: S.GenerateLetters) => api.post<T<typeof S.GenerateResult>>('/api/cobuild/letters/generate', b),
  downloadLetter: (id: number, ext: 'docx' | 'xlsx') =>
    download(`/api/cobuild/letters/${id}/letter.${ext}`, undefined, `反馈函.${ext}`),
  bulletins: () => api.get<T<typeof S.BulletinList>>('/api/cobuild/bulletins'),
  generateBulletin: (b: S.GenerateBulletin) => api.post<Created>('/api/cobuild/bulletins', b),
  downloadBulletin: (id: number, ext: 'docx' | 'xlsx') =>
    download(`/api/cobuild/bulletins/${id}/bulletin.${ext}`, undefined, `通报.${ext}`),
};
