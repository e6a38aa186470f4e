/** 目标责任书: typed calls; types from the contract. */
import type {
  LetterDetail,
  LetterIssue,
  LetterIssued,
  LetterList,
  Signed,
} from '../../../../common/contracts/letters.ts';
import { api, download } from '../../api/client.ts';

export const listLetters = (year: number) => api.get<LetterList>('/api/responsibility-letters', { year });
export const getLetter = (id: number) => api.get<LetterDetail>(`/api/responsibility-letters/${id}`);
export const issueLetters = (b: LetterIssue) => api.post<LetterIssued>('/api/responsibility-letters', b);
export const signLetter = (id: number) => api.post<Signed>(`/api/responsibility-letters/${id}/sign`);
export const printLetter = (id: number) =>
  download(`/api/responsibility-letters/${id}/letter.docx`, undefined, '目标责任书.docx');
