import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';

import {
  IsNotTokenFormat,
  IsOptionalNotNull,
  IsOptionalOrNull,
  IsPlainText,
  trimString,
} from '../../common/validation.js';
import { USERNAME_PATTERN } from '../../config/app-config.js';
import { USER_SOURCES, User, UserSource } from '../user.entity.js';

export class CreateUserDto {
  @ApiProperty({
    example: 'alice',
    description: '1-64 ASCII letters, digits, ".", "_", "@" or "-"; unique ignoring case',
  })
  @IsString()
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 1-64 ASCII letters, digits, ".", "_", "@" or "-"',
  })
  username: string;

  @ApiPropertyOptional({
    description: 'Required for internal users, refused for external ones; 8-256 characters',
  })
  @IsOptionalNotNull()
  @IsString()
  @Length(8, 256)
  @IsNotTokenFormat()
  password?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'Alice Example',
    nullable: true,
    minLength: 1,
    maxLength: 255,
  })
  @IsOptionalOrNull()
  @Transform(trimString)
  @IsPlainText(1, 255)
  fullName?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'alice@example.com',
    nullable: true,
    maxLength: 254,
  })
  @IsOptionalOrNull()
  @IsString()
  @IsPlainText(3, 254)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ enum: USER_SOURCES, default: 'internal' })
  @IsOptionalNotNull()
  @IsIn(USER_SOURCES)
  source?: UserSource;

  @ApiPropertyOptional({ default: false })
  @IsOptionalNotNull()
  @IsBoolean()
  admin?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateUserDto extends PartialType(
  PickType(CreateUserDto, ['password', 'fullName', 'email', 'source', 'admin', 'enabled'] as const),
  { skipNullProperties: false },
) {}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ description: '8-256 characters, not in the format of a personal access token' })
  @IsString()
  @Length(8, 256)
  @IsNotTokenFormat()
  newPassword: string;
}

export class UserResponse {
  @ApiProperty({ example: 'alice' })
  username: string;

  @ApiProperty({ type: String, nullable: true, example: 'Alice Example' })
  fullName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'alice@example.com' })
  email: string | null;

  @ApiProperty({ enum: USER_SOURCES })
  source: UserSource;

  @ApiProperty()
  admin: boolean;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ example: '2027-01-31T12:00:00.000Z' })
  createdAt: Date;

  static from(user: User): UserResponse {
    const { username, fullName, email, source, admin, enabled, createdAt } = user;
    return { username, fullName, email, source, admin, enabled, createdAt };
  }
}

export const AUTHENTICATION_METHODS = ['password', 'personal-access-token', 'oidc'] as const;
export type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];

export class ProfileResponse extends UserResponse {
  @ApiProperty({ enum: AUTHENTICATION_METHODS })
  authenticatedWith: AuthenticationMethod;
}
