import { Type, type Static } from './common.ts';

export const Health = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  version: Type.String(),
});
export type Health = Static<typeof Health>;

/** Liveness: the process answers (no database call: a slow database must not get it restarted). */
export const Liveness = Type.Object({ status: Type.Literal('ok'), instance: Type.String(), uptimeSec: Type.Integer() });
export type Liveness = Static<typeof Liveness>;

/** Readiness: the database answers and every migration this build knows has been applied. */
export const Readiness = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  dbMs: Type.Integer(),
  migrations: Type.Integer(),
});
export type Readiness = Static<typeof Readiness>;
