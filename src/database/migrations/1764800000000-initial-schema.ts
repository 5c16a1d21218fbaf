import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

import { SchemaHelpers } from './schema-helpers.js';

export class InitialSchema1764800000000 implements MigrationInterface {
  name = 'InitialSchema1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new SchemaHelpers(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.text('username', 64),
          c.text('usernameKey', 64, { binary: true }),
          c.text('fullName', 255, { nullable: true }),
          c.text('email', 254, { nullable: true }),
          c.text('source', 16),
          c.boolean('admin'),
          c.boolean('enabled'),
          c.text('passwordHash', 255, { nullable: true, binary: true }),
          c.instant('createdAt'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_users_usernameKey',
            columnNames: ['usernameKey'],
            isUnique: true,
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'personal_access_tokens',
        columns: [
          c.id(),
          c.integer('userId'),
          c.text('name', 100),
          c.text('nameKey', 200, { binary: true }),
          c.text('tokenHash', 64, { binary: true }),
          c.text('tokenHint', 9, { binary: true }),
          c.instant('createdAt'),
          c.instant('expiresAt', true),
          c.instant('lastUsedAt', true),
        ],
        indices: [
          new TableIndex({ name: 'UQ_pat_tokenHash', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({
            name: 'UQ_pat_user_nameKey',
            columnNames: ['userId', 'nameKey'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_pat_user',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'releases',
        columns: [
          c.id(),
          c.text('title', 255),
          c.longText('description'),
          c.text('owner', 64),
          c.instant('createdAt'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('releases');
    await queryRunner.dropTable('personal_access_tokens');
    await queryRunner.dropTable('users');
  }
}
