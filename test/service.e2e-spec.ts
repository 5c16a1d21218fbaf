import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';

import { testDatabases } from './support/databases.js';
import { runExpectingFailure, ServiceProcess } from './support/service-process.js';
import { adminAuth, basic, ISO_UTC, TestApp } from './support/test-app.js';

async function call(baseUrl: string, method: string, path: string, auth?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = auth;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
}

/** The stored createdAt of a user, as the database itself writes it, to `YYYY-MM-DD HH:MM:SS`. */
async function storedCreatedAt(url: string, username: string): Promise<string> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    const row = db.prepare('SELECT createdAt FROM users WHERE username = ?').get(username) as {
      createdAt: string;
    };
    db.close();
    return row.createdAt.slice(0, 19);
  }
  const connection = await mysql.createConnection({ uri: url, dateStrings: true });
  const [rows] = await connection.query(
    "SELECT DATE_FORMAT(createdAt, '%Y-%m-%d %H:%i:%s') AS v FROM users WHERE username = ?",
    [username],
  );
  await connection.end();
  return (rows as Array<{ v: string }>)[0].v;
}

for (const database of testDatabases()) {
  describe(`the service process (${database.name})`, () => {
    let url: string;
    let drop: () => Promise<void>;
    let service: ServiceProcess | undefined;

    before(async () => {
      ({ url, drop } = await database.create());
    });
    after(async () => {
      await service?.stop();
      await drop();
    });

    it('prints a generated admin password once, stores and returns UTC under TZ=America/New_York, logs no secret', async () => {
      const env = { DATABASE_URL: url, TZ: 'America/New_York', LOG_LEVEL: 'trace' };
      service = await ServiceProcess.start(env);
      const match = /generated sign-in secret (\S+)/.exec(service.output);
      assert.ok(match, service.output);
      const generated = match[1];
      if (url.startsWith('sqlite:')) {
        assert.equal(
          statSync(url.slice('sqlite:'.length)).mode & 0o777,
          0o600,
          'the SQLite file is readable by others',
        );
      }
      const admin = basic('admin', generated);

      const before = Date.now();
      const created = await call(service.baseUrl, 'POST', '/api/v1/users', admin, {
        username: 'tz.user',
        password: 'tz-user-password',
      });
      assert.equal(created.status, 201, created.text);
      assert.match(created.body.createdAt, ISO_UTC);
      assert.ok(
        Math.abs(Date.parse(created.body.createdAt) - before) < 60_000,
        created.body.createdAt,
      );
      assert.equal(
        await storedCreatedAt(url, 'tz.user'),
        created.body.createdAt.slice(0, 19).replace('T', ' '),
      );

      const userAuth = basic('tz.user', 'tz-user-password');
      const token = await call(
        service.baseUrl,
        'POST',
        '/api/v1/personal-access-tokens',
        userAuth,
        { name: 'tz' },
      );
      assert.equal(token.status, 201);
      const pat: string = token.body.token;
      assert.equal(
        (await call(service.baseUrl, 'GET', '/api/v1/releases', basic('', pat))).status,
        200,
      );
      await fetch(`${service.baseUrl}/api/v1/releases`, {
        headers: { 'x-release-personal-token': pat, cookie: 'session=cookie-secret' },
      });
      assert.equal(
        (
          await call(
            service.baseUrl,
            'GET',
            '/api/v1/releases',
            basic('tz.user', 'wrong-secret-123'),
          )
        ).status,
        401,
      );
      const hook = await call(service.baseUrl, 'POST', '/api/v1/webhook-endpoints', admin, {
        title: 'logged',
        path: 'logged/hook',
        authentication: 'token',
        secretToken: 'webhook-secret-never-logged',
      });
      assert.equal(hook.status, 201);
      for (const secret of ['webhook-secret-never-logged', 'wrong-webhook-secret']) {
        await fetch(`${service.baseUrl}/webhooks/logged/hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-release-webhook-token': secret },
          body: '{}',
        });
      }
      const listed = await call(service.baseUrl, 'GET', '/api/v1/personal-access-tokens', userAuth);
      assert.match(listed.body[0].lastUsedAt, ISO_UTC);

      await service.stop();
      const logs = service.output;
      assert.equal(
        logs.split(generated).length - 1,
        1,
        'the generated password must be printed exactly once',
      );
      for (const secret of [
        pat,
        pat.slice(9),
        'tz-user-password',
        'wrong-secret-123',
        'cookie-secret',
        userAuth.slice(6),
      ]) {
        assert.ok(!logs.includes(secret), `a secret reached the log: ${secret.slice(0, 4)}...`);
      }
      assert.match(logs, /"reqId"/, 'requests are logged with their id');

      service = await ServiceProcess.start(env);
      assert.doesNotMatch(service.output, /generated sign-in secret/);
      assert.equal((await call(service.baseUrl, 'GET', '/api/v1/profile', admin)).status, 200);
      assert.equal(
        (await call(service.baseUrl, 'GET', '/api/v1/releases', basic('', pat))).status,
        200,
      );
      await service.stop();
    });
  });
}

for (const database of testDatabases()) {
  describe(`two instances starting together (${database.name})`, () => {
    let url: string;
    let drop: () => Promise<void>;
    const services: ServiceProcess[] = [];

    before(async () => {
      ({ url, drop } = await database.create());
    });
    after(async () => {
      await Promise.all(services.map((service) => service.stop()));
      await drop();
    });

    it('migrate and create the admin once, and both serve', async () => {
      const env = { DATABASE_URL: url, ADMIN_PASSWORD: 'shared-admin-password', LOG_LEVEL: 'info' };
      services.push(...(await Promise.all([ServiceProcess.start(env), ServiceProcess.start(env)])));
      for (const service of services) {
        assert.doesNotMatch(
          service.output,
          /"level":50|failed|already exists/,
          service.output.slice(0, 2000),
        );
        assert.equal((await call(service.baseUrl, 'GET', '/health')).status, 200);
      }
      const admin = basic('admin', 'shared-admin-password');
      const users = await call(services[0].baseUrl, 'GET', '/api/v1/users', admin);
      assert.deepEqual(
        users.body.map((user: { username: string }) => user.username),
        ['admin'],
      );
      const created = await call(services[0].baseUrl, 'POST', '/api/v1/users', admin, {
        username: 'shared',
        password: 'shared-password',
      });
      assert.equal(created.status, 201);
      const token = await call(
        services[0].baseUrl,
        'POST',
        '/api/v1/personal-access-tokens',
        basic('shared', 'shared-password'),
        {
          name: 'both',
        },
      );
      assert.equal(
        (await call(services[1].baseUrl, 'GET', '/api/v1/releases', basic('', token.body.token)))
          .status,
        200,
      );
      await call(
        services[1].baseUrl,
        'DELETE',
        `/api/v1/personal-access-tokens/${token.body.id}`,
        basic('shared', 'shared-password'),
      );
      assert.equal(
        (await call(services[0].baseUrl, 'GET', '/api/v1/releases', basic('', token.body.token)))
          .status,
        401,
      );
    });
  });
}

describe('configuration errors', () => {
  for (const [variable, value] of [
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'postgres://user:hunter2-secret@localhost/db'],
    ['PAT_MAX_LIFETIME_DAYS', 'forever'],
    ['ADMIN_PASSWORD', 'short'],
  ]) {
    it(`stops the service with a message naming ${variable}`, async () => {
      const { code, output } = await runExpectingFailure({
        DATABASE_URL: 'sqlite::memory:',
        [variable]: value,
      });
      assert.equal(code, 1);
      assert.match(output, new RegExp(`configuration error: ${variable}`));
      assert.doesNotMatch(output, /hunter2-secret/);
    });
  }
});

for (const database of testDatabases().slice(0, 1)) {
  describe(`documentation and health (${database.name})`, () => {
    let app: TestApp;
    before(async () => {
      app = await TestApp.start(database);
    });
    after(() => app?.stop());

    it('serves Swagger UI at /docs and an OpenAPI document with both security schemes', async () => {
      const ui = await app.get('/docs');
      assert.equal(ui.status, 200);
      assert.match(ui.text, /swagger-ui/i);
      const doc = await app.get('/docs-json');
      assert.equal(doc.status, 200);
      assert.deepEqual(doc.body.components.securitySchemes.basic, {
        type: 'http',
        scheme: 'basic',
        description: 'User name and password, or an empty user name and a PAT',
      });
      assert.equal(
        doc.body.components.securitySchemes['personal-token'].name,
        'x-release-personal-token',
      );
      assert.deepEqual(doc.body.security, [{ basic: [] }, { 'personal-token': [] }]);
      const paths = Object.keys(doc.body.paths);
      for (const path of [
        '/api/v1/releases',
        '/api/v1/personal-access-tokens',
        '/api/v1/users/{username}',
        '/api/v1/profile/password',
        '/health',
      ]) {
        assert.ok(paths.includes(path), path);
      }
      assert.ok(doc.body.components.schemas.CreateTokenDto.properties.expiresInDays);
      assert.deepEqual(doc.body.paths['/health'].get.security, []);
      assert.deepEqual(doc.body.paths['/webhooks/{path}'].post.security, [{ 'webhook-token': [] }]);
    });

    it('answers /health with 200, and 503 once the database is gone', async () => {
      const up = await app.get('/health');
      assert.equal(up.status, 200);
      assert.deepEqual(up.body, { status: 'ok', database: 'up' });
      assert.equal((await app.get('/api/v1/profile', { auth: adminAuth() })).status, 200);

      await app.dataSource.destroy();
      const down = await app.get('/health');
      assert.equal(down.status, 503);
      assert.deepEqual(down.body, {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database does not answer',
      });
    });
  });
}
