import 'reflect-metadata';

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { BadRequestException, Type } from '@nestjs/common';

import { PageQuery } from './page.query.js';
import { CreateTokenDto } from '../tokens/dto/token.dto.js';
import { generatePersonalAccessToken } from '../tokens/token-format.js';
import { CreateUserDto, UpdateUserDto } from '../users/dto/user.dto.js';
import { createValidationPipe } from './validation.js';

const pipe = createValidationPipe();

async function validate<T>(
  type: Type<T>,
  value: unknown,
  kind: 'body' | 'query' = 'body',
): Promise<T> {
  return (await pipe.transform(value, { type: kind, metatype: type })) as T;
}

async function messages(
  type: Type,
  value: unknown,
  kind: 'body' | 'query' = 'body',
): Promise<string[]> {
  try {
    await validate(type, value, kind);
  } catch (error) {
    assert.ok(error instanceof BadRequestException);
    return (error.getResponse() as { message: string[] }).message;
  }
  assert.fail('expected a validation error');
}

describe('request validation', () => {
  it('trims a token name and keeps emoji', async () => {
    const dto = await validate(CreateTokenDto, { name: '  deploy 🚀  ', expiresInDays: 7 });
    assert.equal(dto.name, 'deploy 🚀');
    assert.equal(dto.expiresInDays, 7);
  });

  it('accepts a null expiry and an omitted one', async () => {
    assert.equal(
      (await validate(CreateTokenDto, { name: 'a', expiresInDays: null })).expiresInDays,
      null,
    );
    assert.equal((await validate(CreateTokenDto, { name: 'a' })).expiresInDays, undefined);
  });

  const badTokens: Array<[string, unknown, RegExp]> = [
    ['a blank name', { name: '   ' }, /^name must be text of 1-100 characters/],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, /^name must be text of 1-100/],
    [
      'a control character',
      { name: 'a\u0007b' },
      /^name must be text of 1-100 characters without control/,
    ],
    ['a number as name', { name: 12 }, /^name must be a string/],
    [
      'a lifetime not offered',
      { name: 'a', expiresInDays: 31 },
      /^expiresInDays must be one of 7, 30, 45, 60, 365 or null/,
    ],
    ['a lifetime as a string', { name: 'a', expiresInDays: '30' }, /^expiresInDays must be one of/],
    ['an unknown field', { name: 'a', scopes: ['all'] }, /^property scopes should not exist/],
  ];
  for (const [what, body, message] of badTokens) {
    it(`refuses a token with ${what}`, async () => {
      const found = await messages(CreateTokenDto, body);
      assert.ok(
        found.some((text) => message.test(text)),
        found.join(' | '),
      );
    });
  }

  it('allows 100 characters counted as characters, not UTF-16 units', async () => {
    assert.equal((await validate(CreateTokenDto, { name: '🚀'.repeat(100) })).name.length, 200);
    await messages(CreateTokenDto, { name: '🚀'.repeat(101) });
  });

  it('never coerces a string into a boolean', async () => {
    const found = await messages(UpdateUserDto, { enabled: 'false' });
    assert.deepEqual(found, ['enabled must be a boolean value']);
  });

  it('lists every offending field of a user', async () => {
    const found = await messages(CreateUserDto, {
      username: 'a b',
      password: 'short',
      source: 'ad',
      admin: 1,
    });
    assert.ok(found.some((text) => text.startsWith('username must be')));
    assert.ok(found.some((text) => text.startsWith('password must be longer')));
    assert.ok(found.some((text) => text.startsWith('source must be one of')));
    assert.ok(found.some((text) => text.startsWith('admin must be a boolean')));
  });

  it('refuses a password in the PAT format without echoing it', async () => {
    const token = generatePersonalAccessToken();
    const found = await messages(CreateUserDto, { username: 'bob', password: token });
    assert.deepEqual(found, ['password must not have the format of a personal access token']);
  });

  it('accepts null to clear a full name or email', async () => {
    const dto = await validate(UpdateUserDto, { fullName: null, email: null });
    assert.equal(dto.fullName, null);
    assert.equal(dto.email, null);
  });

  it('refuses a body that is not an object', async () => {
    await messages(CreateUserDto, ['alice']);
  });

  it('answers a bad page number with the one message that says what to fix', async () => {
    for (const page of ['10000000000', '2147483647', '-1', '1e3', 'x']) {
      assert.deepEqual(await messages(PageQuery, { page }, 'query'), [
        'page must be a whole number from 0 to 10000000',
      ]);
    }
  });

  it('turns whole numbers in a query into numbers and refuses the rest', async () => {
    const query = await validate(PageQuery, { page: '2', resultsPerPage: '50' }, 'query');
    assert.deepEqual({ ...query }, { page: 2, resultsPerPage: 50 });
    for (const bad of [
      { page: '-1' },
      { page: '1.5' },
      { page: 'x' },
      { resultsPerPage: '0' },
      { resultsPerPage: '1001' },
    ]) {
      await messages(PageQuery, bad, 'query');
    }
  });
});
