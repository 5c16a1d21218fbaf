import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';

import { instantColumn } from '../database/columns.js';
import { User } from '../users/user.entity.js';

@Entity({ name: 'personal_access_tokens' })
export class PersonalAccessToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Lower-cased name, unique per user. */
  @Column({ type: 'varchar', length: 200 })
  nameKey: string;

  /** Hex SHA-256 of the token: the token itself is never stored. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 9 })
  tokenHint: string;

  @Column(instantColumn())
  createdAt: Date;

  @Column(instantColumn({ nullable: true }))
  expiresAt: Date | null;

  @Column(instantColumn({ nullable: true }))
  lastUsedAt: Date | null;
}
