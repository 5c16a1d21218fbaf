import assert from 'node:assert/strict';
import { createHmac, createPublicKey } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { testDatabases } from './support/databases.js';
import { TestIssuer } from './support/oidc-issuer.js';
import { adminAuth, basic, TestApp } from './support/test-app.js';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

for (const database of testDatabases()) {
  describe(`OpenID Connect sign-in (${database.name})`, () => {
    let issuer: TestIssuer;
    let app: TestApp;

    before(async () => {
      issuer = await TestIssuer.start();
      app = await TestApp.start(database, {
        OIDC_ISSUER: issuer.issuer,
        OIDC_AUDIENCE: 'release-access',
        OIDC_ADMIN_GROUP: 'release-admins',
        OIDC_JWKS_REFRESH_COOLDOWN_SECONDS: '0',
      });
    });
    after(async () => {
      await app?.stop();
      await issuer?.close();
    });

    const bearer = (token: string) => `Bearer ${token}`;

    async function assertRefused(token: string) {
      const reply = await app.get('/api/v1/profile', { auth: bearer(token) });
      assert.equal(reply.status, 401, reply.text);
      assert.deepEqual(Object.keys(reply.body).sort(), ['error', 'message', 'statusCode']);
      assert.match(reply.body.message, /^Authentication required/);
      assert.equal(reply.headers.get('www-authenticate'), 'Basic realm="release-access"');
    }

    it('creates the user on the first valid sign-in', async () => {
      const token = await issuer.sign({
        preferred_username: 'olga',
        name: 'Olga 🌍',
        email: 'olga@example.com',
      });
      const reply = await app.get('/api/v1/profile', { auth: bearer(token) });
      assert.equal(reply.status, 200, reply.text);
      assert.equal(reply.body.username, 'olga');
      assert.equal(reply.body.source, 'oidc');
      assert.equal(reply.body.fullName, 'Olga 🌍');
      assert.equal(reply.body.email, 'olga@example.com');
      assert.equal(reply.body.admin, false);
      assert.equal(reply.body.authenticatedWith, 'oidc');

      const listed = await app.get('/api/v1/users/olga', { auth: adminAuth() });
      assert.equal(listed.body.source, 'oidc');
      assert.equal((await app.get('/api/v1/profile', { auth: `bearer ${token}` })).status, 200);
    });

    it('refreshes name, email and admin from later sign-ins, and follows the admin group', async () => {
      const asAdmin = await issuer.sign({
        preferred_username: 'olga',
        name: 'Olga K',
        email: 'ok@example.com',
        groups: ['dev', 'release-admins'],
      });
      const profile = await app.get('/api/v1/profile', { auth: bearer(asAdmin) });
      assert.equal(profile.body.fullName, 'Olga K');
      assert.equal(profile.body.email, 'ok@example.com');
      assert.equal(profile.body.admin, true);
      assert.equal((await app.get('/api/v1/users', { auth: bearer(asAdmin) })).status, 200);

      const demoted = await issuer.sign({
        preferred_username: 'olga',
        name: 'Olga K',
        groups: ['dev'],
      });
      assert.equal((await app.get('/api/v1/users', { auth: bearer(demoted) })).status, 403);
      const stored = await app.get('/api/v1/users/olga', { auth: adminAuth() });
      assert.equal(stored.body.admin, false);
      assert.equal(stored.body.email, null);
    });

    it('drops a name or email claim that breaks the rules of those fields', async () => {
      const token = await issuer.sign({
        preferred_username: 'mallory',
        name: '\u202egnp.exe\u0000\u001b[31m',
        email: 'not an email <script>',
      });
      const sneaky = await issuer.sign({
        preferred_username: 'mallory2',
        email: 'ab\u202ecd@example.com',
      });
      assert.equal((await app.get('/api/v1/profile', { auth: bearer(sneaky) })).body.email, null);
      const reply = await app.get('/api/v1/profile', { auth: bearer(token) });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.fullName, null);
      assert.equal(reply.body.email, null);
      const trimmed = await issuer.sign({
        preferred_username: 'mallory',
        name: '  Mallory M  ',
        email: 'm@example.com',
      });
      const again = await app.get('/api/v1/profile', { auth: bearer(trimmed) });
      assert.equal(again.body.fullName, 'Mallory M');
      assert.equal(again.body.email, 'm@example.com');
    });

    it('lets external users use the API but never create a personal access token', async () => {
      const token = await issuer.sign({ preferred_username: 'olga' });
      const release = await app.post(
        '/api/v1/releases',
        { title: 'from oidc' },
        { auth: bearer(token) },
      );
      assert.equal(release.status, 201);
      assert.equal(release.body.owner, 'olga');

      const pat = await app.post(
        '/api/v1/personal-access-tokens',
        { name: 'nope' },
        { auth: bearer(token) },
      );
      assert.equal(pat.status, 403);
      assert.match(pat.body.message, /Personal access tokens .*internal users only/);
      const password = await app.request('PUT', '/api/v1/profile/password', {
        auth: bearer(token),
        body: { currentPassword: 'x', newPassword: 'new-password-1' },
      });
      assert.equal(password.status, 403);
      assert.deepEqual(
        (await app.get('/api/v1/personal-access-tokens', { auth: bearer(token) })).body,
        [],
      );
    });

    it('refuses expired, not yet valid, wrongly addressed and subject-less tokens', async () => {
      const now = Math.floor(Date.now() / 1000);
      await assertRefused(
        await issuer.sign({ preferred_username: 'olga' }, { expiresAt: now - 120 }),
      );
      await assertRefused(await issuer.sign({ preferred_username: 'olga', nbf: now + 600 }));
      await assertRefused(
        await issuer.sign({ preferred_username: 'olga' }, { audience: 'another-client' }),
      );
      await assertRefused(
        await issuer.sign({ preferred_username: 'olga' }, { issuer: 'https://evil.example' }),
      );
      await assertRefused(await issuer.sign({ preferred_username: 'olga', sub: undefined }));
      await assertRefused(await issuer.sign({ name: 'no user name claim' }));
      await assertRefused(await issuer.sign({ preferred_username: 'not a valid name' }));
      // Within the clock tolerance, a token that just expired still passes.
      const justExpired = await issuer.sign({ preferred_username: 'olga' }, { expiresAt: now - 5 });
      assert.equal((await app.get('/api/v1/profile', { auth: bearer(justExpired) })).status, 200);
    });

    it('refuses a bad signature, alg none and HS256 keyed with the public key', async () => {
      const valid = await issuer.sign({ preferred_username: 'olga' });
      const [header, payload, signature] = valid.split('.');
      const tampered = base64url(
        JSON.stringify({
          ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
          preferred_username: 'admin2',
        }),
      );
      await assertRefused(`${header}.${tampered}.${signature}`);

      const impostor = await issuer.newKey(false);
      await assertRefused(
        await issuer.sign(
          { preferred_username: 'olga' },
          { key: impostor, kid: issuer.keys[0].kid },
        ),
      );

      const claims = base64url(
        JSON.stringify({
          sub: 's',
          preferred_username: 'olga',
          iss: issuer.issuer,
          aud: 'release-access',
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
      );
      await assertRefused(`${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${claims}.`);
      await assertRefused(
        `${base64url(JSON.stringify({ alg: 'none', kid: issuer.keys[0].kid }))}.${claims}.`,
      );

      const publicPem = createPublicKey({
        key: issuer.keys[0].publicJwk as never,
        format: 'jwk',
      }).export({ type: 'spki', format: 'pem' });
      for (const secret of [publicPem, JSON.stringify(issuer.keys[0].publicJwk)]) {
        const hsHeader = base64url(
          JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: issuer.keys[0].kid }),
        );
        const mac = createHmac('sha256', secret)
          .update(`${hsHeader}.${claims}`)
          .digest('base64url');
        await assertRefused(`${hsHeader}.${claims}.${mac}`);
      }
      await assertRefused('not-a-jwt');
      await assertRefused('a.b');
    });

    it('follows a key rotation: an unknown key id makes it fetch the key set again', async () => {
      const next = await issuer.newKey(false);
      const token = await issuer.sign({ preferred_username: 'olga' }, { key: next });
      await assertRefused(token);

      issuer.rotateTo(next);
      const fetches = issuer.keySetFetches;
      assert.equal((await app.get('/api/v1/profile', { auth: bearer(token) })).status, 200);
      assert.ok(issuer.keySetFetches > fetches);
      await assertRefused(
        await issuer.sign({ preferred_username: 'olga' }, { key: issuer.keys[0] }),
      );
    });

    it('refuses a name that belongs to an internal or LDAP user, never merging them', async () => {
      const next = issuer.keys[issuer.keys.length - 1];
      await app.createUser('alice');
      await assertRefused(
        await issuer.sign({ preferred_username: 'Alice', name: 'Mallory' }, { key: next }),
      );
      const alice = await app.get('/api/v1/users/alice', { auth: adminAuth() });
      assert.equal(alice.body.source, 'internal');
      assert.equal(alice.body.fullName, null);
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('alice', 'alice-password') })).status,
        200,
      );

      await app.post('/api/v1/users', { username: 'lars', source: 'ldap' }, { auth: adminAuth() });
      await assertRefused(await issuer.sign({ preferred_username: 'lars' }, { key: next }));
      await assertRefused(
        await issuer.sign(
          { preferred_username: 'admin', groups: ['release-admins'] },
          { key: next },
        ),
      );
    });

    it('refuses a disabled external user, and takes them back once enabled', async () => {
      const token = await issuer.sign(
        { preferred_username: 'olga' },
        { key: issuer.keys[issuer.keys.length - 1] },
      );
      assert.equal(
        (await app.patch('/api/v1/users/olga', { enabled: false }, { auth: adminAuth() })).status,
        200,
      );
      await assertRefused(token);
      await app.patch('/api/v1/users/olga', { enabled: true }, { auth: adminAuth() });
      assert.equal((await app.get('/api/v1/profile', { auth: bearer(token) })).status, 200);
    });

    it('refuses a bearer token sent together with a PAT header', async () => {
      const token = await issuer.sign(
        { preferred_username: 'olga' },
        { key: issuer.keys[issuer.keys.length - 1] },
      );
      const pat = (await app.createToken(adminAuth(), 'both')).token;
      const reply = await app.get('/api/v1/profile', {
        auth: bearer(token),
        headers: { 'x-release-personal-token': pat },
      });
      assert.equal(reply.status, 401);
    });

    it('documents the bearer scheme in the OpenAPI document', async () => {
      const doc = await app.get('/docs-json');
      assert.equal(doc.body.components.securitySchemes.oidc.scheme, 'bearer');
      assert.ok(doc.body.security.some((entry: Record<string, unknown>) => 'oidc' in entry));
    });
  });
}
