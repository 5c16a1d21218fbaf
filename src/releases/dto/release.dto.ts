import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString } from 'class-validator';

import { IsOptionalOrNull, IsPlainText, trimString } from '../../common/validation.js';
import { Release } from '../release.entity.js';

export class CreateReleaseDto {
  @ApiProperty({ example: 'Q3 platform release', minLength: 1, maxLength: 255 })
  @Transform(trimString)
  @IsString()
  @IsPlainText(1, 255)
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10000 })
  @IsOptionalOrNull()
  @IsString()
  @IsPlainText(0, 10000, { multiline: true })
  description?: string | null;
}

export class ReleaseResponse {
  @ApiProperty({ type: 'integer', example: 1 })
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
