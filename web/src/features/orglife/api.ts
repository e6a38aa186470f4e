/**
 * 组织生活 API, typed from the contracts (common/contracts/orglife*.ts). Query keys start with
 * 'orglife', so a mutation invalidates ['orglife'] and every page refreshes.
 */
import type { Static } from '@sinclair/typebox';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type * as M from '../../../../common/contracts/orglife.ts';
import type * as W from '../../../../common/contracts/orglife-work.ts';
import type {
  AttendanceBody,
  CheckinInfo,
  CheckinOpened,
  CheckinResult,
  CheckinState,
  CreateMeetingBody,
  GuestBody,
  MeetingDetail,
  MeetingList,
  MeetingListQuery,
  PatchMeetingBody,
  SigninCodes,
} from '../../../../common/contracts/orglife.ts';
import type {
  AbsenceQuery,
  AppraisalDetail,
  BranchInfo,
  CaseQuery,
  CaseView,
  CommitteeBody,
  ComplianceList,
  ComplianceQuery,
  CreateRuleSetBody,
  Dashboard,
  DashboardQuery,
  GradesBody,
  MemberAttendance,
} from '../../../../common/contracts/orglife-work.ts';
import { api, download, request, type Query } from '../../api/client.ts';
import { queryClient } from '../../api/query.ts';

const q = (x: object) => x as Query;

export const keys = {
  all: ['orglife'] as const,
  meetings: (f: MeetingListQuery) => ['orglife', 'meetings', f] as const,
  meeting: (id: number) => ['orglife', 'meeting', id] as const,
  checkin: (id: number) => ['orglife', 'checkin', id] as const,
  dashboard: (f: DashboardQuery) => ['orglife', 'dashboard', f] as const,
  compliance: (f: ComplianceQuery) => ['orglife', 'compliance', f] as const,
  absences: (f: AbsenceQuery) => ['orglife', 'absences', f] as const,
  cases: (f: CaseQuery) => ['orglife', 'cases', f] as const,
  case: (id: number) => ['orglife', 'case', id] as const,
  my: (year?: number) => ['orglife', 'my', year] as const,
  member: (id: number, year?: number) => ['orglife', 'member', id, year] as const,
  rules: ['orglife', 'rules'] as const,
  branch: (id: number) => ['orglife', 'branch', id] as const,
  appraisals: (f: object) => ['orglife', 'appraisals', f] as const,
  appraisal: (id: number) => ['orglife', 'appraisal', id] as const,
};
export const refresh = () => queryClient.invalidateQueries({ queryKey: keys.all });

export const orglife = {
  meetings: (f: MeetingListQuery) => api.get<MeetingList>('/api/meetings', q(f)),
  meeting: (id: number) => api.get<MeetingDetail>(`/api/meetings/${id}`),
  create: (b: CreateMeetingBody) => api.post<Created>('/api/meetings', b),
  patch: (id: number, b: PatchMeetingBody) => api.patch<Ok>(`/api/meetings/${id}`, b),
  void: (id: number, reason: string) => api.post<Ok>(`/api/meetings/${id}/void`, { reason }),
  confirm: (id: number) => api.post<Ok>(`/api/meetings/${id}/confirm`),
  attendance: (id: number, b: AttendanceBody) => api.post<Ok>(`/api/meetings/${id}/attendance`, b),
  guest: (id: number, b: GuestBody) => api.post<Created>(`/api/meetings/${id}/guests`, b),
  resolution: (id: number, text: string) => api.post<Created>(`/api/meetings/${id}/resolutions`, { text }),
  resolutionTask: (id: number, rid: number, dueDate?: string) =>
    api.post<Static<typeof M.ResolutionTask>>(
      `/api/meetings/${id}/resolutions/${rid}/task`,
      dueDate ? { dueDate } : {},
    ),
  uploadMinutes: (id: number, file: File) => {
    const f = new FormData();
    f.append('file', file);
    return api.upload<Static<typeof M.MinutesUploaded>>(`/api/meetings/${id}/minutes`, f);
  },
  attach: (id: number, kind: string, file: File) => {
    const f = new FormData();
    f.append('kind', kind);
    f.append('file', file);
    return api.upload<Created>(`/api/meetings/${id}/attachments`, f);
  },
  downloadAttachment: (id: number, attId: number, name: string) =>
    download(`/api/meetings/${id}/attachments/${attId}`, undefined, name),
  minutesDocx: (id: number) => download(`/api/meetings/${id}/minutes.docx`, undefined, '会议记录.docx'),
  openCheckin: (id: number) => api.post<CheckinOpened>(`/api/meetings/${id}/checkin/open`),
  closeCheckin: (id: number) => api.post<Ok>(`/api/meetings/${id}/checkin/close`),
  checkinState: (id: number) => api.get<CheckinState>(`/api/meetings/${id}/checkin`),
  signinCodes: (id: number) => api.post<SigninCodes>(`/api/meetings/${id}/signin-codes`),
  checkin: (code: string) => api.post<CheckinResult>('/api/checkin', { code }, { quietAuth: true }),
  checkinWithCode: (code: string, personalCode: string) =>
    api.post<CheckinResult>('/api/checkin/code', { code, personalCode }, { quietAuth: true }),
  checkinInfo: (c: string) => api.get<CheckinInfo>('/api/checkin/info', { c }, { quietAuth: true }),

  dashboard: (f: DashboardQuery) => api.get<Dashboard>('/api/org-life/dashboard', q(f)),
  compliance: (f: ComplianceQuery) => api.get<ComplianceList>('/api/org-life/compliance', q(f)),
  complianceXlsx: (f: Static<typeof W.ExportQuery>) =>
    download('/api/org-life/compliance.xlsx', q(f), '组织生活落实情况.xlsx'),
  ledgerXlsx: (f: Static<typeof W.ExportQuery>) => download('/api/org-life/ledger.xlsx', q(f), '组织生活台账.xlsx'),
  absences: (f: AbsenceQuery) => api.get<Static<typeof W.AbsenceList>>('/api/org-life/absences', q(f)),
  cases: (f: CaseQuery) => api.get<Static<typeof W.CaseList>>('/api/org-life/cases', q(f)),
  caseView: (id: number) => api.get<CaseView>(`/api/org-life/cases/${id}`),
  caseTalk: (id: number, b: Static<typeof W.CaseTalkBody>) => api.post<Ok>(`/api/org-life/cases/${id}/talk`, b),
  caseNotify: (id: number, b: Static<typeof W.CaseNotifyBody>) => api.post<Ok>(`/api/org-life/cases/${id}/notify`, b),
  caseDecision: (id: number, b: Static<typeof W.CaseDecisionBody>) =>
    api.post<Ok>(`/api/org-life/cases/${id}/decision`, b),
  my: (year?: number) => api.get<MemberAttendance>('/api/org-life/my', q({ year })),
  memberAttendance: (id: number, year?: number) =>
    api.get<MemberAttendance>(`/api/org-life/members/${id}/attendance`, q({ year })),
  rules: () => api.get<Static<typeof W.RuleSetList>>('/api/org-life/rule-sets'),
  createRules: (b: CreateRuleSetBody) => api.post<Created>('/api/org-life/rule-sets', b),
  branch: (id: number) => api.get<BranchInfo>(`/api/org-life/branches/${id}`),
  addCommittee: (id: number, b: CommitteeBody) => api.post<Created>(`/api/org-life/branches/${id}/committee`, b),
  endCommittee: (cid: number, endDate: string) => api.patch<Ok>(`/api/org-life/committee/${cid}`, { endDate }),
  setGroup: (id: number, memberIds: number[]) =>
    request<Ok>('PUT', `/api/org-life/groups/${id}/members`, { body: { memberIds } }),
  appraisals: (f: Static<typeof W.AppraisalQuery>) =>
    api.get<Static<typeof W.AppraisalList>>('/api/org-life/appraisals', q(f)),
  appraisal: (id: number) => api.get<AppraisalDetail>(`/api/org-life/appraisals/${id}`),
  createAppraisal: (orgId: number, year: number) => api.post<Created>('/api/org-life/appraisals', { orgId, year }),
  entrySelf: (id: number, memberId: number, selfText: string) =>
    request<Ok>('PUT', `/api/org-life/appraisals/${id}/entries/${memberId}`, { body: { selfText } }),
  mySelf: (id: number, selfText: string) =>
    request<Ok>('PUT', `/api/org-life/appraisals/${id}/self`, { body: { selfText } }),
  grades: (id: number, b: GradesBody) => request<Ok>('PUT', `/api/org-life/appraisals/${id}/grades`, { body: b }),
  finalize: (id: number) => api.post<Static<typeof W.Finalized>>(`/api/org-life/appraisals/${id}/finalize`, {}),
};
