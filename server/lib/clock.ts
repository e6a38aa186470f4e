/** The server's only source of time. Tests replace it to move the clock; clients never set time. */
export interface Clock {
  now(): Date;
  /** Waits (login slowdown); a ManualClock only records the wait, so tests do not sleep. */
  sleep?(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Waits `ms` on the given clock (real time unless the clock says otherwise). */
export const sleepOn = (clock: Clock, ms: number) =>
  ms <= 0 ? Promise.resolve() : clock.sleep ? clock.sleep(ms) : new Promise<void>((r) => setTimeout(r, ms));

/** A clock tests can move. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = new Date()) {
    this.t = new Date(start).getTime();
  }
  now() {
    return new Date(this.t);
  }
  set(to: Date | string) {
    this.t = new Date(to).getTime();
  }
  advance(ms: number) {
    this.t += ms;
  }
  /** Waits asked for through sleep(), in order. */
  readonly slept: number[] = [];
  async sleep(ms: number) {
    this.slept.push(ms);
  }
}

/** Local calendar date in Asia/Shanghai (UTC+8, no DST) of an instant. */
export function localDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
