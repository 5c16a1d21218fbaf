import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs units of work in a transaction.
 *
 * TypeORM's better-sqlite3 driver shares one connection, so two transactions started at once would
 * nest into each other's savepoints. On SQLite the transactions of this process therefore run one
 * after the other. A write made outside any transaction by another request can still land inside
 * the one that is running, so a unit of work must not throw on purpose once it has started: check
 * first, then write, and let only a database failure roll back.
 *
 * On MySQL/MariaDB each unit runs at READ COMMITTED, so a row locked with `lockForUpdate` and then
 * read again shows what the transaction that held the lock committed.
 */
@Injectable()
export class Transactions {
  private readonly serial: boolean;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  /** True where rows can be locked (MySQL/MariaDB); SQLite's transactions are serial anyway. */
  get locksRows(): boolean {
    return !this.serial;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction('READ COMMITTED', work);

    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
