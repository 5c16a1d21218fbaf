import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Personal access token format, documented so that secret scanners can recognise leaked tokens:
 * `rpat_` + 43 base62 characters of CSPRNG output (256 bits) + the CRC32 of those 43 characters in
 * base62, left-padded with `0` to 6 characters. 54 characters in all.
 */
export const TOKEN_PREFIX = 'rpat_';
export const TOKEN_LENGTH = 54;
export const TOKEN_HINT_LENGTH = 9;
const RANDOM_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SHAPE = /^rpat_[0-9A-Za-z]{49}$/;

export function toBase62(value: number, width: number): string {
  let digits = '';
  let rest = value;
  do {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return digits.padStart(width, '0');
}

export function tokenChecksum(randomPart: string): string {
  return toBase62(crc32(randomPart), CHECKSUM_LENGTH);
}

/** 43 uniform base62 characters: bytes of 248 and above are dropped so that `% 62` has no bias. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(64)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function generatePersonalAccessToken(): string {
  const randomPart = randomBase62(RANDOM_LENGTH);
  return TOKEN_PREFIX + randomPart + tokenChecksum(randomPart);
}

/** Prefix, length, alphabet and checksum: a cheap test that needs no database. */
export function isPersonalAccessTokenFormat(value: string): boolean {
  if (value.length !== TOKEN_LENGTH || !SHAPE.test(value)) return false;
  const randomPart = value.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + RANDOM_LENGTH);
  return tokenChecksum(randomPart) === value.slice(TOKEN_LENGTH - CHECKSUM_LENGTH);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenHint(token: string): string {
  return token.slice(0, TOKEN_HINT_LENGTH);
}
