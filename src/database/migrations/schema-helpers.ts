import { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders for migrations written with TypeORM's table API, so that one migration serves
 * SQLite and MySQL/MariaDB. On MySQL every text column is utf8mb4; `binary` keys compare byte for
 * byte (MariaDB's default utf8mb4 collations treat many emoji as equal, which would make distinct
 * names collide in a unique index).
 */
export class SchemaHelpers {
  private readonly mysql: boolean;

  constructor(queryRunner: QueryRunner) {
    const type = queryRunner.connection.options.type;
    this.mysql = type === 'mysql' || type === 'mariadb';
  }

  id(name = 'id'): TableColumnOptions {
    return {
      name,
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    };
  }

  integer(name: string, nullable = false): TableColumnOptions {
    return { name, type: 'integer', isNullable: nullable };
  }

  text(name: string, length: number, options: { nullable?: boolean; binary?: boolean } = {}) {
    return this.withCharset(
      { name, type: 'varchar', length: String(length), isNullable: options.nullable ?? false },
      options.binary ?? false,
    );
  }

  longText(name: string, nullable = true): TableColumnOptions {
    return this.withCharset(
      { name, type: this.mysql ? 'mediumtext' : 'text', isNullable: nullable },
      false,
    );
  }

  boolean(name: string): TableColumnOptions {
    return { name, type: 'boolean', isNullable: false };
  }

  instant(name: string, nullable = false): TableColumnOptions {
    return { name, type: 'datetime', precision: 3, isNullable: nullable };
  }

  private withCharset(column: TableColumnOptions, binary: boolean): TableColumnOptions {
    if (!this.mysql) return column;
    return {
      ...column,
      charset: 'utf8mb4',
      collation: binary ? 'utf8mb4_bin' : 'utf8mb4_unicode_ci',
    };
  }
}
