import { DataSource } from 'typeorm';

const LOCK_NAME = 'release-access:migrations';
const LOCK_WAIT_SECONDS = 120;

/**
 * Runs the pending migrations. On MySQL/MariaDB, where DDL commits at once and a transaction
 * cannot keep a second instance from creating the same table, instances starting together take
 * turns through a named lock, so that the second one finds the schema done instead of failing on it.
 * SQLite's own file lock serialises writers (busy_timeout makes the second one wait).
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const type = dataSource.options.type;
  if (type !== 'mysql' && type !== 'mariadb') {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }

  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    const [row] = (await lock.query('SELECT GET_LOCK(?, ?) AS acquired', [
      LOCK_NAME,
      LOCK_WAIT_SECONDS,
    ])) as Array<{
      acquired: number | string | null;
    }>;
    if (Number(row?.acquired) !== 1) {
      throw new Error(`another instance held the migration lock for over ${LOCK_WAIT_SECONDS} s`);
    }
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lock.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => undefined);
    await lock.release();
  }
}
