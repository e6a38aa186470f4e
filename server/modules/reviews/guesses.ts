/**
 * Throttling of wrong ballot codes, shared by every app instance (server/lib/counters.ts).
 *
 * A meeting hall votes from behind one NAT address, and a voter cannot be told from a guesser by
 * anything but the code: so every code is looked up, and a VALID code is never refused, delayed or
 * counted, whatever its address has done before. Only wrong codes count, per source address
 * (10 minutes) and over all sources (the campaign-wide guess budget, per hour). Past either limit
 * a wrong code is answered 429 instead of 404, after a short delay that holds the guesser's
 * connection (a single-connection guesser gets about one answer per second); the hall's valid
 * codes from the same address go through at full speed.
 *
 * The numbers: codes are 10 symbols of 31 (31^10 ≈ 8.2 × 10^14). With 5,000 codes issued, one
 * guess hits with probability 6 × 10^-12; the global budget of 2,000 wrong codes an hour is
 * 1.8 × 10^-10 of the code space per hour. Beyond the budget every wrong code waits, so the
 * guessing rate is bounded by the delay and the parallel connections an attacker can hold, and the
 * server logs a warning (once per window) so the organizers learn that codes are being guessed.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context.ts';
import { hit } from '../../lib/counters.ts';
import { AppError } from '../../lib/errors.ts';

export interface GuessLimits {
  /** Wrong codes per source address per window before answers turn into delayed 429s. */
  perAddress: number;
  addressWindowSec: number;
  /** Wrong codes over all addresses per window (the campaign-wide guess budget). */
  global: number;
  globalWindowSec: number;
  /** How long a wrong code past a limit waits for its answer. */
  delayMs: number;
  /** At most this many delayed answers are pending at once; beyond, they are answered at once. */
  maxDelayed: number;
}

/** The limits of a configuration (BALLOT_WRONG_PER_IP, BALLOT_WRONG_GLOBAL). */
export const guessLimits = (config: Ctx['config']): GuessLimits => ({
  perAddress: config.ballotWrongPerAddress,
  addressWindowSec: 600,
  global: config.ballotWrongGlobal,
  globalWindowSec: 3600,
  delayMs: 1000,
  maxDelayed: 200,
});

const tooMany = () =>
  new AppError('TOO_MANY_REQUESTS', 429, '选票码错误次数过多,请仔细核对选票上的选票码后再试(正确的选票码不受影响)');

/** The code-guess throttle of one app instance (its counters live in the database). */
export function guessThrottle(ctx: Ctx, limits: GuessLimits, log?: FastifyBaseLogger) {
  let delayed = 0;
  let warnedWindow = '';
  return {
    /**
     * Called after a code was found wrong: counts it and decides the answer. Throws the 429 (after
     * the delay) past a limit; otherwise returns and the caller answers 404.
     */
    async wrong(ip: string) {
      const now = ctx.clock.now();
      const [mine, all] = await Promise.all([
        hit(ctx.db, `ballot-wrong:${ip}`, limits.addressWindowSec, now),
        hit(ctx.db, 'ballot-wrong:*', limits.globalWindowSec, now),
      ]);
      if (mine <= limits.perAddress && all <= limits.global) return;
      if (all > limits.global) {
        const w = String(Math.floor(now.getTime() / (limits.globalWindowSec * 1000)));
        if (w !== warnedWindow) {
          warnedWindow = w;
          log?.warn({ wrongCodes: all }, '选票码错误次数超过全局上限:可能有人在猜测选票码');
        }
      }
      if (limits.delayMs > 0 && delayed < limits.maxDelayed) {
        delayed++;
        try {
          await new Promise((r) => setTimeout(r, limits.delayMs));
        } finally {
          delayed--;
        }
      }
      throw tooMany();
    },
  };
}
