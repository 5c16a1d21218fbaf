import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { PersonalAccessToken } from '../src/tokens/personal-access-token.entity.js';
import { testDatabases } from './support/databases.js';
import { adminAuth, basic, ISO_UTC, TestApp } from './support/test-app.js';

const DAY = 24 * 60 * 60 * 1000;
const PATH = '/api/v1/personal-access-tokens';

for (const database of testDatabases()) {
  describe(`personal access tokens (${database.name})`, () => {
    let app: TestApp;
    let alice: string;
    let bob: string;

    before(async () => {
      app = await TestApp.start(database);
      alice = await app.createUser('alice');
      bob = await app.createUser('bob');
    });
    after(() => app?.stop());

    it('creates a token, shows its value once and stores only a digest', async () => {
      const before = Date.now();
      const reply = await app.post(
        PATH,
        { name: '  ci-pipeline  ', expiresInDays: 45 },
        { auth: alice },
      );
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.headers.get('cache-control'), 'no-store');
      const { id, name, token, tokenHint, createdAt, expiresAt, lastUsedAt, ...rest } = reply.body;
      assert.deepEqual(rest, {});
      assert.equal(typeof id, 'number');
      assert.equal(name, 'ci-pipeline');
      assert.match(token, /^rpat_[0-9A-Za-z]{49}$/);
      assert.equal(tokenHint, token.slice(0, 9));
      assert.match(createdAt, ISO_UTC);
      assert.ok(Date.parse(createdAt) >= before - 1000);
      assert.equal(Date.parse(expiresAt) - Date.parse(createdAt), 45 * DAY);
      assert.equal(lastUsedAt, null);

      const stored = await app.dataSource
        .getRepository(PersonalAccessToken)
        .findOneByOrFail({ id });
      assert.notEqual(stored.tokenHash, token);
      assert.match(stored.tokenHash, /^[0-9a-f]{64}$/);
      const everything = JSON.stringify(
        await app.dataSource.query('SELECT * FROM personal_access_tokens'),
      );
      assert.ok(!everything.includes(token.slice(9)), 'the token value reached the database');

      const listed = await app.get(PATH, { auth: alice });
      assert.ok(!listed.text.includes(token));
    });

    it('defaults to 30 days and takes null for no expiry', async () => {
      const month = await app.createToken(alice, 'default');
      const created = await app.get(PATH, { auth: alice });
      const entry = created.body.find((item: { id: number }) => item.id === month.id);
      assert.equal(Date.parse(entry.expiresAt) - Date.parse(entry.createdAt), 30 * DAY);
      const forever = await app.createToken(alice, 'forever', null);
      assert.equal(forever.expiresAt, null);
    });

    it('takes each offered lifetime and refuses any other', async () => {
      for (const days of [7, 30, 45, 60, 365]) {
        const created = await app.createToken(bob, `life-${days}`, days);
        assert.ok(created.expiresAt);
      }
      for (const days of [0, 1, 31, 366, -7, 7.5, '30', true]) {
        const reply = await app.post(
          PATH,
          { name: `bad-${String(days)}`, expiresInDays: days },
          { auth: bob },
        );
        assert.equal(reply.status, 400, String(days));
        assert.match(
          reply.body.message[0],
          /^expiresInDays must be one of 7, 30, 45, 60, 365 or null/,
        );
      }
    });

    it('refuses bad names with a message per field, and stores nothing', async () => {
      const before = (await app.get(PATH, { auth: alice })).body.length;
      for (const body of [
        {},
        { name: '' },
        { name: '   ' },
        { name: 'x'.repeat(101) },
        { name: 'a\nb' },
        { name: 7 },
        { name: 'ok', extra: 1 },
      ]) {
        const reply = await app.post(PATH, body, { auth: alice });
        assert.equal(reply.status, 400, JSON.stringify(body));
        assert.equal(reply.body.error, 'Bad Request');
        assert.ok(Array.isArray(reply.body.message) && reply.body.message.length > 0);
      }
      const malformed = await app.post(PATH, '{"name":', {
        auth: alice,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(malformed.status, 400);
      assert.equal((await app.get(PATH, { auth: alice })).body.length, before);
    });

    it('keeps names unique per user ignoring case, and emoji names apart', async () => {
      await app.createToken(alice, 'Deploy 🚀');
      const clash = await app.post(PATH, { name: 'deploy 🚀' }, { auth: alice });
      assert.equal(clash.status, 409);
      assert.match(clash.body.message, /already have a token named/);
      await app.createToken(alice, 'Deploy 🎉');
      await app.createToken(bob, 'deploy 🚀');
      const names = (await app.get(PATH, { auth: alice })).body.map(
        (item: { name: string }) => item.name,
      );
      assert.ok(names.includes('Deploy 🚀') && names.includes('Deploy 🎉'));
    });

    it('lists only the caller’s tokens, newest first, never the value', async () => {
      const first = await app.createToken(bob, 'order-1');
      const second = await app.createToken(bob, 'order-2');
      const reply = await app.get(PATH, { auth: bob });
      assert.equal(reply.status, 200);
      const ids = reply.body.map((item: { id: number }) => item.id);
      assert.ok(ids.indexOf(second.id) < ids.indexOf(first.id));
      assert.deepEqual(
        [...ids].sort((a: number, b: number) => b - a),
        ids,
      );
      for (const item of reply.body) {
        assert.deepEqual(Object.keys(item).sort(), [
          'createdAt',
          'expired',
          'expiresAt',
          'id',
          'lastUsedAt',
          'name',
          'tokenHint',
        ]);
      }
      assert.ok(!reply.text.includes(second.token));
      const aliceIds = (await app.get(PATH, { auth: alice })).body.map(
        (item: { id: number }) => item.id,
      );
      assert.ok(!aliceIds.includes(second.id));
    });

    it('needs a password sign-in to create a token: a PAT cannot mint another', async () => {
      const created = await app.createToken(alice, 'minter');
      for (const options of [
        { auth: basic('', created.token) },
        { headers: { 'x-release-personal-token': created.token } },
      ]) {
        const reply = await app.post(PATH, { name: 'child' }, options);
        assert.equal(reply.status, 403);
        assert.match(reply.body.message, /personal access token cannot/);
      }
    });

    it("deletes the caller's own token and answers 404 for anyone else's", async () => {
      const bobs = await app.createToken(bob, 'bobs');
      const attempt = await app.delete(`${PATH}/${bobs.id}`, { auth: alice });
      assert.equal(attempt.status, 404);
      assert.equal(
        (await app.get('/api/v1/releases', { auth: basic('', bobs.token) })).status,
        200,
      );

      const reply = await app.delete(`${PATH}/${bobs.id}`, { auth: bob });
      assert.equal(reply.status, 204);
      assert.equal(reply.text, '');
      assert.equal((await app.delete(`${PATH}/${bobs.id}`, { auth: bob })).status, 404);
    });

    it('lets a token delete itself', async () => {
      const created = await app.createToken(alice, 'self-destruct');
      const reply = await app.delete(`${PATH}/${created.id}`, {
        headers: { 'x-release-personal-token': created.token },
      });
      assert.equal(reply.status, 204);
      assert.equal(
        (await app.get(PATH, { headers: { 'x-release-personal-token': created.token } })).status,
        401,
      );
    });

    it('answers 400 for an id that cannot name a token, never 500', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999', '%20']) {
        const reply = await app.delete(`${PATH}/${id}`, { auth: alice });
        assert.equal(reply.status, 400, id);
      }
    });

    it("lets an admin list and delete a user's tokens, and no one else", async () => {
      const created = await app.createToken(bob, 'audited');
      const listed = await app.get('/api/v1/users/BOB/personal-access-tokens', {
        auth: adminAuth(),
      });
      assert.equal(listed.status, 200);
      assert.ok(listed.body.some((item: { id: number }) => item.id === created.id));
      assert.ok(!listed.text.includes(created.token));

      assert.equal(
        (await app.get('/api/v1/users/bob/personal-access-tokens', { auth: alice })).status,
        403,
      );
      assert.equal(
        (
          await app.delete(`/api/v1/users/bob/personal-access-tokens/${created.id}`, {
            auth: alice,
          })
        ).status,
        403,
      );
      assert.equal(
        (await app.get('/api/v1/users/nobody/personal-access-tokens', { auth: adminAuth() }))
          .status,
        404,
      );
      assert.equal(
        (
          await app.delete(`/api/v1/users/alice/personal-access-tokens/${created.id}`, {
            auth: adminAuth(),
          })
        ).status,
        404,
      );

      const removed = await app.delete(`/api/v1/users/bob/personal-access-tokens/${created.id}`, {
        auth: adminAuth(),
      });
      assert.equal(removed.status, 204);
      assert.equal(
        (await app.get('/api/v1/releases', { auth: basic('', created.token) })).status,
        401,
      );
    });

    it('gives external users no password to sign in with, so no way to a token', async () => {
      await app.post('/api/v1/users', { username: 'lena', source: 'ldap' }, { auth: adminAuth() });
      const reply = await app.post(
        PATH,
        { name: 'x' },
        { auth: basic('lena', 'whatever-password') },
      );
      assert.equal(reply.status, 401);
    });
  });

  describe(`PAT_MAX_LIFETIME_DAYS (${database.name})`, () => {
    let app: TestApp;
    before(async () => {
      app = await TestApp.start(database, { PAT_MAX_LIFETIME_DAYS: '20' });
    });
    after(() => app?.stop());

    it('shortens the default lifetime to the longest one allowed', async () => {
      const created = await app.createToken(adminAuth(), 'default-under-cap');
      assert.ok(created.expiresAt);
      const reply = await app.get(PATH, { auth: adminAuth() });
      const entry = reply.body.find((item: { id: number }) => item.id === created.id);
      assert.equal(Date.parse(entry.expiresAt) - Date.parse(entry.createdAt), 7 * DAY);
    });

    it('refuses longer lives and null, and still takes shorter ones', async () => {
      const auth = adminAuth();
      assert.equal((await app.post(PATH, { name: 'a', expiresInDays: 7 }, { auth })).status, 201);
      for (const expiresInDays of [30, 365, null]) {
        const reply = await app.post(PATH, { name: `c-${expiresInDays}`, expiresInDays }, { auth });
        assert.equal(reply.status, 400);
        assert.match(reply.body.message[0], /at most 20/);
      }
    });
  });
}
