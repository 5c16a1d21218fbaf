import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { instantColumn } from '../database/columns.js';

export const USER_SOURCES = ['internal', 'ldap', 'oidc'] as const;
export type UserSource = (typeof USER_SOURCES)[number];

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  /** Lower-cased user name under a unique index: names are unique ignoring case on every database. */
  @Column({ type: 'varchar', length: 64 })
  usernameKey: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  fullName: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 16 })
  source: UserSource;

  @Column({ type: 'boolean' })
  admin: boolean;

  @Column({ type: 'boolean' })
  enabled: boolean;

  /** argon2id; null for external users, who never have a password here. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column(instantColumn())
  createdAt: Date;
}

export function usernameKey(username: string): string {
  return username.toLowerCase();
}
