/**
 * The 述职评议 API, typed from common/contracts/reviews.ts and ballots.ts. Keys under 'reviews';
 * everything of one campaign under ['reviews', id], so one invalidation refreshes its tabs.
 */
import type {
  BallotForm,
  CastBody,
  DraftBody,
  LowRatingItems,
  PaperBody,
  PaperEntered,
  PaperList,
  Receipt,
  Receipts,
  Results,
} from '../../../../common/contracts/ballots.ts';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import type {
  Agenda,
  AgendaBody,
  Campaign,
  CampaignPage,
  CampaignQuery,
  CloseStarted,
  CommentList,
  CommentPatch,
  CommentStep,
  IssuedToken,
  NewCampaign,
  NewComment,
  ParticipantIn,
  ParticipantPage,
  ParticipantsAdded,
  Reminded,
  Report,
  ReportList,
  ReportSubmitted,
  Screen,
  Tokens,
} from '../../../../common/contracts/reviews.ts';
import { api, download } from '../../api/client.ts';

export const reviewKeys = {
  all: ['reviews'] as const,
  list: (q: CampaignQuery) => ['reviews', 'list', q] as const,
  campaign: (id: number) => ['reviews', id] as const,
  part: (id: number, part: string) => ['reviews', id, part] as const,
};

const r = (id: number) => `/api/reviews/${id}`;

export const reviewsApi = {
  list: (q: CampaignQuery) => api.get<CampaignPage>('/api/reviews', q),
  get: (id: number) => api.get<Campaign>(r(id)),
  create: (body: NewCampaign) => api.post<Created>('/api/reviews', body),
  openVoting: (id: number) => api.post<Ok>(`${r(id)}/open-voting`),
  close: (id: number) => api.post<CloseStarted>(`${r(id)}/close`),
  tokens: (id: number, count: number) => api.post<Tokens>(`${r(id)}/tokens`, { count, qr: true }),
  participants: (id: number) => api.get<ParticipantPage>(`${r(id)}/participants`),
  addParticipants: (id: number, items: ParticipantIn[]) =>
    api.post<ParticipantsAdded>(`${r(id)}/participants`, { items }),
  issue: (id: number, pid: number) => api.post<IssuedToken>(`${r(id)}/participants/${pid}/issue`),
  agenda: (id: number) => api.get<Agenda>(`${r(id)}/agenda`),
  setAgenda: (id: number, items: AgendaBody['items']) => api.put<Ok>(`${r(id)}/agenda`, { items }),
  speaker: (id: number, orgId: number | null) => api.post(`${r(id)}/meeting/speaker`, { orgId }),
  screen: (id: number) => api.get<Screen>(`${r(id)}/screen`),
  reports: (id: number) => api.get<ReportList>(`${r(id)}/reports`),
  report: (id: number, orgId: number) => api.get<Report>(`${r(id)}/reports/${orgId}`),
  submitReport: (id: number, orgId: number, text: string) =>
    api.put<ReportSubmitted>(`${r(id)}/reports/${orgId}`, { text }),
  uploadReport: (id: number, orgId: number, file: File) => {
    const fd = new FormData();
    fd.append('file', file);
    return api.upload<ReportSubmitted>(`${r(id)}/reports/${orgId}/docx`, fd);
  },
  remind: (id: number) => api.post<Reminded>(`${r(id)}/reports/remind`),
  comments: (id: number) => api.get<CommentList>(`${r(id)}/comments`),
  createComment: (id: number, body: NewComment) => api.post<Created>(`${r(id)}/comments`, body),
  updateComment: (commentId: number, body: CommentPatch) => api.patch<Ok>(`/api/reviews/comments/${commentId}`, body),
  commentStep: (commentId: number, step: 'submit' | 'approve' | 'return', reason?: string) =>
    api.post<CommentStep>(`/api/reviews/comments/${commentId}/${step}`, step === 'return' ? { reason } : {}),
  paper: (id: number) => api.get<PaperList>(`${r(id)}/paper`),
  enterPaper: (id: number, body: PaperBody) => api.post<PaperEntered>(`${r(id)}/paper`, body),
  results: (id: number) => api.get<Results>(`${r(id)}/results`),
  receipts: (id: number) => api.get<Receipts>(`${r(id)}/receipts`),
  lowRatingItems: (id: number, threshold: number) =>
    api.post<LowRatingItems>(`${r(id)}/low-rating-items`, { threshold }),
  downloadResults: (id: number, kind: 'xlsx' | 'docx') =>
    download(`${r(id)}/results.${kind}`, undefined, kind === 'xlsx' ? '评议结果.xlsx' : '结果通报.docx'),
};

/** The public ballot (no login: auth errors are the page's own, never a redirect to the login page). */
export const ballotApi = {
  form: (token: string) => api.post<BallotForm>('/api/ballots/form', { token }, { quietAuth: true }),
  cast: (body: CastBody) => api.post<Receipt>('/api/ballots', body, { quietAuth: true }),
  saveDraft: (body: DraftBody) => api.put<Ok>('/api/ballots/draft', body, { quietAuth: true }),
};
