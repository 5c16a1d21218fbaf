import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

import { DataSourceOptions } from 'typeorm';

import { DatabaseConfig } from '../config/app-config.js';
import { PersonalAccessToken } from '../tokens/personal-access-token.entity.js';
import { Release } from '../releases/release.entity.js';
import { User } from '../users/user.entity.js';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity.js';
import { WebhookRequest } from '../webhooks/webhook-request.entity.js';
import { migrations } from './migrations/index.js';

export const entities = [User, PersonalAccessToken, Release, WebhookEndpoint, WebhookRequest];

export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities,
    migrations,
    // Run by runMigrations() once connected, under a lock that several instances can share.
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;

  if (database.type === 'better-sqlite3') {
    if (database.file !== ':memory:') prepareSqliteFile(database.file);
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.file,
      // WAL lets the health check and readers run beside a writer; busy_timeout waits out a
      // second process holding the lock instead of failing at once.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
      },
    };
  }

  return {
    ...common,
    type: database.type,
    host: database.host,
    port: database.port,
    username: database.username,
    password: database.password,
    database: database.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    connectTimeout: 10_000,
  };
}

/** The file holds password hashes: only the service's own user may read it. */
function prepareSqliteFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
}
