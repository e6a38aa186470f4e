/**
 * Every figure Luoshi computes from its own records (see server/lib/figures.ts). Add one line per
 * provider; keys are `<module>.<name>` and never change once released (checklists and indicators
 * store them).
 */
import type { FigureProvider } from '../lib/figures.ts';
import { rectOverdueCount } from './rectifications/rectifications.figures.ts';
import { reviewGoodRate } from './reviews/reviews.figures.ts';
import { taskOnTimeRate, taskOverdueCount } from './tasks/tasks.figures.ts';
import { orgSecretaryVacancyMonths } from './orgs/orgs.figures.ts';
import { standardsRectifying, standardsScore } from './standards/standards.figures.ts';
import { cobuildReportRate, cobuildVerifiedHours } from './cobuild/cobuild.figures.ts';
import * as orglife from './orglife/orglife.figures.ts';
import { indicatorCompletion } from './indicators/indicators.figures.ts';
import { commendationsHonours } from './commendations/commendations.figures.ts';
import { projectInvestmentCompleted, projectInvestmentRate } from './projects/projects.figures.ts';
import { windowBadRatingRectifyRate, windowOverdueCases, windowSatisfactionRate } from './windows/windows.figures.ts';

export const FIGURES: readonly FigureProvider[] = [
  taskOnTimeRate,
  taskOverdueCount,
  reviewGoodRate,
  rectOverdueCount,
  orglife.orglifeComplianceRate,
  orglife.orglifeMissingMeetings,
  orglife.orglifeAttendanceRate,
  orglife.orglifeLongAbsentMembers,
  // later modules, one line each
  orgSecretaryVacancyMonths,
  standardsScore,
  standardsRectifying,
  cobuildReportRate,
  cobuildVerifiedHours,
  windowSatisfactionRate,
  windowBadRatingRectifyRate,
  windowOverdueCases,
  indicatorCompletion,
  commendationsHonours,
  projectInvestmentCompleted,
  projectInvestmentRate,
];

export function figureByKey(key: string): FigureProvider | undefined {
  return FIGURES.find((f) => f.key === key);
}
