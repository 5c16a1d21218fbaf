import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { PersonalAccessToken } from '../src/tokens/personal-access-token.entity.js';
import { testDatabases } from './support/databases.js';
import { adminAuth, basic, TestApp } from './support/test-app.js';

const FAILURE = {
  statusCode: 401,
  error: 'Unauthorized',
  message: 'Authentication required: the credentials are missing or not valid',
};

for (const database of testDatabases()) {
  describe(`signing in (${database.name})`, () => {
    let app: TestApp;
    let alice: string;
    let token: string;

    before(async () => {
      app = await TestApp.start(database);
      alice = await app.createUser('alice');
      await app.createUser('bob');
      token = (await app.createToken(alice, 'cli')).token;
    });
    after(() => app?.stop());

    async function assertRefused(options: { auth?: string; headers?: Record<string, string> }) {
      const reply = await app.get('/api/v1/releases', options);
      assert.equal(reply.status, 401, reply.text);
      assert.deepEqual(reply.body, FAILURE);
      assert.equal(reply.headers.get('www-authenticate'), 'Basic realm="release-access"');
    }

    async function whoAmI(options: { auth?: string; headers?: Record<string, string> }) {
      const reply = await app.get('/api/v1/profile', options);
      assert.equal(reply.status, 200, reply.text);
      return reply.body as { username: string; authenticatedWith: string };
    }

    it('accepts a PAT as the password of Basic with an empty user name', async () => {
      const profile = await whoAmI({ auth: basic('', token) });
      assert.equal(profile.username, 'alice');
      assert.equal(profile.authenticatedWith, 'personal-access-token');
    });

    it('accepts a PAT in the x-release-personal-token header', async () => {
      const profile = await whoAmI({ headers: { 'x-release-personal-token': token } });
      assert.equal(profile.username, 'alice');
      assert.equal(profile.authenticatedWith, 'personal-access-token');
    });

    it("accepts a PAT under its owner's name, ignoring case, and refuses any other name", async () => {
      assert.equal((await whoAmI({ auth: basic('ALICE', token) })).username, 'alice');
      await assertRefused({ auth: basic('bob', token) });
      await assertRefused({ auth: basic('admin', token) });
      await assertRefused({ auth: basic('nobody', token) });
    });

    it('accepts an internal user name and password, with any case of the scheme name', async () => {
      const encoded = basic('alice', 'alice-password').slice('Basic '.length);
      for (const scheme of ['Basic', 'basic', 'BASIC']) {
        const profile = await whoAmI({ auth: `${scheme} ${encoded}` });
        assert.equal(profile.authenticatedWith, 'password');
      }
    });

    it('refuses every kind of bad credential with the same answer', async () => {
      await assertRefused({});
      await assertRefused({ auth: basic('alice', 'wrong-password') });
      await assertRefused({ auth: basic('ALICE', 'wrong-password') });
      await assertRefused({ auth: basic('nobody', 'alice-password') });
      await assertRefused({ auth: basic('', 'alice-password') });
      await assertRefused({
        auth: basic('', token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')),
      });
      await assertRefused({ auth: basic('', 'rpat_' + 'A'.repeat(49)) });
      await assertRefused({ headers: { 'x-release-personal-token': 'alice-password' } });
      await assertRefused({ headers: { 'x-release-personal-token': `Bearer ${token}` } });
      await assertRefused({ auth: `Bearer ${token}` });
      await assertRefused({ auth: 'Basic' });
      await assertRefused({ auth: 'Basic !!!' });
      await assertRefused({ auth: `Basic ${Buffer.from('no-colon').toString('base64')}` });
      await assertRefused({ auth: `XBasic ${basic('alice', 'alice-password').slice(6)}` });
    });

    it('never falls back from a bad credential to a good one', async () => {
      await assertRefused({
        auth: basic('alice', 'wrong'),
        headers: { 'x-release-personal-token': token },
      });
      await assertRefused({ auth: `Bearer x`, headers: { 'x-release-personal-token': token } });
      await assertRefused({
        auth: basic('', token),
        headers: { 'x-release-personal-token': 'rpat_bad' },
      });
    });

    it('refuses a PAT header sent twice', async () => {
      const response = await fetch(`${app.baseUrl}/api/v1/releases`, {
        headers: [
          ['x-release-personal-token', token],
          ['x-release-personal-token', token],
        ],
      });
      assert.equal(response.status, 401);
    });

    it('sends the expiry of the token used with each PAT response', async () => {
      const created = await app.createToken(alice, 'expiring', 7);
      const reply = await app.get('/api/v1/releases', { auth: basic('', created.token) });
      assert.equal(reply.headers.get('x-release-token-expires-at'), created.expiresAt);
      const forever = await app.createToken(alice, 'forever', null);
      const again = await app.get('/api/v1/releases', { auth: basic('', forever.token) });
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('x-release-token-expires-at'), null);
      const withPassword = await app.get('/api/v1/releases', { auth: alice });
      assert.equal(withPassword.headers.get('x-release-token-expires-at'), null);
    });

    it('refuses a revoked token on the next request by both schemes', async () => {
      const created = await app.createToken(alice, 'to revoke');
      assert.equal(
        (await app.get('/api/v1/releases', { auth: basic('', created.token) })).status,
        200,
      );
      assert.equal(
        (await app.delete(`/api/v1/personal-access-tokens/${created.id}`, { auth: alice })).status,
        204,
      );
      await assertRefused({ auth: basic('', created.token) });
      await assertRefused({ headers: { 'x-release-personal-token': created.token } });
    });

    it('refuses a token from the instant it expires', async () => {
      const created = await app.createToken(alice, 'short-lived', 7);
      const tokens = app.dataSource.getRepository(PersonalAccessToken);
      await tokens.update({ id: created.id }, { expiresAt: new Date(Date.now() + 60_000) });
      assert.equal(
        (await app.get('/api/v1/releases', { auth: basic('', created.token) })).status,
        200,
      );
      await tokens.update({ id: created.id }, { expiresAt: new Date(Date.now() - 1) });
      await assertRefused({ auth: basic('', created.token) });
      await assertRefused({ headers: { 'x-release-personal-token': created.token } });
      const listed = await app.get('/api/v1/personal-access-tokens', { auth: alice });
      const entry = listed.body.find((item: { id: number }) => item.id === created.id);
      assert.equal(entry.expired, true);
    });

    for (const [change, patch] of [
      ['disabled', { enabled: false }],
      ['switched to ldap', { source: 'ldap' }],
      ['switched to oidc', { source: 'oidc' }],
    ] as const) {
      it(`takes PAT access away from a user who is ${change}`, async () => {
        const username = `carol-${patch.source ?? 'disabled'}`;
        const carol = await app.createUser(username);
        const carolToken = (await app.createToken(carol, 'ci')).token;
        assert.equal(
          (
            await app.get('/api/v1/releases', {
              headers: { 'x-release-personal-token': carolToken },
            })
          ).status,
          200,
        );

        const patched = await app.patch(`/api/v1/users/${username}`, patch, { auth: adminAuth() });
        assert.equal(patched.status, 200, patched.text);
        await assertRefused({ auth: basic('', carolToken) });
        await assertRefused({ headers: { 'x-release-personal-token': carolToken } });
        await assertRefused({ auth: carol });

        const left = await app.dataSource.getRepository(PersonalAccessToken).countBy({});
        const own = await app.get(`/api/v1/users/${username}/personal-access-tokens`, {
          auth: adminAuth(),
        });
        assert.equal(own.status, 200);
        // Making a user external deletes their tokens; disabling keeps them, unusable, for re-enabling.
        assert.equal(own.body.length, patch.source ? 0 : 1);
        assert.ok(left >= 1);
      });
    }

    it('gives a re-enabled user their tokens back', async () => {
      const dave = await app.createUser('dave');
      const daveToken = (await app.createToken(dave, 'ci')).token;
      await app.patch('/api/v1/users/dave', { enabled: false }, { auth: adminAuth() });
      await assertRefused({ auth: basic('', daveToken) });
      await app.patch('/api/v1/users/dave', { enabled: true }, { auth: adminAuth() });
      assert.equal((await app.get('/api/v1/releases', { auth: basic('', daveToken) })).status, 200);
    });

    it('takes PAT access away from a deleted user, even if the name is created again', async () => {
      const erin = await app.createUser('erin');
      const erinToken = (await app.createToken(erin, 'ci')).token;
      assert.equal((await app.delete('/api/v1/users/erin', { auth: adminAuth() })).status, 204);
      await assertRefused({ auth: basic('', erinToken) });
      await app.createUser('erin');
      await assertRefused({ auth: basic('', erinToken) });
      await assertRefused({ auth: basic('erin', erinToken) });
    });

    it('records lastUsedAt on success by either scheme, at most once a minute, never on failure', async () => {
      const created = await app.createToken(alice, 'usage');
      const tokens = app.dataSource.getRepository(PersonalAccessToken);
      assert.equal((await tokens.findOneByOrFail({ id: created.id })).lastUsedAt, null);

      await app.get('/api/v1/releases', { headers: { 'x-release-personal-token': created.token } });
      const first = (await tokens.findOneByOrFail({ id: created.id })).lastUsedAt;
      assert.ok(first instanceof Date);

      await app.get('/api/v1/releases', { auth: basic('', created.token) });
      assert.equal(
        (await tokens.findOneByOrFail({ id: created.id })).lastUsedAt?.getTime(),
        first.getTime(),
      );

      const old = new Date(Date.now() - 120_000);
      await tokens.update({ id: created.id }, { lastUsedAt: old });
      await app.get('/api/v1/releases', { auth: basic('bob', created.token) });
      assert.equal(
        (await tokens.findOneByOrFail({ id: created.id })).lastUsedAt?.getTime(),
        old.getTime(),
      );

      await app.get('/api/v1/releases', { auth: basic('', created.token) });
      const later = (await tokens.findOneByOrFail({ id: created.id })).lastUsedAt;
      assert.ok(later && later.getTime() > old.getTime() + 60_000);
    });

    it('leaves public routes open and protects everything under /api/v1', async () => {
      assert.equal((await app.get('/health')).status, 200);
      assert.equal((await app.get('/docs-json')).status, 200);
      for (const path of [
        '/api/v1/users',
        '/api/v1/profile',
        '/api/v1/personal-access-tokens',
        '/api/v1/releases/1',
      ]) {
        const reply = await app.get(path);
        assert.equal(reply.status, 401, path);
      }
    });
  });
}
