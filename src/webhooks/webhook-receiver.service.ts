import { createHash, timingSafeEqual } from 'node:crypto';

import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FastifyRequest } from 'fastify';
import { Repository } from 'typeorm';

import { readBody } from '../common/body-parsers.js';
import { decodeUtf8, isJsonContentType } from '../common/json-body.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Transactions } from '../database/transactions.service.js';
import { TokensService } from '../tokens/tokens.service.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WEBHOOKS_PREFIX } from './dto/webhook.dto.js';
import { pruneRequests } from './webhook-endpoints.service.js';
import { parseWebhookUrl, sentContentType } from './webhook-http.js';
import { WebhookRequest } from './webhook-request.entity.js';

export const WEBHOOK_TOKEN_HEADER = 'x-release-webhook-token';
/** Never stored with a request, whatever the endpoint. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  WEBHOOK_TOKEN_HEADER,
  'x-release-personal-token',
]);

/** The stored column's width; no real JSON content type comes near it. */
const MAX_CONTENT_TYPE_LENGTH = 255;

export const WEBHOOK_AUTHENTICATION_FAILED = `Webhook authentication failed: send the endpoint's secret token in ${WEBHOOK_TOKEN_HEADER}`;

/**
 * Receives `POST /webhooks/<path>`. The checks run in a fixed order, each before any work the next
 * needs: endpoint (404), authentication (401), content type (415), size (413), JSON (400). Only
 * then is the body stored, with the endpoint's retention applied in the same transaction.
 */
@Injectable()
export class WebhookReceiverService {
  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    private readonly tokens: TokensService,
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Stores an accepted request under `request.id`; throws the HTTP error of the first failed check. */
  async receive(request: FastifyRequest): Promise<void> {
    const url = parseWebhookUrl(request.url);
    const endpoint =
      url.endpointPath === null ? null : await this.endpoints.findOneBy({ path: url.endpointPath });
    if (!endpoint?.enabled) throw notFound(url.pathname);

    const presented = request.headers[WEBHOOK_TOKEN_HEADER];
    const secret = typeof presented === 'string' ? presented : '';
    if (!(await this.accepts(endpoint, secret))) throw unauthorized();

    const contentType = sentContentType(request.raw);
    assertJsonContentType(contentType);
    const body = parseJsonBody(await readBody(request.raw, this.config.webhookMaxBodyBytes));

    const outcome = await this.store(endpoint, secret, {
      requestId: request.id,
      receivedAt: new Date(),
      method: request.method,
      // The endpoint's own path, whatever %-encoding the request used: it always fits the column.
      path: WEBHOOKS_PREFIX + endpoint.path,
      query: url.query,
      headers: JSON.stringify(storableHeaders(request.headers, contentType)),
      contentType: contentType ?? '',
      body,
      sourceIp: request.ip,
    });
    if (outcome === 'gone') throw notFound(url.pathname);
    if (outcome === 'refused') throw unauthorized();
  }

  /** Constant-time comparison of digests; a PAT-bound endpoint also needs the token to sign in now. */
  private async accepts(endpoint: WebhookEndpoint, secret: string): Promise<boolean> {
    if (endpoint.authentication === 'none') return true;

    const digest = createHash('sha256').update(secret, 'utf8').digest();
    const expected = Buffer.from(endpoint.secretDigest ?? '', 'hex');
    if (expected.length !== digest.length || !timingSafeEqual(digest, expected)) return false;
    return !endpoint.secretIsPersonalAccessToken || (await this.tokens.verify(secret)) !== null;
  }

  /**
   * Inserts the request and drops all but the newest `requestRetention` in one transaction. On
   * MySQL the endpoint row is locked first, so that concurrent requests to one endpoint take turns
   * and the count stays exact; on SQLite transactions already run one at a time. The body may
   * have taken a while to arrive: the endpoint must still be enabled with the same secret, and a
   * bound PAT must still sign in, or nothing is stored.
   */
  private async store(
    checked: WebhookEndpoint,
    secret: string,
    request: Omit<WebhookRequest, 'seq' | 'endpointId'>,
  ): Promise<'stored' | 'gone' | 'refused'> {
    return this.transactions.run(async (manager) => {
      const query = manager
        .createQueryBuilder(WebhookEndpoint, 'e')
        .where('e.id = :id', { id: checked.id });
      const endpoint = await (
        this.transactions.locksRows ? query.setLock('pessimistic_write') : query
      ).getOne();
      if (!endpoint?.enabled) return 'gone';
      const sameSecret =
        endpoint.authentication === checked.authentication &&
        endpoint.secretDigest === checked.secretDigest;
      if (!sameSecret) return 'refused';
      if (endpoint.secretIsPersonalAccessToken && !(await this.tokens.findSignInToken(secret))) {
        return 'refused';
      }

      if (endpoint.requestRetention > 0) {
        await manager.insert(WebhookRequest, { ...request, endpointId: endpoint.id });
      }
      await pruneRequests(manager, endpoint.id, endpoint.requestRetention);
      return 'stored';
    });
  }
}

function notFound(pathname: string): NotFoundException {
  return new NotFoundException(`No enabled webhook endpoint at ${pathname.slice(0, 300)}`);
}

function unauthorized(): UnauthorizedException {
  return new UnauthorizedException(WEBHOOK_AUTHENTICATION_FAILED);
}

function assertJsonContentType(header: string | undefined): void {
  if (
    header === undefined ||
    header.length > MAX_CONTENT_TYPE_LENGTH ||
    !isJsonContentType(header, true)
  ) {
    throw new UnsupportedMediaTypeException(
      'Send the webhook body as JSON in UTF-8 (Content-Type: application/json)',
    );
  }
}

function parseJsonBody(bytes: Buffer): string {
  const text = decodeUtf8(bytes);
  try {
    if (text === null) throw new Error('not UTF-8');
    // A byte order mark is allowed before JSON (RFC 8259), and kept in the stored text.
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BadRequestException('The body is not well-formed JSON in UTF-8');
  }
  return text;
}

function storableHeaders(
  headers: FastifyRequest['headers'],
  contentType: string | undefined,
): Record<string, string> {
  const kept: Record<string, string> = {};
  if (contentType !== undefined) kept['content-type'] = contentType;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}
