import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { testDatabases } from './support/databases.js';
import { ADMIN, adminAuth, basic, ISO_UTC, TestApp } from './support/test-app.js';

const USERS = '/api/v1/users';
const USER_KEYS = ['admin', 'createdAt', 'email', 'enabled', 'fullName', 'source', 'username'];

for (const database of testDatabases()) {
  describe(`users (${database.name})`, () => {
    let app: TestApp;

    before(async () => {
      app = await TestApp.start(database);
    });
    after(() => app?.stop());

    it('creates a user with defaults and never returns a password or hash', async () => {
      const reply = await app.post(
        USERS,
        { username: 'Alice', password: 'alice-password', fullName: 'Alice 🚀 Émile' },
        { auth: adminAuth() },
      );
      assert.equal(reply.status, 201, reply.text);
      assert.deepEqual(Object.keys(reply.body).sort(), USER_KEYS);
      assert.equal(reply.body.username, 'Alice');
      assert.equal(reply.body.fullName, 'Alice 🚀 Émile');
      assert.equal(reply.body.source, 'internal');
      assert.equal(reply.body.admin, false);
      assert.equal(reply.body.enabled, true);
      assert.match(reply.body.createdAt, ISO_UTC);

      const fetched = await app.get(`${USERS}/alice`, { auth: adminAuth() });
      assert.equal(fetched.status, 200);
      assert.equal(fetched.body.fullName, 'Alice 🚀 Émile');
      const listed = await app.get(USERS, { auth: adminAuth() });
      assert.ok(!/argon2|password/i.test(listed.text));
    });

    it('keeps user names unique ignoring case', async () => {
      const reply = await app.post(
        USERS,
        { username: 'ALICE', password: 'another-password' },
        { auth: adminAuth() },
      );
      assert.equal(reply.status, 409);
      assert.deepEqual(Object.keys(reply.body).sort(), ['error', 'message', 'statusCode']);
    });

    it('refuses invalid users with a clear 400', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{ username: 'no spaces', password: 'password-1' }, /^username must be/],
        [{ username: 'x'.repeat(65), password: 'password-1' }, /^username must be/],
        [{ username: 'bob' }, /^password is required/],
        [{ username: 'bob', password: 'short' }, /^password must be longer/],
        [{ username: 'bob', password: 'x'.repeat(257) }, /^password must be shorter/],
        [{ username: 'bob', source: 'ldap', password: 'password-1' }, /^password must not be set/],
        [{ username: 'bob', password: 'password-1', admin: 'true' }, /^admin must be a boolean/],
        [{ username: 'bob', password: 'password-1', source: 'saml' }, /^source must be one of/],
        [
          { username: 'bob', password: 'password-1', email: 'not-an-email' },
          /^email must be an email/,
        ],
        [
          { username: 'bob', password: 'password-1', role: 'admin' },
          /^property role should not exist/,
        ],
      ];
      for (const [body, message] of cases) {
        const reply = await app.post(USERS, body, { auth: adminAuth() });
        assert.equal(reply.status, 400, JSON.stringify(body));
        assert.ok(
          reply.body.message.some((text: string) => message.test(text)),
          reply.text,
        );
        assert.ok(!reply.text.includes('password-1'), 'a rejected password was echoed');
      }
      assert.equal((await app.get(`${USERS}/bob`, { auth: adminAuth() })).status, 404);
    });

    it('creates external users without a password', async () => {
      const reply = await app.post(
        USERS,
        { username: 'ldap.user', source: 'ldap', email: 'l@example.com' },
        { auth: adminAuth() },
      );
      assert.equal(reply.status, 201);
      assert.equal(reply.body.source, 'ldap');
    });

    it('keeps every user route for admins', async () => {
      const alice = basic('alice', 'alice-password');
      assert.equal((await app.get(USERS, { auth: alice })).status, 403);
      assert.equal((await app.get(`${USERS}/alice`, { auth: alice })).status, 403);
      assert.equal(
        (await app.post(USERS, { username: 'x', password: 'password-1' }, { auth: alice })).status,
        403,
      );
      assert.equal(
        (await app.patch(`${USERS}/alice`, { admin: true }, { auth: alice })).status,
        403,
      );
      assert.equal((await app.delete(`${USERS}/admin`, { auth: alice })).status, 403);
      const body = (await app.get(USERS, { auth: alice })).body;
      assert.deepEqual(body, {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Only an admin can do this',
      });
    });

    it('updates fields and answers 200 with the user', async () => {
      const reply = await app.patch(
        `${USERS}/alice`,
        { fullName: null, email: 'a@example.com', admin: true },
        { auth: adminAuth() },
      );
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.fullName, null);
      assert.equal(reply.body.email, 'a@example.com');
      assert.equal(reply.body.admin, true);
      assert.equal((await app.get(USERS, { auth: basic('alice', 'alice-password') })).status, 200);
      await app.patch(`${USERS}/alice`, { admin: false }, { auth: adminAuth() });
    });

    it('changes a password through PATCH', async () => {
      await app.patch(`${USERS}/alice`, { password: 'alice-password-2' }, { auth: adminAuth() });
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('alice', 'alice-password') })).status,
        401,
      );
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('alice', 'alice-password-2') })).status,
        200,
      );
      await app.patch(`${USERS}/alice`, { password: 'alice-password' }, { auth: adminAuth() });
    });

    it('needs a password to make an external user internal, and drops it the other way', async () => {
      const missing = await app.patch(
        `${USERS}/ldap.user`,
        { source: 'internal' },
        { auth: adminAuth() },
      );
      assert.equal(missing.status, 400);
      const both = await app.patch(
        `${USERS}/alice`,
        { source: 'oidc', password: 'password-9' },
        { auth: adminAuth() },
      );
      assert.equal(both.status, 400);
      const moved = await app.patch(
        `${USERS}/ldap.user`,
        { source: 'internal', password: 'ldap-password' },
        { auth: adminAuth() },
      );
      assert.equal(moved.status, 200);
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('ldap.user', 'ldap-password') })).status,
        200,
      );
      await app.patch(`${USERS}/ldap.user`, { source: 'ldap' }, { auth: adminAuth() });
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('ldap.user', 'ldap-password') })).status,
        401,
      );
    });

    it('refuses PATCH bodies with wrong types or unknown fields', async () => {
      for (const body of [
        { enabled: 'false' },
        { admin: 0 },
        { username: 'renamed' },
        { source: 'ad' },
      ]) {
        const reply = await app.patch(`${USERS}/alice`, body, { auth: adminAuth() });
        assert.equal(reply.status, 400, JSON.stringify(body));
      }
      assert.equal(
        (await app.patch(`${USERS}/nobody`, { admin: true }, { auth: adminAuth() })).status,
        404,
      );
    });

    it('protects the last enabled internal admin', async () => {
      for (const patch of [{ admin: false }, { enabled: false }, { source: 'ldap' }]) {
        const reply = await app.patch(`${USERS}/${ADMIN.username}`, patch, { auth: adminAuth() });
        assert.equal(reply.status, 409, JSON.stringify(patch));
        assert.match(reply.body.message, /last enabled internal admin/);
      }
      assert.equal(
        (await app.delete(`${USERS}/${ADMIN.username}`, { auth: adminAuth() })).status,
        409,
      );
      // A disabled admin does not count as a second one.
      await app.post(
        USERS,
        { username: 'sleepy', password: 'password-1', admin: true, enabled: false },
        { auth: adminAuth() },
      );
      assert.equal(
        (await app.patch(`${USERS}/${ADMIN.username}`, { admin: false }, { auth: adminAuth() }))
          .status,
        409,
      );

      await app.post(
        USERS,
        { username: 'second', password: 'second-password', admin: true },
        { auth: adminAuth() },
      );
      const demoted = await app.patch(
        `${USERS}/${ADMIN.username}`,
        { admin: false },
        { auth: adminAuth() },
      );
      assert.equal(demoted.status, 200);
      const second = basic('second', 'second-password');
      assert.equal((await app.delete(`${USERS}/second`, { auth: second })).status, 409);
      assert.equal(
        (await app.patch(`${USERS}/${ADMIN.username}`, { admin: true }, { auth: second })).status,
        200,
      );
      assert.equal((await app.delete(`${USERS}/second`, { auth: adminAuth() })).status, 204);
    });

    it('deletes a user and their tokens', async () => {
      const frank = await app.createUser('frank');
      await app.createToken(frank, 'one');
      const reply = await app.delete(`${USERS}/FRANK`, { auth: adminAuth() });
      assert.equal(reply.status, 204);
      assert.equal(reply.text, '');
      assert.equal((await app.get(`${USERS}/frank`, { auth: adminAuth() })).status, 404);
      assert.equal((await app.delete(`${USERS}/frank`, { auth: adminAuth() })).status, 404);
      const [{ count }] = await app.dataSource.query(
        'SELECT COUNT(*) AS count FROM personal_access_tokens WHERE userId NOT IN (SELECT id FROM users)',
      );
      assert.equal(Number(count), 0);
    });
  });

  describe(`profile (${database.name})`, () => {
    let app: TestApp;
    let grace: string;

    before(async () => {
      app = await TestApp.start(database);
      grace = await app.createUser('grace', { fullName: 'Grace 🦄' });
    });
    after(() => app?.stop());

    it('returns the caller and how they signed in', async () => {
      const reply = await app.get('/api/v1/profile', { auth: grace });
      assert.equal(reply.status, 200);
      assert.deepEqual(Object.keys(reply.body).sort(), [...USER_KEYS, 'authenticatedWith'].sort());
      assert.equal(reply.body.username, 'grace');
      assert.equal(reply.body.fullName, 'Grace 🦄');
      assert.equal(reply.body.authenticatedWith, 'password');
    });

    it('changes the password with the current one', async () => {
      const url = '/api/v1/profile/password';
      const wrong = await app.request('PUT', url, {
        auth: grace,
        body: { currentPassword: 'nope', newPassword: 'grace-password-2' },
      });
      assert.equal(wrong.status, 400);
      assert.match(wrong.body.message[0], /currentPassword is not the current password/);

      const weak = await app.request('PUT', url, {
        auth: grace,
        body: { currentPassword: 'grace-password', newPassword: 'short' },
      });
      assert.equal(weak.status, 400);

      const token = (await app.createToken(grace, 'pat')).token;
      const withToken = await app.request('PUT', url, {
        auth: basic('', token),
        body: { currentPassword: 'grace-password', newPassword: 'grace-password-2' },
      });
      assert.equal(withToken.status, 403);

      const ok = await app.request('PUT', url, {
        auth: grace,
        body: { currentPassword: 'grace-password', newPassword: 'grace: new password' },
      });
      assert.equal(ok.status, 204);
      assert.equal((await app.get('/api/v1/profile', { auth: grace })).status, 401);
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('grace', 'grace: new password') })).status,
        200,
      );
      // Changing the password leaves tokens alone.
      assert.equal((await app.get('/api/v1/profile', { auth: basic('', token) })).status, 200);
    });
  });
}
