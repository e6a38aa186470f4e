/** Colours of the 述职评议 pages (values and labels come from common/enums.ts). */
import type { CampaignStatus, CommentStatus } from '../../../../common/enums.ts';

export const statusColor = (s: CampaignStatus) => (s === 'voting' ? 'red' : s === 'closed' ? 'default' : 'blue');
export const COMMENT_COLOR: Record<CommentStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'green',
  returned: 'red',
};
