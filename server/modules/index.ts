/**
 * Every module's route plugin, in registration order. A new module adds ONE line here (and its
 * scope cases in server/test/scope-cases.ts, its figures in server/modules/figures.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.ts';
import auditRoutes from './audit/audit.routes.ts';
import authRoutes from './auth/auth.routes.ts';
import documentRoutes from './documents/documents.routes.ts';
import correctionRoutes from './documents/corrections.routes.ts';
import reviewDraftRoutes from './documents/draft.routes.ts';
import healthRoutes from './health/health.routes.ts';
import importRoutes from './imports/imports.routes.ts';
import memberRoutes from './members/members.routes.ts';
import orgRoutes from './orgs/orgs.routes.ts';
import orglifeRoutes from './orglife/orglife.routes.ts';
import rectificationRoutes from './rectifications/rectifications.routes.ts';
import reviewRoutes from './reviews/reviews.routes.ts';
import taskRoutes from './tasks/tasks.routes.ts';
import transferRoutes from './transfers/transfers.routes.ts';
import userRoutes from './users/users.routes.ts';
import indicatorRoutes from './indicators/indicators.routes.ts';
import letterRoutes from './indicators/letters.routes.ts';
import cobuildRoutes from './cobuild/cobuild.routes.ts';
import researchRoutes from './research/research.routes.ts';
import publicSetRoutes from './publicsets/publicsets.routes.ts';
import digestRoutes from './digest/digest.routes.ts';
import standardsRoutes from './standards/standards.routes.ts';
import windowRoutes from './windows/windows.routes.ts';
import workbenchRoutes from './workbench/workbench.routes.ts';
import assessmentRoutes from './indicators/assessment.routes.ts';
import commendationRoutes from './commendations/commendations.routes.ts';
import bulletinRoutes from './indicators/bulletin.routes.ts';
import projectRoutes from './projects/projects.routes.ts';

export type ModulePlugin = (app: FastifyInstance, opts: { ctx: Ctx }) => Promise<void>;

export const MODULES: readonly ModulePlugin[] = [
  healthRoutes,
  authRoutes,
  orgRoutes,
  memberRoutes,
  transferRoutes,
  userRoutes,
  auditRoutes,
  documentRoutes,
  taskRoutes,
  reviewRoutes,
  rectificationRoutes,
  importRoutes,
  // new modules below, one line each
  indicatorRoutes,
  letterRoutes,
  cobuildRoutes,
  orglifeRoutes,
  researchRoutes,
  publicSetRoutes,
  digestRoutes,
  standardsRoutes,
  windowRoutes,
  correctionRoutes,
  reviewDraftRoutes,
  workbenchRoutes,
  assessmentRoutes,
  commendationRoutes,
  bulletinRoutes,
  projectRoutes,
];
