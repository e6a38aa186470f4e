/** Every module's scope cases, merged by the scope matrix. Add one line per module. */
import type { ScopeModule } from './scope-types.ts';
import imports from '../modules/imports/imports.scope-cases.ts';
import documents from '../modules/documents/documents.scope-cases.ts';
import tasks from '../modules/tasks/tasks.scope-cases.ts';
import reviews from '../modules/reviews/reviews.scope-cases.ts';
import rectifications from '../modules/rectifications/rectifications.scope-cases.ts';
import indicators from '../modules/indicators/indicators.scope-cases.ts';
import letters from '../modules/indicators/letters.scope-cases.ts';
import cobuild from '../modules/cobuild/cobuild.scope-cases.ts';
import orglife from '../modules/orglife/orglife.scope-cases.ts';
import research from '../modules/research/research.scope-cases.ts';
import publicsets from '../modules/publicsets/publicsets.scope-cases.ts';
import digest from '../modules/digest/digest.scope-cases.ts';
import standards from '../modules/standards/standards.scope-cases.ts';
import windows from '../modules/windows/windows.scope-cases.ts';
import corrections from '../modules/documents/corrections.scope-cases.ts';
import reviewDraft from '../modules/documents/draft.scope-cases.ts';
import workbench from '../modules/workbench/workbench.scope-cases.ts';
import assessments from '../modules/indicators/assessment.scope-cases.ts';
import commendations from '../modules/commendations/commendations.scope-cases.ts';
import projects from '../modules/projects/projects.scope-cases.ts';

export const scopeModules: Record<string, ScopeModule> = {
  imports,
  documents,
  tasks,
  reviews,
  rectifications,
  indicators,
  letters,
  cobuild,
  orglife,
  research,
  publicsets,
  digest,
  standards,
  windows,
  corrections,
  reviewDraft,
  workbench,
  assessments,
  commendations,
  projects,
};
