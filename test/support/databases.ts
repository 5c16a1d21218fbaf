import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import mysql from 'mysql2/promise';

/**
 * The databases every end-to-end suite runs against. `TEST_DATABASES` picks a subset
 * (`sqlite`, `mariadb`); `TEST_MYSQL_URL` points at the MySQL/MariaDB server, whose user must be
 * allowed to create and drop databases: each run gets a database of its own.
 */
export interface TestDatabase {
  name: 'sqlite' | 'mariadb';
  /** Makes a fresh, empty database and returns its DATABASE_URL plus a function that removes it. */
  create(): Promise<{ url: string; drop: () => Promise<void> }>;
}

const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

const sqlite: TestDatabase = {
  name: 'sqlite',
  create() {
    const file = join(tmpdir(), `release-access-test-${randomBytes(6).toString('hex')}.sqlite`);
    const drop = () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      return Promise.resolve();
    };
    return Promise.resolve({ url: `sqlite:${file}`, drop });
  },
};

const mariadb: TestDatabase = {
  name: 'mariadb',
  async create() {
    const server = new URL(MYSQL_URL);
    const database = `ra_test_${randomBytes(6).toString('hex')}`;
    const admin = () =>
      mysql.createConnection({
        host: server.hostname,
        port: Number(server.port || 3306),
        user: decodeURIComponent(server.username || 'root'),
        password: decodeURIComponent(server.password),
      });
    const connection = await admin();
    await connection.query(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await connection.end();

    const url = new URL(MYSQL_URL);
    url.pathname = `/${database}`;
    return {
      url: url.toString(),
      drop: async () => {
        const again = await admin();
        await again.query(`DROP DATABASE IF EXISTS \`${database}\``);
        await again.end();
      },
    };
  },
};

export function testDatabases(): TestDatabase[] {
  const wanted = (process.env.TEST_DATABASES ?? 'sqlite,mariadb')
    .split(',')
    .map((name) => name.trim());
  const known = [sqlite, mariadb];
  const unknown = wanted.filter((name) => !known.some((db) => db.name === name));
  if (unknown.length > 0) throw new Error(`TEST_DATABASES: unknown database ${unknown.join(', ')}`);
  return known.filter((db) => wanted.includes(db.name));
}
