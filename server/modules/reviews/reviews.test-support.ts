/** Test helpers shared by the reviews tests (and the scope matrix). */
import type { Client } from '../../test/harness.ts';

/**
 * Waits over HTTP until the background close of campaign `id` has sealed it (status closed) and
 * returns the campaign; throws with the recorded reason if counting stopped, or after ~20 s.
 */
export async function closedCampaign(client: Client, id: number) {
  for (let i = 0; i < 2000; i++) {
    const c = await client.get(`/api/reviews/${id}`);
    if (c.body.status === 'closed') return c.body;
    if (c.body.closing?.error) throw new Error(`评议 ${id} 计票中断:${c.body.closing.error}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`评议 ${id} 未在 20 秒内结束`);
}

/** Closes campaign `id` (202) and waits until its results are unsealed. */
export async function closeReview(client: Client, id: number) {
  const r = await client.post(`/api/reviews/${id}/close`);
  if (r.status !== 202) throw new Error(`结束评议 ${id}:${r.status} ${JSON.stringify(r.body)}`);
  return closedCampaign(client, id);
}
