import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { testDatabases } from './support/databases.js';
import { rawRequest, slowPost } from './support/raw-http.js';
import { adminAuth, basic, TestApp } from './support/test-app.js';

for (const database of testDatabases()) {
  describe(`hostile input (${database.name})`, () => {
    let app: TestApp;
    let alice: string;
    let adminToken: string;

    before(async () => {
      app = await TestApp.start(database);
      alice = await app.createUser('alice');
      await app.createUser('kate');
      adminToken = (await app.createToken(adminAuth(), 'admin-automation')).token;
    });
    after(() => app?.stop());

    it('does not let an admin PAT set a password, on any user', async () => {
      for (const [method, path, body] of [
        ['PATCH', '/api/v1/users/admin', { password: 'pat-chosen-password' }],
        ['PATCH', '/api/v1/users/alice', { password: 'pat-chosen-password' }],
        ['POST', '/api/v1/users', { username: 'minted', password: 'pat-chosen-password' }],
      ] as const) {
        const reply = await app.request(method, path, { auth: basic('', adminToken), body });
        assert.equal(reply.status, 403, `${method} ${path}`);
        assert.match(reply.body.message, /needs a password sign-in/);
      }
      assert.equal((await app.get('/api/v1/profile', { auth: adminAuth() })).status, 200);
      assert.equal((await app.get('/api/v1/users/minted', { auth: adminAuth() })).status, 404);
      const other = await app.patch(
        '/api/v1/users/alice',
        { fullName: 'Alice A' },
        { auth: basic('', adminToken) },
      );
      assert.equal(other.status, 200);
    });

    it('refuses form, multipart and non-UTF-8 bodies with 415 or 400', async () => {
      for (const [type, body] of [
        ['application/x-www-form-urlencoded', 'title=csrf'],
        [
          'multipart/form-data; boundary=x',
          '--x\r\ncontent-disposition: form-data; name="title"\r\n\r\ncsrf\r\n--x--',
        ],
        ['text/plain', '{"title":"x"}'],
        ['application/json; charset=utf-16', '{"title":"x"}'],
        ['application/json; charset=utf-8; charset=utf-16', '{"title":"x"}'],
      ]) {
        const reply = await app.post('/api/v1/releases', body, {
          auth: alice,
          headers: { 'content-type': type },
        });
        assert.equal(reply.status, 415, type);
        assert.deepEqual(Object.keys(reply.body).sort(), ['error', 'message', 'statusCode']);
      }
      const latin1 = await fetch(`${app.baseUrl}/api/v1/releases`, {
        method: 'POST',
        headers: { authorization: alice, 'content-type': 'application/json' },
        body: Buffer.from('{"title":"caf\xe9"}', 'latin1'),
      });
      assert.equal(latin1.status, 400);
      const releases = await app.get('/api/v1/releases', { auth: alice });
      assert.deepEqual(releases.body, []);
    });

    it('refuses null where a value is required, and bodies that are not objects', async () => {
      const cases: Array<[string, string, unknown]> = [
        ['POST', '/api/v1/users', { username: 'u1', password: null }],
        ['POST', '/api/v1/users', { username: 'u2', password: 'password-1', admin: null }],
        ['PATCH', '/api/v1/users/alice', { password: null }],
        ['PATCH', '/api/v1/users/alice', { enabled: null }],
        ['PATCH', '/api/v1/users/alice', null],
        ['PATCH', '/api/v1/users/alice', []],
        ['POST', '/api/v1/releases', 'null'],
        ['POST', '/api/v1/releases', '"title"'],
        ['POST', '/api/v1/releases', '[{"title":"x"}]'],
      ];
      for (const [method, path, body] of cases) {
        const reply = await app.request(method, path, {
          auth: adminAuth(),
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(reply.status, 400, `${method} ${path} ${JSON.stringify(body)}`);
      }
      assert.equal((await app.get('/api/v1/users/u1', { auth: adminAuth() })).status, 404);
    });

    it('refuses deeply nested JSON with 400, not a crash', async () => {
      const deep = `{"title":"x","d":${'['.repeat(2000)}${']'.repeat(2000)}}`;
      const reply = await app.post('/api/v1/releases', deep, {
        auth: alice,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(reply.status, 400);
      assert.match(reply.body.message, /nests deeper than 32 levels/);
      const proto = await app.post('/api/v1/releases', '{"title":"x","__proto__":{"admin":true}}', {
        auth: alice,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(proto.status, 400);
      assert.match(proto.body.message, /__proto__/);
    });

    it('counts characters as the database does, and refuses text that would display falsely', async () => {
      const selector = 'a\ufe0f'.repeat(255);
      for (const [path, body] of [
        ['/api/v1/releases', { title: selector }],
        ['/api/v1/releases', { title: 'a\u0000b' }],
        ['/api/v1/releases', { title: 'line\u2028separator' }],
        [
          '/api/v1/users',
          { username: 'zed', password: 'password-1', email: '"\u001b[31mx"@example.com' },
        ],
        [
          '/api/v1/users',
          { username: 'zed', password: 'password-1', email: 'ab\u202ecd@example.com' },
        ],
        ['/api/v1/releases', { title: 'x', description: 'bell\u0007' }],
        ['/api/v1/personal-access-tokens', { name: '\ud800' }],
        ['/api/v1/personal-access-tokens', { name: 'ci\u202etxt.exe' }],
        ['/api/v1/users', { username: 'zed', password: 'password-1', fullName: '' }],
        ['/api/v1/users', { username: 'zed', password: 'password-1', fullName: 'x'.repeat(256) }],
      ] as const) {
        const auth = path === '/api/v1/users' ? adminAuth() : alice;
        const reply = await app.post(path, body, { auth });
        assert.equal(reply.status, 400, `${path} ${JSON.stringify(body).slice(0, 40)}`);
      }
      const fits = await app.post(
        '/api/v1/releases',
        { title: 'a\ufe0f'.repeat(127), description: 'line 1\nline 2\tend' },
        { auth: alice },
      );
      assert.equal(fits.status, 201, fits.text);
      assert.equal(fits.body.title, 'a\ufe0f'.repeat(127));
    });

    it('takes path ids only as plain positive whole numbers', async () => {
      const created = await app.post('/api/v1/releases', { title: 'id check' }, { auth: alice });
      const id = created.body.id as number;
      assert.equal((await app.get(`/api/v1/releases/${id}`, { auth: alice })).status, 200);
      for (const spelling of [
        `0x${id.toString(16)}`,
        `${id}e0`,
        `+${id}`,
        `0${id}`,
        `${id}.0`,
        `%20${id}`,
      ]) {
        assert.equal(
          (await app.get(`/api/v1/releases/${spelling}`, { auth: alice })).status,
          400,
          spelling,
        );
      }
      const token = await app.createToken(alice, 'hex-id');
      const hex = await app.delete(`/api/v1/personal-access-tokens/0x${token.id.toString(16)}`, {
        auth: alice,
      });
      assert.equal(hex.status, 400);
      assert.equal(
        (await app.get('/api/v1/releases', { auth: basic('', token.token) })).status,
        200,
      );
    });

    it('refuses a request with two Authorization headers', async () => {
      const token = await app.createToken(alice, 'two-headers');
      const request = (authorizations: string[]) =>
        rawRequest(app.baseUrl, [
          'GET /api/v1/profile HTTP/1.1',
          'Host: 127.0.0.1',
          ...authorizations.map((value) => `Authorization: ${value}`),
          'Connection: close',
          '',
          '',
        ]);
      const status = await request([basic('', token.token), 'Bearer junk']);
      assert.equal(status, 401);
      assert.equal(await request([basic('', token.token)]), 200);
    });

    it('matches user names exactly: no padding, no look-alike letters', async () => {
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('alice   ', 'alice-password') })).status,
        401,
      );
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('\u212aate', 'kate-password') })).status,
        401,
      );
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('KATE', 'kate-password') })).status,
        200,
      );
      const token = await app.createToken(alice, 'padded-owner');
      assert.equal(
        (await app.get('/api/v1/profile', { auth: basic('alice ', token.token) })).status,
        401,
      );
      assert.equal((await app.get('/api/v1/users/alice%20%20', { auth: adminAuth() })).status, 404);
      assert.equal(
        (await app.get('/api/v1/users/%E2%84%AAate', { auth: adminAuth() })).status,
        404,
      );
    });

    it('answers malformed and overlong URLs in the usual error shape', async () => {
      const bad = await app.get('/api/v1/users/%FF', { auth: adminAuth() });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request URL is malformed',
      });
      const long = await app.get(`/api/v1/users/${'a'.repeat(5000)}`, { auth: adminAuth() });
      assert.equal(long.status, 414);
      assert.deepEqual(Object.keys(long.body).sort(), ['error', 'message', 'statusCode']);
      assert.ok(!long.text.includes('aaaaaaaaaa'));
    });
  });
}

for (const database of testDatabases().slice(0, 1)) {
  describe(`slow clients (${database.name})`, () => {
    let app: TestApp;

    before(async () => {
      app = await TestApp.start(database, { REQUEST_TIMEOUT_SECONDS: '1' });
    });
    after(() => app?.stop());

    it('cuts off a body that does not arrive within REQUEST_TIMEOUT_SECONDS', async () => {
      const started = Date.now();
      const slow = slowPost(
        app.baseUrl,
        '/api/v1/releases',
        {
          'content-type': 'application/json',
          'content-length': '1000',
          authorization: adminAuth(),
        },
        '{"title":"',
      );
      const outcome = await slow.outcome;
      assert.ok(outcome === 'status 408' || outcome === 'closed', outcome);
      assert.ok(Date.now() - started < 10_000, 'the slow request was not cut off');
      assert.equal((await app.get('/health')).status, 200);
    });
  });
}
