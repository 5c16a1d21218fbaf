import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';

import { testDatabases } from './support/databases.js';
import { rawRequest, slowPost } from './support/raw-http.js';
import { adminAuth, basic, ISO_UTC, TestApp } from './support/test-app.js';

const ENDPOINTS = '/api/v1/webhook-endpoints';
const SECRET = 'a-webhook-secret-of-some-length';
const MAX_BODY = 2048;

interface Endpoint {
  id: number;
  path: string;
  url: string;
}

for (const database of testDatabases()) {
  describe(`webhook endpoints (${database.name})`, () => {
    let app: TestApp;
    let paths = 0;

    before(async () => {
      app = await TestApp.start(database, { WEBHOOK_MAX_BODY_BYTES: String(MAX_BODY) });
    });
    after(() => app?.stop());

    async function createEndpoint(fields: Record<string, unknown> = {}): Promise<Endpoint> {
      paths += 1;
      const body = {
        title: `hook ${paths}`,
        path: `hooks/n${paths}`,
        authentication: 'token',
        secretToken: SECRET,
        ...fields,
      };
      const reply = await app.post(ENDPOINTS, body, { auth: adminAuth() });
      assert.equal(reply.status, 201, reply.text);
      return reply.body as Endpoint;
    }

    function send(endpoint: { url: string }, body: string, headers: Record<string, string> = {}) {
      return app.request('POST', endpoint.url, {
        body,
        headers: {
          'content-type': 'application/json',
          'x-release-webhook-token': SECRET,
          ...headers,
        },
      });
    }

    async function history(endpoint: Endpoint, query = '') {
      const reply = await app.get(`${ENDPOINTS}/${endpoint.id}/requests${query}`, {
        auth: adminAuth(),
      });
      assert.equal(reply.status, 200, reply.text);
      return reply.body as Array<
        { id: string; body: string; headers: Record<string, string> } & Record<string, unknown>
      >;
    }

    describe('configuration', () => {
      it('creates an endpoint with defaults and never shows the secret', async () => {
        const reply = await app.post(
          ENDPOINTS,
          {
            title: ' GitHub pushes ',
            path: 'github/push',
            authentication: 'token',
            secretToken: SECRET,
          },
          { auth: adminAuth() },
        );
        assert.equal(reply.status, 201, reply.text);
        const { id, createdAt, ...rest } = reply.body;
        assert.equal(typeof id, 'number');
        assert.match(createdAt, ISO_UTC);
        assert.deepEqual(rest, {
          title: 'GitHub pushes',
          enabled: true,
          path: 'github/push',
          url: '/webhooks/github/push',
          authentication: 'token',
          secretTokenSet: true,
          secretIsPersonalAccessToken: false,
          requestRetention: 10,
        });
        for (const path of [ENDPOINTS, `${ENDPOINTS}/${id}`]) {
          const read = await app.get(path, { auth: adminAuth() });
          assert.equal(read.status, 200);
          assert.ok(!read.text.includes(SECRET));
        }
        const stored = JSON.stringify(
          await app.dataSource.query('SELECT * FROM webhook_endpoints'),
        );
        assert.ok(!stored.includes(SECRET), 'the secret reached the database');
      });

      it('refuses a path used by another endpoint', async () => {
        const reply = await app.post(
          ENDPOINTS,
          { title: 'again', path: 'github/push', authentication: 'none' },
          { auth: adminAuth() },
        );
        assert.equal(reply.status, 409);
        assert.match(reply.body.message, /already uses the path github\/push/);
      });

      it('refuses every invalid field with a 400 naming it', async () => {
        const base = { title: 't', path: 'ok/path', authentication: 'none' };
        const cases: Array<[Record<string, unknown>, RegExp]> = [
          [{ path: '../x' }, /^path must be segments/],
          [{ path: 'a//b' }, /^path must be segments/],
          [{ path: '/a' }, /^path must be segments/],
          [{ path: 'a/' }, /^path must be segments/],
          [{ path: 'a/./b' }, /^path must be segments/],
          [{ path: '...' }, /^path must be segments/],
          [{ path: 'a b' }, /^path must be segments/],
          [{ path: 'ü' }, /^path must be segments/],
          [{ path: 'x'.repeat(256) }, /^path must be/],
          [{ title: '' }, /^title must be/],
          [{ title: 'x'.repeat(256) }, /^title must be/],
          [{ authentication: 'basic' }, /^authentication must be one of/],
          [{ authentication: 'token' }, /^secretToken is required when authentication is token/],
          [{ secretToken: SECRET }, /^secretToken must not be set when authentication is none/],
          [
            { authentication: 'token', secretToken: 'too-short' },
            /^secretToken must be 16-1024 printable ASCII/,
          ],
          [
            { authentication: 'token', secretToken: '  padded-secret-123456  ' },
            /^secretToken must be 16-1024/,
          ],
          [
            { authentication: 'token', secretToken: 'sécret-sécret-sécret' },
            /^secretToken must be 16-1024/,
          ],
          [
            { authentication: 'token', secretToken: 'line-one-secret\nline-two' },
            /^secretToken must be 16-1024/,
          ],
          [{ requestRetention: -1 }, /^requestRetention must not be less than 0/],
          [{ requestRetention: 10001 }, /^requestRetention must not be greater than 10000/],
          [{ requestRetention: 1.5 }, /^requestRetention must be an integer/],
          [{ requestRetention: '10' }, /^requestRetention must be an integer/],
          [{ enabled: 'false' }, /^enabled must be a boolean/],
          [{ url: '/webhooks/x' }, /^property url should not exist/],
        ];
        for (const [change, message] of cases) {
          const reply = await app.post(ENDPOINTS, { ...base, ...change }, { auth: adminAuth() });
          assert.equal(reply.status, 400, JSON.stringify(change));
          assert.ok(
            reply.body.message.some((text: string) => message.test(text)),
            `${JSON.stringify(change)}: ${reply.text}`,
          );
        }
        const missing = await app.post(ENDPOINTS, {}, { auth: adminAuth() });
        assert.equal(missing.status, 400);
        for (const field of ['title', 'path', 'authentication']) {
          assert.ok(
            missing.body.message.some((text: string) => text.startsWith(field)),
            field,
          );
        }
        const all = await app.get(ENDPOINTS, { auth: adminAuth() });
        assert.ok(
          !all.body.some((endpoint: Endpoint) => endpoint.path === 'ok/path'),
          'a refused endpoint was stored',
        );
      });

      it('keeps the admin routes for admins, also when they use a PAT', async () => {
        const alice = await app.createUser('alice');
        const endpoint = await createEndpoint({ authentication: 'none', secretToken: undefined });
        for (const [method, path, body] of [
          ['GET', ENDPOINTS, undefined],
          ['POST', ENDPOINTS, { title: 't', path: 'x', authentication: 'none' }],
          ['GET', `${ENDPOINTS}/${endpoint.id}`, undefined],
          ['PATCH', `${ENDPOINTS}/${endpoint.id}`, { enabled: false }],
          ['DELETE', `${ENDPOINTS}/${endpoint.id}`, undefined],
          ['GET', `${ENDPOINTS}/${endpoint.id}/requests`, undefined],
        ] as const) {
          const reply = await app.request(method, path, { auth: alice, body });
          assert.equal(reply.status, 403, `${method} ${path}`);
          assert.equal(
            (await app.request(method, path, { body })).status,
            401,
            `${method} ${path}`,
          );
        }
        const adminToken = (await app.createToken(adminAuth(), 'admin-cli')).token;
        assert.equal((await app.get(ENDPOINTS, { auth: basic('', adminToken) })).status, 200);
      });

      it('reads, updates and deletes an endpoint, with 404 and 400 for bad ids', async () => {
        const endpoint = await createEndpoint();
        const patched = await app.patch(
          `${ENDPOINTS}/${endpoint.id}`,
          { title: 'renamed', enabled: false, path: 'renamed/x' },
          { auth: adminAuth() },
        );
        assert.equal(patched.status, 200, patched.text);
        assert.equal(patched.body.title, 'renamed');
        assert.equal(patched.body.enabled, false);
        assert.equal(patched.body.url, '/webhooks/renamed/x');
        assert.equal(patched.body.secretTokenSet, true);

        const clash = await app.patch(
          `${ENDPOINTS}/${endpoint.id}`,
          { path: 'github/push' },
          { auth: adminAuth() },
        );
        assert.equal(clash.status, 409);
        const noSecret = await app.patch(
          `${ENDPOINTS}/${endpoint.id}`,
          { secretToken: SECRET, authentication: 'none' },
          { auth: adminAuth() },
        );
        assert.equal(noSecret.status, 400);
        const open = await app.patch(
          `${ENDPOINTS}/${endpoint.id}`,
          { authentication: 'none' },
          { auth: adminAuth() },
        );
        assert.equal(open.body.secretTokenSet, false);
        const closed = await app.patch(
          `${ENDPOINTS}/${endpoint.id}`,
          { authentication: 'token' },
          { auth: adminAuth() },
        );
        assert.equal(closed.status, 400);
        assert.match(
          closed.body.message[0],
          /secretToken is required to switch authentication to token/,
        );

        assert.equal((await app.get(`${ENDPOINTS}/999999`, { auth: adminAuth() })).status, 404);
        assert.equal(
          (await app.patch(`${ENDPOINTS}/999999`, { title: 'x' }, { auth: adminAuth() })).status,
          404,
        );
        assert.equal((await app.get(`${ENDPOINTS}/abc`, { auth: adminAuth() })).status, 400);
        assert.equal(
          (await app.get(`${ENDPOINTS}/abc/requests`, { auth: adminAuth() })).status,
          400,
        );

        const deleted = await app.delete(`${ENDPOINTS}/${endpoint.id}`, { auth: adminAuth() });
        assert.equal(deleted.status, 204);
        assert.equal(deleted.text, '');
        assert.equal(
          (await app.get(`${ENDPOINTS}/${endpoint.id}`, { auth: adminAuth() })).status,
          404,
        );
      });
    });

    describe('receiving', () => {
      it('accepts a request with 200, an empty body and the id of the stored request', async () => {
        const endpoint = await createEndpoint();
        const body = '{ "ref" : "main",\n  "note": "caf\\u00e9 ☕ 🚀" }';
        const reply = await app.request('POST', `${endpoint.url}?source=ci&x=1`, {
          body,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'x-release-webhook-token': SECRET,
            'x-github-event': 'push',
          },
        });
        assert.equal(reply.status, 200);
        assert.equal(reply.text, '');
        const id = reply.headers.get('x-release-webhook-request-id');
        assert.match(id ?? '', /^[0-9a-f-]{36}$/);

        const [stored] = await history(endpoint);
        assert.deepEqual(Object.keys(stored).sort(), [
          'body',
          'contentType',
          'headers',
          'id',
          'method',
          'path',
          'query',
          'receivedAt',
          'sourceIp',
        ]);
        assert.equal(stored.id, id);
        assert.equal(stored.body, body);
        assert.equal(stored.method, 'POST');
        assert.equal(stored.path, endpoint.url);
        assert.equal(stored.query, 'source=ci&x=1');
        assert.equal(stored.contentType, 'application/json; charset=utf-8');
        assert.equal(stored.headers['x-github-event'], 'push');
        assert.equal(stored.sourceIp, '127.0.0.1');
        assert.match(stored.receivedAt as string, ISO_UTC);
      });

      it('refuses a missing or wrong token with 401 and stores nothing', async () => {
        const endpoint = await createEndpoint();
        for (const token of [
          undefined,
          '',
          'wrong',
          SECRET.toUpperCase(),
          `${SECRET}x`,
          SECRET.slice(0, -1),
        ]) {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (token !== undefined) headers['x-release-webhook-token'] = token;
          const reply = await app.request('POST', endpoint.url, { body: '{}', headers });
          assert.equal(reply.status, 401, String(token));
          assert.equal(
            reply.body.message,
            "Webhook authentication failed: send the endpoint's secret token in x-release-webhook-token",
          );
        }
        const twice = await fetch(app.baseUrl + endpoint.url, {
          method: 'POST',
          body: '{}',
          headers: [
            ['content-type', 'application/json'],
            ['x-release-webhook-token', SECRET],
            ['x-release-webhook-token', SECRET],
          ],
        });
        assert.equal(twice.status, 401);
        assert.deepEqual(await history(endpoint), []);
      });

      it('answers 404 for an unknown path or a disabled endpoint, and stores nothing', async () => {
        const endpoint = await createEndpoint({ enabled: false });
        assert.equal((await send(endpoint, '{}')).status, 404);
        assert.equal((await send({ url: '/webhooks/no/such/path' }, '{}')).status, 404);
        assert.equal((await send({ url: `${endpoint.url}/more` }, '{}')).status, 404);
        assert.equal((await send({ url: endpoint.url.toUpperCase() }, '{}')).status, 404);
        assert.equal((await app.get(endpoint.url)).status, 404);
        assert.deepEqual(await history(endpoint), []);

        await app.patch(`${ENDPOINTS}/${endpoint.id}`, { enabled: true }, { auth: adminAuth() });
        assert.equal((await send(endpoint, '{}')).status, 200);
      });

      it('answers 415 for a body that is not JSON', async () => {
        const endpoint = await createEndpoint();
        for (const type of [
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/jsonx',
          'application/json; charset=latin1',
        ]) {
          const reply = await send(endpoint, '{}', { 'content-type': type });
          assert.equal(reply.status, 415, type);
        }
        const none = await app.request('POST', endpoint.url, {
          body: '{}',
          headers: { 'x-release-webhook-token': SECRET },
        });
        assert.equal(none.status, 415);
        assert.equal(
          (await send(endpoint, '{}', { 'content-type': 'application/vnd.github+json' })).status,
          200,
        );
        assert.equal((await history(endpoint)).length, 1);
      });

      it('answers 413 for a body over WEBHOOK_MAX_BODY_BYTES, declared or streamed', async () => {
        const endpoint = await createEndpoint();
        const fits = `{"x":"${'a'.repeat(MAX_BODY - 8)}"}`;
        assert.equal(Buffer.byteLength(fits), MAX_BODY);
        assert.equal((await send(endpoint, fits)).status, 200);
        const over = `{"x":"${'a'.repeat(MAX_BODY - 7)}"}`;
        const reply = await send(endpoint, over);
        assert.equal(reply.status, 413);
        assert.match(reply.body.message, /larger than the limit of 2048 bytes/);

        const chunked = await new Promise<number>((resolve, reject) => {
          const url = new URL(app.baseUrl + endpoint.url);
          const req = httpRequest(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-release-webhook-token': SECRET,
                'transfer-encoding': 'chunked',
              },
            },
            (response) => {
              response.resume();
              resolve(response.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.write('{"x":"');
          req.write('b'.repeat(MAX_BODY));
          req.end('"}');
        });
        assert.equal(chunked, 413);
        assert.equal((await history(endpoint)).length, 1);
      });

      it('answers 400 for malformed JSON or bytes that are not UTF-8', async () => {
        const endpoint = await createEndpoint();
        for (const body of ['', '{', '{"a":1,}', "{'a':1}", 'undefined', '{"a":1}{"b":2}']) {
          const reply = await send(endpoint, body);
          assert.equal(reply.status, 400, JSON.stringify(body));
          assert.equal(reply.body.message, 'The body is not well-formed JSON in UTF-8');
        }
        const latin1 = await fetch(app.baseUrl + endpoint.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-release-webhook-token': SECRET },
          body: Buffer.from('{"a":"caf\xe9"}', 'latin1'),
        });
        assert.equal(latin1.status, 400);
        assert.deepEqual(await history(endpoint), []);
        for (const body of ['[]', '"text"', '42', 'null']) {
          assert.equal((await send(endpoint, body)).status, 200, body);
        }
      });

      it('checks in order: 404, then 401, then 415, then 413, then 400', async () => {
        const endpoint = await createEndpoint();
        const huge = '{'.repeat(MAX_BODY + 10);
        const everythingWrong = {
          'content-type': 'text/plain',
          'x-release-webhook-token': 'wrong',
        };
        assert.equal((await send({ url: '/webhooks/unknown' }, huge, everythingWrong)).status, 404);
        assert.equal((await send(endpoint, huge, everythingWrong)).status, 401);
        assert.equal((await send(endpoint, huge, { 'content-type': 'text/plain' })).status, 415);
        assert.equal((await send(endpoint, huge)).status, 413);
        assert.equal((await send(endpoint, '{')).status, 400);
      });

      it('never stores credential headers', async () => {
        const endpoint = await createEndpoint({ authentication: 'none', secretToken: undefined });
        const reply = await send(endpoint, '{}', {
          authorization: 'Basic c2VjcmV0OnNlY3JldA==',
          'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
          cookie: 'session=abc',
          'x-release-webhook-token': 'token-sent-anyway',
          'x-release-personal-token': 'rpat_sent-anyway',
          'x-custom': 'kept',
        });
        assert.equal(reply.status, 200);
        const [stored] = await history(endpoint);
        assert.equal(stored.headers['x-custom'], 'kept');
        for (const header of [
          'authorization',
          'proxy-authorization',
          'cookie',
          'x-release-webhook-token',
          'x-release-personal-token',
        ]) {
          assert.equal(stored.headers[header], undefined, header);
        }
        const raw = JSON.stringify(await app.dataSource.query('SELECT * FROM webhook_requests'));
        for (const secret of [
          'c2VjcmV0OnNlY3JldA',
          'session=abc',
          'token-sent-anyway',
          'rpat_sent-anyway',
          SECRET,
        ]) {
          assert.ok(!raw.includes(secret), secret);
        }
      });
    });

    describe('retention', () => {
      it('keeps exactly the newest N of a sequence, newest first, a page at a time', async () => {
        const endpoint = await createEndpoint({ requestRetention: 3 });
        for (let i = 1; i <= 7; i += 1)
          assert.equal((await send(endpoint, `{"n":${i}}`)).status, 200);
        assert.deepEqual(
          (await history(endpoint)).map((item) => item.body),
          ['{"n":7}', '{"n":6}', '{"n":5}'],
        );
        assert.deepEqual(
          (await history(endpoint, '?page=1&resultsPerPage=2')).map((item) => item.body),
          ['{"n":5}'],
        );
        assert.equal(
          (
            await app.get(`${ENDPOINTS}/${endpoint.id}/requests?resultsPerPage=0`, {
              auth: adminAuth(),
            })
          ).status,
          400,
        );
      });

      it('keeps exactly N under 25 concurrent posts', async () => {
        const endpoint = await createEndpoint({ requestRetention: 5 });
        const replies = await Promise.all(
          Array.from({ length: 25 }, (_, i) => send(endpoint, `{"n":${i}}`)),
        );
        assert.deepEqual(
          replies.map((reply) => reply.status),
          Array(25).fill(200),
        );
        const kept = await history(endpoint);
        assert.equal(kept.length, 5);
        assert.equal(new Set(kept.map((item) => item.id)).size, 5);
        const [{ count }] = await app.dataSource.query(
          'SELECT COUNT(*) AS count FROM webhook_requests WHERE endpointId = ?',
          [endpoint.id],
        );
        assert.equal(Number(count), 5);

        const last = await send(endpoint, '{"n":"last"}');
        const after = await history(endpoint);
        assert.equal(after.length, 5);
        assert.equal(after[0].id, last.headers.get('x-release-webhook-request-id'));
        assert.deepEqual(
          after.slice(1).map((item) => item.id),
          kept.slice(0, 4).map((item) => item.id),
        );
      });

      it('prunes at once when the retention is lowered, and stores nothing at 0', async () => {
        const endpoint = await createEndpoint({ requestRetention: 4 });
        for (let i = 1; i <= 4; i += 1) await send(endpoint, `{"n":${i}}`);
        const lowered = await app.patch(
          `${ENDPOINTS}/${endpoint.id}`,
          { requestRetention: 1 },
          { auth: adminAuth() },
        );
        assert.equal(lowered.status, 200);
        assert.deepEqual(
          (await history(endpoint)).map((item) => item.body),
          ['{"n":4}'],
        );

        await app.patch(
          `${ENDPOINTS}/${endpoint.id}`,
          { requestRetention: 0 },
          { auth: adminAuth() },
        );
        assert.deepEqual(await history(endpoint), []);
        const reply = await send(endpoint, '{"n":5}');
        assert.equal(reply.status, 200);
        assert.ok(reply.headers.get('x-release-webhook-request-id'));
        assert.deepEqual(await history(endpoint), []);
      });

      it('deletes the stored requests with their endpoint', async () => {
        const endpoint = await createEndpoint();
        await send(endpoint, '{}');
        await send(endpoint, '{}');
        assert.equal(
          (await app.delete(`${ENDPOINTS}/${endpoint.id}`, { auth: adminAuth() })).status,
          204,
        );
        const [{ count }] = await app.dataSource.query(
          'SELECT COUNT(*) AS count FROM webhook_requests WHERE endpointId = ?',
          [endpoint.id],
        );
        assert.equal(Number(count), 0);
        assert.equal(
          (await app.get(`${ENDPOINTS}/${endpoint.id}/requests`, { auth: adminAuth() })).status,
          404,
        );
      });
    });

    describe('edge cases', () => {
      it('refuses an overlong content type with 415, not a database error', async () => {
        const endpoint = await createEndpoint();
        const reply = await send(endpoint, '{}', {
          'content-type': `application/json; x=${'y'.repeat(400)}`,
        });
        assert.equal(reply.status, 415);
        assert.deepEqual(await history(endpoint), []);
      });

      it('keeps a byte order mark in the stored body', async () => {
        const endpoint = await createEndpoint();
        const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"bom":1}')]);
        const reply = await fetch(app.baseUrl + endpoint.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-release-webhook-token': SECRET },
          body: bytes,
        });
        assert.equal(reply.status, 200);
        const [stored] = await history(endpoint);
        assert.equal(Buffer.byteLength(stored.body), 12);
        assert.equal(stored.body, '\ufeff{"bom":1}');
      });

      it('checks the endpoint before any content type, even a malformed one', async () => {
        const endpoint = await createEndpoint();
        for (const type of [';;;', 'text', '']) {
          assert.equal(
            (await send({ url: '/webhooks/unknown' }, '{}', { 'content-type': type })).status,
            404,
            type,
          );
          assert.equal(
            (
              await send(endpoint, '{}', {
                'content-type': type,
                'x-release-webhook-token': 'wrong',
              })
            ).status,
            401,
            type,
          );
          assert.equal((await send(endpoint, '{}', { 'content-type': type })).status, 415, type);
        }
      });

      it('takes an encoded slash in the path, as Swagger UI sends it', async () => {
        const endpoint = await createEndpoint({ path: 'swagger/sent' });
        assert.equal((await send({ url: '/webhooks/swagger%2Fsent' }, '{}')).status, 200);
        assert.equal((await send({ url: '/webhooks/swagger%2fsent' }, '{}')).status, 200);
        assert.equal((await send({ url: '/webhooks/swagger%2F..%2Fsent' }, '{}')).status, 404);
        assert.equal((await send({ url: '/webhooks/swagger%zz' }, '{}')).status, 400);
        assert.equal((await history(endpoint)).length, 2);
        const [stored] = await history(endpoint);
        assert.equal(stored.path, '/webhooks/swagger/sent');
      });

      it('stores the endpoint path however much of it was %-encoded', async () => {
        const path = 'p'.repeat(255);
        const endpoint = await createEndpoint({ path });
        const encoded = `/webhooks/${'%70'.repeat(255)}`;
        assert.equal((await send({ url: encoded }, '{"x":1}')).status, 200);
        const [stored] = await history(endpoint);
        assert.equal(stored.path, `/webhooks/${path}`);
      });

      it('reads a request target in absolute form like any other', async () => {
        const endpoint = await createEndpoint();
        const { port } = new URL(app.baseUrl);
        const raw = (target: string, token: string, body: string, type = 'text/plain') =>
          rawRequest(app.baseUrl, [
            `POST ${target} HTTP/1.1`,
            `Host: 127.0.0.1:${port}`,
            `Content-Type: ${type}`,
            `x-release-webhook-token: ${token}`,
            `Content-Length: ${Buffer.byteLength(body)}`,
            'Connection: close',
            '',
            body,
          ]);
        const absolute = `http://127.0.0.1:${port}${endpoint.url}`;
        assert.equal(await raw(absolute, 'wrong', '{bad'), 401);
        assert.equal(await raw(absolute, SECRET, '{bad'), 415);
        assert.equal(await raw(`http://1${endpoint.url}`, SECRET, '{}', 'application/json'), 200);
        assert.equal((await history(endpoint)).length, 1);
      });

      it('stores nothing when the endpoint is disabled or its PAT deleted while the body arrives', async () => {
        const erin = await app.createUser('erin');
        const pat = await app.createToken(erin, 'slow');
        const plain = await createEndpoint();
        const bound = await createEndpoint({ secretToken: pat.token });

        const slowDisabled = slowPost(app.baseUrl, plain.url, slowHeaders(SECRET), '{"slow":');
        await slowDisabled.started;
        assert.equal(
          (await app.patch(`${ENDPOINTS}/${plain.id}`, { enabled: false }, { auth: adminAuth() }))
            .status,
          200,
        );
        assert.equal(await slowDisabled.finish('"yes"}  '), 'status 404');
        assert.deepEqual(await history(plain), []);

        const slowRevoked = slowPost(app.baseUrl, bound.url, slowHeaders(pat.token), '{"slow":');
        await slowRevoked.started;
        assert.equal(
          (await app.delete(`/api/v1/personal-access-tokens/${pat.id}`, { auth: erin })).status,
          204,
        );
        assert.equal(await slowRevoked.finish('"yes"}  '), 'status 401');
        assert.deepEqual(await history(bound), []);
      });
    });

    describe('bound to a personal access token', () => {
      it('accepts while the PAT signs in and refuses once it is deleted', async () => {
        const bob = await app.createUser('bob');
        const pat = await app.createToken(bob, 'webhook');
        const endpoint = await createEndpoint({ secretToken: pat.token });
        const read = await app.get(`${ENDPOINTS}/${endpoint.id}`, { auth: adminAuth() });
        assert.equal(read.body.secretIsPersonalAccessToken, true);
        assert.ok(!read.text.includes(pat.token));

        assert.equal(
          (await send(endpoint, '{"ref":"main"}', { 'x-release-webhook-token': pat.token })).status,
          200,
        );
        assert.equal(
          (await send(endpoint, '{}', { 'x-release-webhook-token': SECRET })).status,
          401,
        );
        assert.equal((await history(endpoint)).length, 1);

        assert.equal(
          (await app.delete(`/api/v1/personal-access-tokens/${pat.id}`, { auth: bob })).status,
          204,
        );
        assert.equal(
          (await send(endpoint, '{}', { 'x-release-webhook-token': pat.token })).status,
          401,
        );
        assert.equal((await history(endpoint)).length, 1);
      });

      it('refuses while the owner is disabled or external, and once the PAT expires', async () => {
        const carol = await app.createUser('carol');
        const pat = await app.createToken(carol, 'webhook');
        const endpoint = await createEndpoint({ secretToken: pat.token });
        const post = () => send(endpoint, '{}', { 'x-release-webhook-token': pat.token });
        assert.equal((await post()).status, 200);

        await app.patch('/api/v1/users/carol', { enabled: false }, { auth: adminAuth() });
        assert.equal((await post()).status, 401);
        await app.patch('/api/v1/users/carol', { enabled: true }, { auth: adminAuth() });
        assert.equal((await post()).status, 200);

        await app.dataSource.query('UPDATE personal_access_tokens SET expiresAt = ? WHERE id = ?', [
          database.name === 'sqlite' ? '2000-01-01 00:00:00.000' : new Date('2000-01-01T00:00:00Z'),
          pat.id,
        ]);
        assert.equal((await post()).status, 401);
        await app.dataSource.query(
          'UPDATE personal_access_tokens SET expiresAt = NULL WHERE id = ?',
          [pat.id],
        );
        assert.equal((await post()).status, 200);

        await app.patch('/api/v1/users/carol', { source: 'ldap' }, { auth: adminAuth() });
        assert.equal((await post()).status, 401);
      });

      it('refuses a secret in the PAT format that cannot sign in', async () => {
        const dave = await app.createUser('dave');
        const pat = await app.createToken(dave, 'short-lived');
        await app.delete(`/api/v1/personal-access-tokens/${pat.id}`, { auth: dave });
        const reply = await app.post(
          ENDPOINTS,
          { title: 't', path: 'dead/pat', authentication: 'token', secretToken: pat.token },
          { auth: adminAuth() },
        );
        assert.equal(reply.status, 400);
        assert.match(
          reply.body.message[0],
          /format of a personal access token but is not one that can sign in/,
        );
        assert.ok(!reply.text.includes(pat.token));
      });
    });
  });
}

for (const database of testDatabases()) {
  describe(`webhook bodies at the largest limit (${database.name})`, () => {
    const LIMIT = 4 * 1024 * 1024;
    let app: TestApp;

    before(async () => {
      app = await TestApp.start(database, { WEBHOOK_MAX_BODY_BYTES: String(LIMIT) });
    });
    after(() => app?.stop());

    it('stores a body of the largest allowed size even when escaping doubles it', async () => {
      const created = await app.post(
        ENDPOINTS,
        { title: 'big', path: 'big', authentication: 'none' },
        { auth: adminAuth() },
      );
      const body = `["${'\\\\'.repeat((LIMIT - 4) / 2)}"]`;
      assert.equal(Buffer.byteLength(body), LIMIT);
      const reply = await app.request('POST', '/webhooks/big', {
        body,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(reply.status, 200, reply.text);
      const stored = await app.get(`${ENDPOINTS}/${created.body.id}/requests`, {
        auth: adminAuth(),
      });
      assert.equal(stored.body[0].body, body);
    });
  });
}

function slowHeaders(token: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-release-webhook-token': token,
    'content-length': '16',
  };
}
