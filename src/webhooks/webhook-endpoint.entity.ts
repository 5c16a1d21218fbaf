import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { instantColumn } from '../database/columns.js';

export const WEBHOOK_AUTHENTICATIONS = ['none', 'token'] as const;
export type WebhookAuthentication = (typeof WEBHOOK_AUTHENTICATIONS)[number];

@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'boolean' })
  enabled: boolean;

  /** Case-sensitive, unique system-wide; received at `/webhooks/<path>`. */
  @Column({ type: 'varchar', length: 255 })
  path: string;

  @Column({ type: 'varchar', length: 8 })
  authentication: WebhookAuthentication;

  /** Hex SHA-256 of the secret token; the secret itself is never stored. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  secretDigest: string | null;

  /**
   * The secret is a personal access token: requests are accepted only while that token would
   * sign in (not revoked or expired, owner internal and enabled).
   */
  @Column({ type: 'boolean' })
  secretIsPersonalAccessToken: boolean;

  @Column({ type: 'int' })
  requestRetention: number;

  @Column(instantColumn())
  createdAt: Date;
}
