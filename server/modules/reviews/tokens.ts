import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Unambiguous alphabet (no 0/O, 1/I/L) so codes can be typed from paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random code from a CSPRNG, `len` symbols (~4.95 bits each). */
export function randomCode(len: number) {
  let s = '';
  for (let i = 0; i < len; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** A ballot token: 10 symbols ≈ 49 bits, shown as XXXXX-XXXXX. Guessing is throttled per IP. */
export const newToken = () => {
  const c = randomCode(10);
  return `${c.slice(0, 5)}-${c.slice(5)}`;
};

/** Codes are compared case- and separator-insensitively. */
export const normalizeToken = (t: string) => t.toUpperCase().replace(/[\s-]/g, '');

/** Only this is stored: a leaked table does not let anyone vote. */
export const tokenHash = (t: string) =>
  createHash('sha256')
    .update(`luoshi-ballot:${normalizeToken(t)}`)
    .digest('hex');

/** 128-bit random ballot id: carries no order. */
export const ballotId = () => randomBytes(16).toString('hex');

/** The receipt a voter is shown and later finds in the published list. */
export const newReceipt = () => randomCode(10);

/** A code of `len` alphabet symbols read from a digest (rejection sampling: no symbol is favoured). */
function codeFrom(digest: Buffer, len: number) {
  let s = '';
  for (const b of digest) {
    if (b >= 248) continue; // 248 = 8 × 31: above it the modulo would favour the first symbols
    s += ALPHABET[b % ALPHABET.length];
    if (s.length === len) return s;
  }
  throw new Error('digest too short');
}

/**
 * Idempotent submission without linking voter and ballot: the vote page sends a random client
 * nonce with its token. The receipt is derived from (token hash, nonce); the token row keeps only
 * a different digest of the same pair, so a retry with the same token and nonce (the first reply
 * was lost) is recognized and answered with the same receipt. Neither stored value leads to the
 * other without the nonce, which only the voter's page ever had.
 */
export const receiptFor = (hash: string, nonce: string) =>
  codeFrom(createHash('sha256').update(`luoshi-receipt:${hash}:${nonce}`).digest(), 10);
export const nonceCheck = (hash: string, nonce: string) =>
  createHash('sha256').update(`luoshi-nonce:${nonce}:${hash}`).digest('hex');
