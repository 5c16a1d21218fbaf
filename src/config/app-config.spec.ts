import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { generatePersonalAccessToken } from '../tokens/token-format.js';
import { ConfigError, loadConfig, parseDatabaseUrl } from './app-config.js';

describe('loadConfig', () => {
  it('has defaults that run with nothing set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 5516);
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.database, {
      type: 'better-sqlite3',
      file: './data/release-access.sqlite',
    });
    assert.equal(config.adminUsername, 'admin');
    assert.equal(config.adminPassword, undefined);
    assert.equal(config.patMaxLifetimeDays, undefined);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.webhookMaxBodyBytes, 1048576);
    assert.equal(config.requestTimeoutMs, 60000);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'sqlite:/tmp/x.sqlite',
      ADMIN_USERNAME: 'root.admin',
      ADMIN_PASSWORD: 'long enough',
      PAT_MAX_LIFETIME_DAYS: '60',
      LOG_LEVEL: 'WARN',
      WEBHOOK_MAX_BODY_BYTES: '2048',
    });
    assert.equal(config.webhookMaxBodyBytes, 2048);
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.deepEqual(config.database, { type: 'better-sqlite3', file: '/tmp/x.sqlite' });
    assert.equal(config.adminUsername, 'root.admin');
    assert.equal(config.adminPassword, 'long enough');
    assert.equal(config.patMaxLifetimeDays, 60);
    assert.equal(config.logLevel, 'warn');
  });

  const refusals: Array<[string, Record<string, string>, RegExp]> = [
    ['a port that is not a number', { PORT: 'http' }, /^PORT /],
    ['a port out of range', { PORT: '70000' }, /^PORT /],
    ['a negative port', { PORT: '-1' }, /^PORT /],
    ['a lifetime of zero days', { PAT_MAX_LIFETIME_DAYS: '0' }, /^PAT_MAX_LIFETIME_DAYS /],
    [
      'a lifetime shorter than any offered',
      { PAT_MAX_LIFETIME_DAYS: '6' },
      /^PAT_MAX_LIFETIME_DAYS /,
    ],
    ['a fractional lifetime', { PAT_MAX_LIFETIME_DAYS: '1.5' }, /^PAT_MAX_LIFETIME_DAYS /],
    ['a webhook body limit of zero', { WEBHOOK_MAX_BODY_BYTES: '0' }, /^WEBHOOK_MAX_BODY_BYTES /],
    [
      'a webhook body limit over 4 MiB',
      { WEBHOOK_MAX_BODY_BYTES: '4194305' },
      /^WEBHOOK_MAX_BODY_BYTES /,
    ],
    ['a request timeout of zero', { REQUEST_TIMEOUT_SECONDS: '0' }, /^REQUEST_TIMEOUT_SECONDS /],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    ['a user name with a space', { ADMIN_USERNAME: 'a b' }, /^ADMIN_USERNAME /],
    ['a short admin password', { ADMIN_PASSWORD: 'short' }, /^ADMIN_PASSWORD /],
    ['an unsupported database', { DATABASE_URL: 'postgres://h/db' }, /^DATABASE_URL/],
    ['a database URL that is not a URL', { DATABASE_URL: 'nonsense' }, /^DATABASE_URL/],
    [
      'a MySQL URL without a database',
      { DATABASE_URL: 'mysql://root@localhost:3306' },
      /^DATABASE_URL/,
    ],
    ['an empty SQLite file name', { DATABASE_URL: 'sqlite:' }, /^DATABASE_URL/],
  ];
  for (const [what, env, message] of refusals) {
    it(`refuses ${what}, naming the variable`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    });
  }

  it('refuses an admin password in the PAT format without echoing it', () => {
    const token = generatePersonalAccessToken();
    assert.throws(
      () => loadConfig({ ADMIN_PASSWORD: token }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^ADMIN_PASSWORD /.test(error.message) &&
        !error.message.includes(token),
    );
  });

  it('never puts the database password into an error message', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:s3cret-value@localhost:3306' });
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.doesNotMatch(error.message, /s3cret-value/);
    }
  });
});

describe('parseDatabaseUrl', () => {
  it('reads a MySQL URL with escaped credentials', () => {
    assert.deepEqual(parseDatabaseUrl('mysql://app%40x:p%3Ass@db.example:3307/release'), {
      type: 'mysql',
      host: 'db.example',
      port: 3307,
      username: 'app@x',
      password: 'p:ss',
      database: 'release',
    });
  });

  it('takes mariadb:// and defaults the port and user', () => {
    assert.deepEqual(parseDatabaseUrl('mariadb://127.0.0.1/test'), {
      type: 'mariadb',
      host: '127.0.0.1',
      port: 3306,
      username: 'root',
      password: '',
      database: 'test',
    });
  });

  it('names DATABASE_URL for a malformed escape or a query, never echoing the password', () => {
    for (const url of [
      'mysql://root:sup%zzsecret@127.0.0.1/x',
      'mysql://root:supsecret@127.0.0.1/x?ssl=true',
    ]) {
      assert.throws(
        () => parseDatabaseUrl(url),
        (error: unknown) =>
          error instanceof ConfigError &&
          /^DATABASE_URL/.test(error.message) &&
          !error.message.includes('secret'),
      );
    }
  });

  it('reads sqlite: with a relative, absolute or in-memory file', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:./a.sqlite'), {
      type: 'better-sqlite3',
      file: './a.sqlite',
    });
    assert.deepEqual(parseDatabaseUrl('sqlite:///var/lib/a.sqlite'), {
      type: 'better-sqlite3',
      file: '/var/lib/a.sqlite',
    });
    assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), {
      type: 'better-sqlite3',
      file: ':memory:',
    });
  });
});

describe('OpenID Connect configuration', () => {
  it('is off without OIDC_ISSUER', () => {
    assert.equal(loadConfig({}).oidc, undefined);
  });

  it('reads the issuer, audience and defaults', () => {
    assert.deepEqual(
      loadConfig({ OIDC_ISSUER: 'https://id.example.com/realms/r', OIDC_AUDIENCE: 'release' }).oidc,
      {
        issuer: 'https://id.example.com/realms/r',
        audience: 'release',
        jwksUri: undefined,
        usernameClaim: 'preferred_username',
        adminGroup: undefined,
        jwksRefreshCooldownMs: 30000,
      },
    );
  });

  it('allows http on loopback addresses only', () => {
    for (const issuer of [
      'http://127.0.0.1:8080',
      'http://localhost:8080/realms/x',
      'http://[::1]:9000',
      'http://127.1.2.3',
    ]) {
      assert.equal(loadConfig({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'a' }).oidc?.issuer, issuer);
    }
    for (const issuer of [
      'http://id.example.com',
      'http://10.0.0.1',
      'http://127.0.0.1.example.com',
      'ftp://127.0.0.1',
    ]) {
      assert.throws(
        () => loadConfig({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'a' }),
        /^ConfigError: OIDC_ISSUER must use https/,
      );
    }
    assert.throws(
      () =>
        loadConfig({
          OIDC_ISSUER: 'https://id.example.com',
          OIDC_AUDIENCE: 'a',
          OIDC_JWKS_URI: 'http://id.example.com/keys',
        }),
      /^ConfigError: OIDC_JWKS_URI must use https/,
    );
  });

  it('needs an audience, and an issuer for any other OIDC variable', () => {
    assert.throws(
      () => loadConfig({ OIDC_ISSUER: 'https://id.example.com' }),
      /^ConfigError: OIDC_AUDIENCE is required/,
    );
    assert.throws(
      () => loadConfig({ OIDC_AUDIENCE: 'a' }),
      /^ConfigError: OIDC_AUDIENCE is set but OIDC_ISSUER is not/,
    );
    assert.throws(
      () => loadConfig({ OIDC_ISSUER: 'not a url', OIDC_AUDIENCE: 'a' }),
      /^ConfigError: OIDC_ISSUER must be an absolute/,
    );
  });
});
