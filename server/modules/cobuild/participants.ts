/** Who took part, as a community may see them: names and phones only of members it knows. */
import type { CobuildVerification } from '../../../common/enums.ts';
import type { Executor } from '../../db/connect.ts';
import { pathUpper } from '../../lib/scope.ts';
import { employerNames, maskName } from './access.ts';
import type { ActRow } from './activities.service.ts';

/** Names and phones a community may see: members who belong to it or have reported there. */
export async function knownMembers(db: Executor, communityId: number, communityPath: string, memberIds: number[]) {
  if (!memberIds.length) return new Set<number>();
  const regs = await db
    .selectFrom('cobuild_registration')
    .select('member_id')
    .where('kind', '=', 'member')
    .where('community_org_id', '=', communityId)
    .where('status', 'in', ['pending', 'active'])
    .where('member_id', 'in', memberIds)
    .execute();
  const own = await db
    .selectFrom('member')
    .select('id')
    .where('id', 'in', memberIds)
    .where('org_path', '>=', communityPath)
    .where('org_path', '<', pathUpper(communityPath))
    .execute();
  return new Set([...regs.map((r) => r.member_id!), ...own.map((r) => r.id)]);
}

/** Metres between two points (haversine); null when either is unknown. */
export function distance(a: { lat: number | null; lng: number | null }, b: { lat: number | null; lng: number | null }) {
  if (a.lat == null || a.lng == null || b.lat == null || b.lng == null) return null;
  const r = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
    Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lng - a.lng) * r) / 2) ** 2;
  return Math.round(2 * 6371000 * Math.asin(Math.sqrt(h)));
}

/** The employer unit's name for each branch. */
export const unitNames = employerNames;

export function participantView(
  g: {
    id: number;
    member_id: number;
    name: string;
    phone: string | null;
    status: string;
    signed_up_at: string;
    checkin_at: string | null;
    checkout_at: string | null;
    hours: number | null;
    checkin_lat: number | null;
    checkin_lng: number | null;
    verification: string;
    verified_hours: number | null;
    verify_note: string | null;
  },
  a: ActRow,
  known: boolean,
  unit: string,
) {
  return {
    id: g.id,
    member: { id: g.member_id, name: known ? g.name : maskName(g.name), phone: known ? g.phone : null },
    unit,
    status: g.status as 'signed_up' | 'cancelled',
    signedUpAt: g.signed_up_at,
    checkinAt: g.checkin_at,
    checkoutAt: g.checkout_at,
    hours: g.hours == null ? null : Number(g.hours),
    distanceM: distance({ lat: a.lat, lng: a.lng }, { lat: g.checkin_lat, lng: g.checkin_lng }),
    verification: g.verification as CobuildVerification,
    verifiedHours: g.verified_hours == null ? null : Number(g.verified_hours),
    verifyNote: g.verify_note,
  };
}
