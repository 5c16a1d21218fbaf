import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { instantColumn } from '../database/columns.js';

@Entity({ name: 'releases' })
export class Release {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 64 })
  owner: string;

  @Column(instantColumn())
  createdAt: Date;
}
