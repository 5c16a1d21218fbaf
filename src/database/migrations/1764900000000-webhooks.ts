import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

import { SchemaHelpers } from './schema-helpers.js';

export class Webhooks1764900000000 implements MigrationInterface {
  name = 'Webhooks1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = new SchemaHelpers(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'webhook_endpoints',
        columns: [
          c.id(),
          c.text('title', 255),
          c.boolean('enabled'),
          c.text('path', 255, { binary: true }),
          c.text('authentication', 8),
          c.text('secretDigest', 64, { nullable: true, binary: true }),
          c.boolean('secretIsPersonalAccessToken'),
          c.integer('requestRetention'),
          c.instant('createdAt'),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_webhook_endpoints_path',
            columnNames: ['path'],
            isUnique: true,
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_requests',
        columns: [
          c.id('seq'),
          c.text('requestId', 36, { binary: true }),
          c.integer('endpointId'),
          c.instant('receivedAt'),
          c.text('method', 16),
          c.text('path', 300, { binary: true }),
          c.longText('query', false),
          c.longText('headers', false),
          c.text('contentType', 255),
          c.longText('body', false),
          c.text('sourceIp', 64),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_webhook_requests_requestId',
            columnNames: ['requestId'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_webhook_requests_endpoint_seq',
            columnNames: ['endpointId', 'seq'],
          }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_webhook_requests_endpoint',
            columnNames: ['endpointId'],
            referencedTableName: 'webhook_endpoints',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_requests');
    await queryRunner.dropTable('webhook_endpoints');
  }
}
