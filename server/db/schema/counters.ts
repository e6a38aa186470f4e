export interface RateCounterTable {
  key: string;
  /** UTC ISO instant at which the window began. */
  window_start: string;
  count: number;
  /** UTC ISO instant after which the row can be deleted. */
  expires_at: string;
}

export interface CountersDB {
  rate_counter: RateCounterTable;
}
