import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { Transactions } from '../database/transactions.service.js';
import { hashToken, isPersonalAccessTokenFormat } from '../tokens/token-format.js';
import { TokensService } from '../tokens/tokens.service.js';
import { CreateWebhookEndpointDto, UpdateWebhookEndpointDto } from './dto/webhook.dto.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookRequest } from './webhook-request.entity.js';

export const DEFAULT_REQUEST_RETENTION = 10;

@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectRepository(WebhookEndpoint) private readonly endpoints: Repository<WebhookEndpoint>,
    @InjectRepository(WebhookRequest) private readonly requests: Repository<WebhookRequest>,
    private readonly tokens: TokensService,
    private readonly transactions: Transactions,
  ) {}

  async create(dto: CreateWebhookEndpointDto): Promise<WebhookEndpoint> {
    const secret = await this.resolveSecret(dto.authentication, dto.secretToken, false);
    await this.assertPathFree(dto.path);

    return this.endpoints.save(
      this.endpoints.create({
        title: dto.title,
        enabled: dto.enabled ?? true,
        path: dto.path,
        authentication: dto.authentication,
        ...secret,
        requestRetention: dto.requestRetention ?? DEFAULT_REQUEST_RETENTION,
        createdAt: new Date(),
      }),
    );
  }

  list(): Promise<WebhookEndpoint[]> {
    return this.endpoints.find({ order: { id: 'ASC' } });
  }

  async get(id: number): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findOneBy({ id });
    if (!endpoint) throw new NotFoundException(`No webhook endpoint with id ${id}`);
    return endpoint;
  }

  async update(id: number, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpoint> {
    const endpoint = await this.get(id);
    const authentication = dto.authentication ?? endpoint.authentication;
    const keepsSecret =
      authentication === 'token' && dto.secretToken === undefined && endpoint.secretDigest !== null;
    const secret = keepsSecret
      ? {}
      : await this.resolveSecret(authentication, dto.secretToken, true);
    if (dto.path !== undefined && dto.path !== endpoint.path) await this.assertPathFree(dto.path);

    const next: WebhookEndpoint = {
      ...endpoint,
      title: dto.title ?? endpoint.title,
      enabled: dto.enabled ?? endpoint.enabled,
      path: dto.path ?? endpoint.path,
      authentication,
      ...secret,
      requestRetention: dto.requestRetention ?? endpoint.requestRetention,
    };
    return this.transactions.run(async (manager) => {
      const saved = await manager.save(WebhookEndpoint, next);
      // A lower retention applies at once, not at the next request.
      await pruneRequests(manager, saved.id, saved.requestRetention);
      return saved;
    });
  }

  async delete(id: number): Promise<void> {
    const endpoint = await this.get(id);
    await this.transactions.run(async (manager) => {
      await manager.delete(WebhookRequest, { endpointId: endpoint.id });
      await manager.delete(WebhookEndpoint, { id: endpoint.id });
    });
  }

  async listRequests(id: number, page: number, resultsPerPage: number): Promise<WebhookRequest[]> {
    const endpoint = await this.get(id);
    return this.requests.find({
      where: { endpointId: endpoint.id },
      order: { seq: 'DESC' },
      skip: page * resultsPerPage,
      take: resultsPerPage,
    });
  }

  /**
   * The digest to store for a secret, and whether it binds the endpoint to a PAT. A secret in the
   * PAT format must be a token that signs in now: anything else would be a dead endpoint.
   */
  private async resolveSecret(
    authentication: WebhookEndpoint['authentication'],
    secretToken: string | undefined,
    updating: boolean,
  ): Promise<Pick<WebhookEndpoint, 'secretDigest' | 'secretIsPersonalAccessToken'>> {
    if (authentication === 'none') {
      if (secretToken !== undefined) {
        throw new BadRequestException(['secretToken must not be set when authentication is none']);
      }
      return { secretDigest: null, secretIsPersonalAccessToken: false };
    }
    if (secretToken === undefined) {
      throw new BadRequestException([
        updating
          ? 'secretToken is required to switch authentication to token'
          : 'secretToken is required when authentication is token',
      ]);
    }
    const isToken = isPersonalAccessTokenFormat(secretToken);
    if (isToken && !(await this.tokens.findSignInToken(secretToken))) {
      throw new BadRequestException([
        'secretToken has the format of a personal access token but is not one that can sign in ' +
          '(revoked, expired, or its owner is disabled or external)',
      ]);
    }
    return { secretDigest: hashToken(secretToken), secretIsPersonalAccessToken: isToken };
  }

  private async assertPathFree(path: string): Promise<void> {
    if (await this.endpoints.existsBy({ path })) {
      throw new ConflictException(`Another webhook endpoint already uses the path ${path}`);
    }
  }
}

/** Keeps only the newest `keep` requests of an endpoint. */
export async function pruneRequests(
  manager: EntityManager,
  endpointId: number,
  keep: number,
): Promise<void> {
  const oldestDropped = await manager
    .createQueryBuilder(WebhookRequest, 'r')
    .select('r.seq', 'seq')
    .where('r.endpointId = :endpointId', { endpointId })
    .orderBy('r.seq', 'DESC')
    .offset(keep)
    .limit(1)
    .getRawOne<{ seq: number }>();
  if (!oldestDropped) return;

  await manager
    .createQueryBuilder()
    .delete()
    .from(WebhookRequest)
    .where('endpointId = :endpointId AND seq <= :seq', { endpointId, seq: oldestDropped.seq })
    .execute();
}
