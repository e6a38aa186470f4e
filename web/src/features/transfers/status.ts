import type { TransferStatus } from '../../../../common/contracts/transfers.ts';

/** One colour per transfer status, wherever a status is shown (the list, a member's record). */
export const transferStatusColor = (s: TransferStatus) =>
  s === 'done' ? 'green' : s === 'rejected' ? 'red' : s === 'pending_out' || s === 'pending_in' ? 'blue' : 'default';
