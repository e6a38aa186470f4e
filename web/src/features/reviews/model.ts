/** Types of the 述职评议 API as the pages use them. */
export interface CampaignRow {
  id: number;
  title: string;
  year: number;
  status: string;
  statusLabel: string;
  meetingDate: string | null;
  reportDeadline: string | null;
  owner: string;
}
export interface Target {
  id: number;
  orgId: number;
  orgName: string;
  mode: string;
  secretary: string | null;
  agendaOrder: number;
  limitSec: number;
  reportSubmitted: boolean;
}
export interface Campaign {
  id: number;
  title: string;
  year: number;
  status: 'preparing' | 'voting' | 'closing' | 'closed';
  statusLabel: string;
  scale: string[];
  owner: { id: number; name: string };
  reportDeadline: string | null;
  meetingDate: string | null;
  speakerLimitSec: number;
  manager: boolean;
  targets: Target[];
  counts: {
    issued: number;
    used: number;
    ballots: number;
    paper: number;
    participants: number;
    tokensReceived: number;
  } | null;
}
export interface Finding {
  id?: number;
  source: string;
  problem: string;
  rectificationId?: number | null;
}
export interface Comment {
  id: number;
  orgId: number;
  orgName: string;
  secretary: string | null;
  summary: string;
  status: string;
  statusLabel: string;
  returnReason: string | null;
  findings: Finding[];
}
export interface OrgResult {
  orgId: number;
  orgName: string;
  total: number;
  counts: Record<string, number>;
  percents: Record<string, number>;
  goodRate: number;
  rank: number;
}
export interface Results {
  campaign: { id: number; title: string; year: number; closedDate: string };
  scale: string[];
  voters: number;
  goodLabel: string;
  orgs: OrgResult[];
  opinions: { orgId: number; orgName: string; items: string[] }[];
}
export const FINDING_SOURCES = ['平时掌握情况', '巡视巡察反馈', '督查调研发现'];
export const statusColor = (s: string) => (s === 'voting' ? 'red' : s === 'closed' ? 'default' : 'blue');
