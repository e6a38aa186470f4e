/**
 * Left from the hand-written API types: the generic page shape, still used by features that have
 * not moved to their contracts yet (`ListOf` in common/contracts/common.ts is its replacement).
 * Every other API type comes from common/contracts/<domain>.ts.
 */
export interface Page<T> {
  items: T[];
  total: number;
}
