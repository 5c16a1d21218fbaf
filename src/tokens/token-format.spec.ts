import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';

import {
  generatePersonalAccessToken,
  hashToken,
  isPersonalAccessTokenFormat,
  toBase62,
  tokenChecksum,
  tokenHint,
} from './token-format.js';

describe('personal access token format', () => {
  it('generates 54 characters: rpat_, 43 base62, 6 checksum', () => {
    const token = generatePersonalAccessToken();
    assert.match(token, /^rpat_[0-9A-Za-z]{49}$/);
    assert.equal(token.length, 54);
    assert.equal(token.slice(48), tokenChecksum(token.slice(5, 48)));
    assert.ok(isPersonalAccessTokenFormat(token));
  });

  it('never repeats itself and uses the whole alphabet', () => {
    const tokens = Array.from({ length: 2000 }, generatePersonalAccessToken);
    assert.equal(new Set(tokens).size, tokens.length);
    const seen = new Set(tokens.flatMap((token) => [...token.slice(5, 48)]));
    assert.equal(seen.size, 62);
  });

  it('writes the CRC32 in base62, left-padded to 6 characters', () => {
    assert.equal(toBase62(0, 6), '000000');
    assert.equal(toBase62(61, 6), '00000z');
    assert.equal(toBase62(62, 6), '000010');
    assert.equal(toBase62(0xffffffff, 6), '4gfFC3');
    const random = 'a'.repeat(43);
    assert.equal(tokenChecksum(random), toBase62(crc32(random), 6));
  });

  it('refuses a wrong prefix, length, alphabet or checksum', () => {
    const token = generatePersonalAccessToken();
    const flipped = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    const badChecksum = token.slice(0, 53) + (token[53] === '0' ? '1' : '0');
    for (const value of [
      '',
      'rpat_',
      token.slice(0, 53),
      token + 'a',
      'xpat_' + token.slice(5),
      'RPAT_' + token.slice(5),
      token.slice(0, 30) + '-' + token.slice(31),
      flipped,
      badChecksum,
      ` ${token.slice(1)}`,
    ]) {
      assert.equal(isPersonalAccessTokenFormat(value), false, value);
    }
  });

  it('hashes with SHA-256 and hints with the first 9 characters', () => {
    const token = generatePersonalAccessToken();
    assert.match(hashToken(token), /^[0-9a-f]{64}$/);
    assert.notEqual(hashToken(token), hashToken(generatePersonalAccessToken()));
    assert.equal(tokenHint(token), token.slice(0, 9));
    assert.ok(tokenHint(token).startsWith('rpat_'));
  });
});
