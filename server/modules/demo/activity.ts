/**
 * The demo county's working records (tasks, campaigns, meetings, ratings …): each module seeds its
 * own part after the org tree, members and accounts exist. A seeder is deterministic (its random
 * stream comes from the county seed and its name) and dates everything relative to `today`, so that
 * lights, deadlines and streaks are alive on the day someone runs `npm run demo`. Seeders insert
 * rows directly (fast, one transaction each) and must keep the invariants their module's services
 * keep; they run in list order, so a later seeder can read an earlier one's rows.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { localDate } from '../../lib/clock.ts';
import { mulberry32 } from './build.ts';
import type { CountySummary } from './generate.ts';
import { indicatorsDemo } from '../indicators/indicators.demo.ts';
import { assessmentDemo } from '../indicators/assessment.demo.ts';
import { commendationsDemo } from '../commendations/commendations.demo.ts';
import { cobuildSeeder } from '../cobuild/demo.ts';
import { orglifeDemo } from '../orglife/demo.ts';
import { researchDemo } from '../research/research.demo.ts';
import { publicSetsDemo } from '../publicsets/publicsets.demo.ts';
import { standardsDemo } from '../standards/standards.demo.ts';
import { windowsDemo } from '../windows/windows.demo.ts';
import { tasksDemo } from '../tasks/tasks.demo.ts';
import { transfersDemo } from '../transfers/transfers.demo.ts';
import { reviewsDemo } from '../reviews/reviews.demo.ts';
import { rectificationsDemo } from '../rectifications/rectifications.demo.ts';
import { projectsDemo } from '../projects/projects.demo.ts';

export interface DemoContext {
  db: Kysely<DB>;
  dialect: 'sqlite' | 'postgres';
  /** Server time of the seeding. */
  now: Date;
  /** Local date (Asia/Shanghai) of `now`, `YYYY-MM-DD`. */
  today: string;
  county: CountySummary;
  /** Where uploaded files live (config.uploadDir): seeders that store evidence files write there. */
  uploadDir?: string;
  /** A deterministic random stream in [0, 1), private to this seeder. */
  rng: () => number;
}

export interface DemoSeeder {
  /** Module name (also salts the random stream). */
  name: string;
  seed(d: DemoContext): Promise<void>;
}

/** One line per module, in dependency order. */
export const DEMO_SEEDERS: DemoSeeder[] = [
  orglifeDemo,
  cobuildSeeder,
  researchDemo,
  publicSetsDemo,
  windowsDemo,
  standardsDemo,
  tasksDemo,
  transfersDemo,
  reviewsDemo,
  rectificationsDemo,
  indicatorsDemo,
  assessmentDemo,
  commendationsDemo,
  projectsDemo,
];

/** config.uploadDir's default, for callers (benches, tests) that seed without a config. */
export const defaultUploadDir = () => path.resolve(process.env.LUOSHI_UPLOAD_DIR || 'data/uploads');

const hash = (s: string) => [...s].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, 7);

/** Runs every module's seeder after the county itself was written. */
export async function seedActivity(
  db: Kysely<DB>,
  dialect: 'sqlite' | 'postgres',
  county: CountySummary,
  seed: number,
  now: Date,
  uploadDir = defaultUploadDir(),
) {
  for (const s of DEMO_SEEDERS) {
    await s.seed({
      db,
      dialect,
      now,
      today: localDate(now),
      county,
      uploadDir,
      rng: mulberry32(seed ^ hash(s.name)),
    });
  }
}
