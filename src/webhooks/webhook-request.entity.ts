import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';

import { instantColumn } from '../database/columns.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** One received request, kept while it is among the newest `requestRetention` of its endpoint. */
@Entity({ name: 'webhook_requests' })
export class WebhookRequest {
  /** Insertion order, used to keep the newest; never shown. */
  @PrimaryGeneratedColumn()
  seq: number;

  /** The request id (also in the response header and the log line), shown as `id`. */
  @Column({ type: 'varchar', length: 36 })
  requestId: string;

  @Column({ type: 'int' })
  endpointId: number;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpointId' })
  endpoint?: Relation<WebhookEndpoint>;

  @Column(instantColumn())
  receivedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  method: string;

  @Column({ type: 'varchar', length: 300 })
  path: string;

  /** The query string as sent, without the `?`. */
  @Column({ type: 'text' })
  query: string;

  /** JSON object of the request headers, credential headers left out. */
  @Column({ type: 'text' })
  headers: string;

  @Column({ type: 'varchar', length: 255 })
  contentType: string;

  /** The body exactly as received. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 64 })
  sourceIp: string;
}
