import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

import { trimString } from '../../common/validation.js';
import { Release } from '../release.entity.js';

export class CreateReleaseDto {
  @ApiProperty({ example: 'Q3 platform release', minLength: 1, maxLength: 255 })
  @Transform(trimString)
  @IsString()
  @Length(1, 255)
  title: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;
}

export class ReleaseResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Q3 platform release' })
  title: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ example: 'alice', description: 'User name of whoever created it' })
  owner: string;

  @ApiProperty({ example: '2027-01-31T12:00:00.000Z' })
  createdAt: Date;

  static from(release: Release): ReleaseResponse {
    const { id, title, description, owner, createdAt } = release;
    return { id, title, description, owner, createdAt };
  }
}
