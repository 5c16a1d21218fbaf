import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseAuthorizationHeader } from './basic-credentials.js';

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('parseAuthorizationHeader', () => {
  it('reads an empty user name, as curl -u :<pat> sends it', () => {
    assert.deepEqual(parseAuthorizationHeader(`Basic ${encode(':rpat_x')}`), {
      scheme: 'basic',
      credentials: { username: '', password: 'rpat_x' },
    });
  });

  it('splits at the first colon only, so passwords may contain colons', () => {
    assert.deepEqual(parseAuthorizationHeader(`Basic ${encode('alice:a:b::c')}`), {
      scheme: 'basic',
      credentials: { username: 'alice', password: 'a:b::c' },
    });
  });

  it('keeps an empty password and non-ASCII characters', () => {
    assert.deepEqual(parseAuthorizationHeader(`Basic ${encode('bob:')}`), {
      scheme: 'basic',
      credentials: { username: 'bob', password: '' },
    });
    assert.deepEqual(parseAuthorizationHeader(`Basic ${encode('bob:pässwörd🚀')}`), {
      scheme: 'basic',
      credentials: { username: 'bob', password: 'pässwörd🚀' },
    });
  });

  for (const scheme of ['basic', 'BASIC', 'bAsIc']) {
    it(`matches the scheme name "${scheme}" ignoring case`, () => {
      assert.equal(parseAuthorizationHeader(`${scheme} ${encode('a:b')}`).scheme, 'basic');
    });
  }

  it('accepts base64 without its padding', () => {
    const unpadded = encode('a:bc').replace(/=+$/, '');
    assert.notEqual(unpadded, encode('a:bc'));
    assert.deepEqual(parseAuthorizationHeader(`Basic ${unpadded}`), {
      scheme: 'basic',
      credentials: { username: 'a', password: 'bc' },
    });
  });

  it('does not take a scheme that merely contains "basic"', () => {
    assert.deepEqual(parseAuthorizationHeader(`XBasic ${encode('a:b')}`), {
      scheme: 'other',
      name: 'XBasic',
      credentials: encode('a:b'),
    });
    assert.deepEqual(parseAuthorizationHeader(`Basicx ${encode('a:b')}`), {
      scheme: 'other',
      name: 'Basicx',
      credentials: encode('a:b'),
    });
  });

  it('reports other schemes by name', () => {
    assert.deepEqual(parseAuthorizationHeader('Bearer abc.def.ghi'), {
      scheme: 'other',
      name: 'Bearer',
      credentials: 'abc.def.ghi',
    });
  });

  it('reports a missing header as none', () => {
    assert.deepEqual(parseAuthorizationHeader(undefined), { scheme: 'none' });
  });

  const malformed: Array<[string, string | string[]]> = [
    ['an empty header', ''],
    ['a scheme without credentials', 'Basic'],
    ['a scheme with blank credentials', 'Basic   '],
    ['credentials without a colon', `Basic ${encode('alice')}`],
    ['characters outside base64', 'Basic YWJj*ZGVm'],
    ['padding in the middle', 'Basic YQ==YQ=='],
    ['a truncated quad', 'Basic YWJjZ'],
    ['padding on a partial quad', 'Basic YWJ='],
    ['two credentials', `Basic ${encode('a:b')} ${encode('c:d')}`],
    [
      'bytes that are not UTF-8',
      `Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`,
    ],
    ['a header sent twice', [`Basic ${encode('a:b')}`, `Basic ${encode('c:d')}`]],
    ['a leading space', ` Basic ${encode('a:b')}`],
  ];
  for (const [what, header] of malformed) {
    it(`refuses ${what} as malformed`, () => {
      assert.deepEqual(parseAuthorizationHeader(header), { scheme: 'malformed' });
    });
  }
});
