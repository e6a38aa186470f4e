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
