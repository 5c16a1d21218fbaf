import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, ValidateIf } from 'class-validator';

import { IsPlainText, trimString } from '../../common/validation.js';
import { PersonalAccessToken } from '../personal-access-token.entity.js';

export const TOKEN_LIFETIMES_DAYS = [7, 30, 45, 60, 365] as const;
export const DEFAULT_TOKEN_LIFETIME_DAYS = 30;

export class CreateTokenDto {
  @ApiProperty({
    example: 'ci-pipeline',
    description: 'Trimmed; 1-100 characters, no control characters; unique per user ignoring case',
  })
  @Transform(trimString)
  @IsString()
  @IsPlainText(1, 100)
  name: string;

  @ApiPropertyOptional({
    enum: TOKEN_LIFETIMES_DAYS,
    nullable: true,
    default: DEFAULT_TOKEN_LIFETIME_DAYS,
    description: 'Days until the token expires; null for a token that never expires',
  })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsIn(TOKEN_LIFETIMES_DAYS, {
    message: `expiresInDays must be one of ${TOKEN_LIFETIMES_DAYS.join(', ')} or null`,
  })
  expiresInDays?: number | null;
}

export class TokenResponse {
  @ApiProperty({ type: 'integer', example: 12 })
  id: number;

  @ApiProperty({ example: 'ci-pipeline' })
  name: string;

  @ApiProperty({ example: 'rpat_AbCd', description: 'The first 9 characters of the token' })
  tokenHint: string;

  @ApiProperty({ example: '2027-01-31T12:00:00.000Z' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastUsedAt: Date | null;

  @ApiProperty({ description: 'True once expiresAt has passed' })
  expired: boolean;

  static from(token: PersonalAccessToken, now = new Date()): TokenResponse {
    const { id, name, tokenHint, createdAt, expiresAt, lastUsedAt } = token;
    return {
      id,
      name,
      tokenHint,
      createdAt,
      expiresAt,
      lastUsedAt,
      expired: isExpired(token, now),
    };
  }
}

export class CreatedTokenResponse {
  @ApiProperty({ type: 'integer', example: 12 })
  id: number;

  @ApiProperty({ example: 'ci-pipeline' })
  name: string;

  @ApiProperty({
    description: 'The token itself. It is shown in this response only: store it now.',
  })
  token: string;

  @ApiProperty({ example: 'rpat_AbCd' })
  tokenHint: string;

  @ApiProperty({ example: '2027-01-31T12:00:00.000Z' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: Date | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastUsedAt: null;
}

/** A token is expired from `expiresAt` on, inclusive. */
export function isExpired(
  token: Pick<PersonalAccessToken, 'expiresAt'>,
  now = new Date(),
): boolean {
  return token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime();
}
