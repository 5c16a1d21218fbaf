import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

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

/** Query strings are text: only whole decimal numbers become numbers here, nothing else is coerced. */
const wholeNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

export class PageQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Page number, from 0' })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'page must be a whole number from 0' })
  @Min(0)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'resultsPerPage must be a whole number from 1 to 1000' })
  @Min(1)
  @Max(1000)
  resultsPerPage?: number;
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
