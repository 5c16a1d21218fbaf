import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { testDatabases } from './support/databases.js';
import { basic, ISO_UTC, TestApp } from './support/test-app.js';

const RELEASES = '/api/v1/releases';

for (const database of testDatabases()) {
  describe(`releases (${database.name})`, () => {
    let app: TestApp;
    let token: string;

    before(async () => {
      app = await TestApp.start(database);
      const ivan = await app.createUser('ivan');
      token = (await app.createToken(ivan, 'ci')).token;
    });
    after(() => app?.stop());

    it('creates a release owned by the caller', async () => {
      const reply = await app.post(
        RELEASES,
        { title: ' Q3 🚢 ', description: 'Ünïcode ✓' },
        { auth: basic('', token) },
      );
      assert.equal(reply.status, 201, reply.text);
      assert.deepEqual(Object.keys(reply.body).sort(), [
        'createdAt',
        'description',
        'id',
        'owner',
        'title',
      ]);
      assert.equal(reply.body.title, 'Q3 🚢');
      assert.equal(reply.body.description, 'Ünïcode ✓');
      assert.equal(reply.body.owner, 'ivan');
      assert.match(reply.body.createdAt, ISO_UTC);

      const fetched = await app.get(`${RELEASES}/${reply.body.id}`, {
        headers: { 'x-release-personal-token': token },
      });
      assert.deepEqual(fetched.body, reply.body);
    });

    it('lists newest first, a page at a time, as a plain array', async () => {
      for (let i = 1; i <= 4; i += 1) {
        await app.post(RELEASES, { title: `page-${i}` }, { auth: basic('', token) });
      }
      const all = await app.get(RELEASES, { auth: basic('', token) });
      assert.ok(Array.isArray(all.body));
      const titles = all.body.map((release: { title: string }) => release.title);
      assert.deepEqual(titles.slice(0, 4), ['page-4', 'page-3', 'page-2', 'page-1']);

      const second = await app.get(`${RELEASES}?page=1&resultsPerPage=2`, {
        auth: basic('', token),
      });
      assert.deepEqual(
        second.body.map((release: { title: string }) => release.title),
        ['page-2', 'page-1'],
      );
      const beyond = await app.get(`${RELEASES}?page=100&resultsPerPage=1000`, {
        auth: basic('', token),
      });
      assert.deepEqual(beyond.body, []);
    });

    it('refuses bad paging, bad bodies and bad ids with 400, and answers 404 for a missing release', async () => {
      for (const query of [
        'page=-1',
        'page=x',
        'resultsPerPage=0',
        'resultsPerPage=1001',
        'resultsPerPage=2.5',
        'sort=title',
      ]) {
        const reply = await app.get(`${RELEASES}?${query}`, { auth: basic('', token) });
        assert.equal(reply.status, 400, query);
      }
      for (const body of [
        {},
        { title: '' },
        { title: 'x'.repeat(256) },
        { title: 5 },
        { title: 'ok', owner: 'admin' },
      ]) {
        const reply = await app.post(RELEASES, body, { auth: basic('', token) });
        assert.equal(reply.status, 400, JSON.stringify(body));
      }
      assert.equal((await app.get(`${RELEASES}/abc`, { auth: basic('', token) })).status, 400);
      const missing = await app.get(`${RELEASES}/999999`, { auth: basic('', token) });
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.body, {
        statusCode: 404,
        error: 'Not Found',
        message: 'No release with id 999999',
      });
    });

    it('answers 415 for a body that is not JSON and 400 for malformed JSON', async () => {
      const text = await app.post(RELEASES, 'title=x', {
        auth: basic('', token),
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(text.status, 415);
      assert.equal(text.body.error, 'Unsupported Media Type');
      const broken = await app.post(RELEASES, '{"title": ', {
        auth: basic('', token),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(broken.status, 400);
      assert.deepEqual(Object.keys(broken.body).sort(), ['error', 'message', 'statusCode']);
      const array = await app.post(RELEASES, ['x'], { auth: basic('', token) });
      assert.equal(array.status, 400);
    });

    it('answers an unknown route with a JSON 404', async () => {
      const reply = await app.get('/api/v1/nothing-here', { auth: basic('', token) });
      assert.equal(reply.status, 404);
      assert.equal(reply.body.statusCode, 404);
    });
  });
}
