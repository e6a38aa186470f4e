/**
 * Every figure Luoshi computes from its own records (see server/lib/figures.ts). Add one line per
 * provider; keys are `<module>.<name>` and never change once released (checklists and indicators
 * store them).
 */
import type { FigureProvider } from '../lib/figures.ts';
import { rectOverdueCount } from './rectifications/rectifications.figures.ts';
import { reviewGoodRate } from './reviews/reviews.figures.ts';
import { taskOnTimeRate, taskOverdueCount } from './tasks/tasks.figures.ts';
import { cobuildReportRate, cobuildVerifiedHours } from './cobuild/cobuild.figures.ts';
import { windowBadRatingRectifyRate, windowOverdueCases, windowSatisfactionRate } from './windows/windows.figures.ts';

export const FIGURES: readonly FigureProvider[] = [
  taskOnTimeRate,
  taskOverdueCount,
  reviewGoodRate,
  rectOverdueCount,
  // later modules, one line each
  cobuildReportRate,
  cobuildVerifiedHours,
  windowSatisfactionRate,
  windowBadRatingRectifyRate,
  windowOverdueCases,
];

export function figureByKey(key: string): FigureProvider | undefined {
  return FIGURES.find((f) => f.key === key);
}
