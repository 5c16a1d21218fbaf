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
import { WEBHOOKS_PREFIX } from './dto/webhook.dto.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { pruneRequests } from './webhook-endpoints.service.js';
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
    const [pathname, query = ''] = splitUrl(request.url);
    const path = pathname.slice(WEBHOOKS_PREFIX.length);
    const endpoint = await this.endpoints.findOneBy({ path });
    if (!endpoint?.enabled)
      throw new NotFoundException(`No enabled webhook endpoint at ${pathname}`);

    await this.authenticate(endpoint, request.headers[WEBHOOK_TOKEN_HEADER]);
    assertJsonContentType(request.headers['content-type']);
    const body = parseJsonBody(await readBody(request.raw, this.config.webhookMaxBodyBytes));

    await this.store(endpoint.id, {
      requestId: request.id,
      receivedAt: new Date(),
      method: request.method,
      path: pathname,
      query,
      headers: JSON.stringify(storableHeaders(request.headers)),
      contentType: request.headers['content-type'] ?? '',
      body,
      sourceIp: request.ip,
    });
  }

  private async authenticate(
    endpoint: WebhookEndpoint,
    header: string | string[] | undefined,
  ): Promise<void> {
    if (endpoint.authentication === 'none') return;

    const presented = typeof header === 'string' ? header : '';
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    const expected = Buffer.from(endpoint.secretDigest ?? '', 'hex');
    const matches = expected.length === digest.length && timingSafeEqual(digest, expected);
    // A PAT-bound endpoint accepts exactly while that token would sign in.
    const live =
      matches &&
      (!endpoint.secretIsPersonalAccessToken || (await this.tokens.verify(presented)) !== null);
    if (!live) throw new UnauthorizedException(WEBHOOK_AUTHENTICATION_FAILED);
  }

  /**
   * Inserts the request and drops all but the newest `requestRetention` in one transaction. On
   * MySQL the endpoint row is locked first, so that concurrent requests to one endpoint take turns
   * and the count stays exact; on SQLite transactions already run one at a time.
   */
  private async store(
    endpointId: number,
    request: Omit<WebhookRequest, 'seq' | 'endpointId'>,
  ): Promise<void> {
    const stored = await this.transactions.run(async (manager) => {
      const query = manager
        .createQueryBuilder(WebhookEndpoint, 'e')
        .where('e.id = :endpointId', { endpointId });
      const endpoint = await (
        this.transactions.locksRows ? query.setLock('pessimistic_write') : query
      ).getOne();
      if (!endpoint) return false;
      if (endpoint.requestRetention > 0) {
        await manager.insert(WebhookRequest, { ...request, endpointId });
      }
      await pruneRequests(manager, endpointId, endpoint.requestRetention);
      return true;
    });
    // Deleted while this request was on its way.
    if (!stored) throw new NotFoundException(`No enabled webhook endpoint at ${request.path}`);
  }
}

function splitUrl(url: string): [string, string?] {
  const mark = url.indexOf('?');
  return mark < 0 ? [url] : [url.slice(0, mark), url.slice(mark + 1)];
}

function assertJsonContentType(header: string | undefined): void {
  if (!isJsonContentType(header, true)) {
    throw new UnsupportedMediaTypeException(
      'Send the webhook body as JSON in UTF-8 (Content-Type: application/json)',
    );
  }
}

function parseJsonBody(bytes: Buffer): string {
  const text = decodeUtf8(bytes);
  try {
    if (text === null) throw new Error('not UTF-8');
    JSON.parse(text);
  } catch {
    throw new BadRequestException('The body is not well-formed JSON in UTF-8');
  }
  return text;
}

function storableHeaders(headers: FastifyRequest['headers']): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}
