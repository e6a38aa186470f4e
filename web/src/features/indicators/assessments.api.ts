/** 年度综合考核: typed calls; types from the contract. */
import type {
  AdjustmentInput,
  AssessmentCreate,
  AssessmentDetail,
  AssessmentList,
  Computed,
  MonthlyScoreInput,
  ObjectionAnswer,
  ObjectionInput,
  ObjectionList,
} from '../../../../common/contracts/assessments.ts';
import type { Created, Ok } from '../../../../common/contracts/common.ts';
import { api, download } from '../../api/client.ts';

export const assessmentKeys = { all: ['assessments'] as const };
export const listAssessments = (year: number) => api.get<AssessmentList>('/api/assessments', { year });
export const getAssessment = (id: number) => api.get<AssessmentDetail>(`/api/assessments/${id}`);
export const createAssessment = (b: AssessmentCreate) => api.post<Created>('/api/assessments', b);
export const setScore = (id: number, b: MonthlyScoreInput) => api.post<Ok>(`/api/assessments/${id}/scores`, b);
export const addAdjustment = (id: number, b: AdjustmentInput) =>
  api.post<Created>(`/api/assessments/${id}/adjustments`, b);
export const computeAssessment = (id: number) => api.post<Computed>(`/api/assessments/${id}/compute`);
export const startPublicity = (id: number) => api.post<Ok>(`/api/assessments/${id}/publicity`, {});
export const publishAssessment = (id: number) => api.post<Ok>(`/api/assessments/${id}/publish`);
export const listObjections = (id: number) => api.get<ObjectionList>(`/api/assessments/${id}/objections`);
export const raiseObjection = (id: number, b: ObjectionInput) =>
  api.post<Created>(`/api/assessments/${id}/objections`, b);
export const answerObjection = (id: number, oid: number, b: ObjectionAnswer) =>
  api.post<Ok>(`/api/assessments/${id}/objections/${oid}/answer`, b);
export const resultsXlsx = (id: number) => download(`/api/assessments/${id}/results.xlsx`, undefined, '考核结果.xlsx');
