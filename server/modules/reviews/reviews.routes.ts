import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../context.ts';
import ballotRoutes from './ballots.routes.ts';
import campaignRoutes from './campaigns.routes.ts';
import { settleCloses } from './close.service.ts';
import contentRoutes from './content.routes.ts';

/** 述职评议: campaigns, meeting, tokens (campaigns.routes), reports and 点评 (content.routes), ballots and results (ballots.routes). */
export default async function reviewRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  await campaignRoutes(app, { ctx });
  await contentRoutes(app, { ctx });
  await ballotRoutes(app, { ctx });
  // A close counting in the background finishes its chunk before the app (and its database) goes.
  app.addHook('onClose', () => settleCloses(ctx));
}
