import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';

import { IsOptionalNotNull, IsPlainText, trimString } from '../../common/validation.js';
import {
  WEBHOOK_AUTHENTICATIONS,
  WebhookAuthentication,
  WebhookEndpoint,
} from '../webhook-endpoint.entity.js';
import { WebhookRequest } from '../webhook-request.entity.js';

/**
 * Segments of ASCII letters, digits, `-`, `_` and `.`, joined by single slashes, none made only of
 * dots, with no slash at either end: `github/push`, `ci.main`, never `../x` or `a//b`.
 */
export const WEBHOOK_PATH_PATTERN =
  /^(?!(?:.*\/)?\.+(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;
export const WEBHOOKS_PREFIX = '/webhooks/';
/** What survives an HTTP header unchanged: printable ASCII, no space at either end. */
const HEADER_SAFE_SECRET = /^(?! )[\x20-\x7e]{16,1024}(?<! )$/;

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'GitHub pushes', minLength: 1, maxLength: 255 })
  @Transform(trimString)
  @IsString()
  @IsPlainText(1, 255)
  title: string;

  @ApiPropertyOptional({ default: true })
  @IsOptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({
    example: 'github/push',
    description:
      'Segments of ASCII letters, digits, "-", "_" and "." joined by single "/"; unique, case-sensitive',
  })
  @IsString()
  @Length(1, 255)
  @Matches(WEBHOOK_PATH_PATTERN, {
    message:
      'path must be segments of ASCII letters, digits, "-", "_" or "." joined by single "/", ' +
      'with no segment made only of dots and no "/" at either end',
  })
  path: string;

  @ApiProperty({ enum: WEBHOOK_AUTHENTICATIONS })
  @IsIn(WEBHOOK_AUTHENTICATIONS)
  authentication: WebhookAuthentication;

  @ApiPropertyOptional({
    writeOnly: true,
    minLength: 16,
    maxLength: 1024,
    description:
      'Required for token authentication, refused for none. Write-only. A personal access token binds ' +
      'the endpoint to that token: it accepts requests only while the token would sign in.',
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(HEADER_SAFE_SECRET, {
    message:
      'secretToken must be 16-1024 printable ASCII characters, with no space at either end ' +
      '(it travels in an HTTP header)',
  })
  secretToken?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10000,
    default: 10,
    description: 'How many received requests to keep',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10000)
  requestRetention?: number;
}

export class UpdateWebhookEndpointDto extends PartialType(CreateWebhookEndpointDto, {
  skipNullProperties: false,
}) {}

export class WebhookEndpointResponse {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ example: 'GitHub pushes' })
  title: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ example: 'github/push' })
  path: string;

  @ApiProperty({ example: '/webhooks/github/push' })
  url: string;

  @ApiProperty({ enum: WEBHOOK_AUTHENTICATIONS })
  authentication: WebhookAuthentication;

  @ApiProperty({ description: 'Whether a secret token is set (the secret itself is never shown)' })
  secretTokenSet: boolean;

  @ApiProperty({
    description: 'Whether the secret is a personal access token that the endpoint is bound to',
  })
  secretIsPersonalAccessToken: boolean;

  @ApiProperty({ type: 'integer', example: 10 })
  requestRetention: number;

  @ApiProperty({ example: '2027-01-31T12:00:00.000Z' })
  createdAt: Date;

  static from(endpoint: WebhookEndpoint): WebhookEndpointResponse {
    const {
      id,
      title,
      enabled,
      path,
      authentication,
      secretIsPersonalAccessToken,
      requestRetention,
      createdAt,
    } = endpoint;
    return {
      id,
      title,
      enabled,
      path,
      url: WEBHOOKS_PREFIX + path,
      authentication,
      secretTokenSet: endpoint.secretDigest !== null,
      secretIsPersonalAccessToken,
      requestRetention,
      createdAt,
    };
  }
}

export class WebhookRequestResponse {
  @ApiProperty({
    example: '3f1c2a9e-8a4b-4f7e-9c55-0b1d2e3f4a5b',
    description: 'Also sent as X-Release-Webhook-Request-Id',
  })
  id: string;

  @ApiProperty({ example: '2027-01-31T12:00:00.000Z' })
  receivedAt: Date;

  @ApiProperty({ example: 'POST' })
  method: string;

  @ApiProperty({ example: '/webhooks/github/push' })
  path: string;

  @ApiProperty({ example: 'ref=main', description: 'The query string as sent, without "?"' })
  query: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Request headers, without authorization, cookie and the token headers',
  })
  headers: Record<string, string>;

  @ApiProperty({ example: 'application/json' })
  contentType: string;

  @ApiProperty({ example: '{"ref":"main"}', description: 'The body exactly as received' })
  body: string;

  @ApiProperty({ example: '127.0.0.1' })
  sourceIp: string;

  static from(request: WebhookRequest): WebhookRequestResponse {
    const { requestId, receivedAt, method, path, query, headers, contentType, body, sourceIp } =
      request;
    return {
      id: requestId,
      receivedAt,
      method,
      path,
      query,
      headers: JSON.parse(headers) as Record<string, string>,
      contentType,
      body,
      sourceIp,
    };
  }
}
