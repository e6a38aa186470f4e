/** Moved to common/contracts/common.ts (shared with the web); kept as a re-export while routes migrate. */
export { Body, DateStr, Enum, IdParams, Nullable, Ok, Paging } from '../../common/contracts/common.ts';
