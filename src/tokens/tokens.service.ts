import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Or, Repository } from 'typeorm';

import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { User } from '../users/user.entity.js';
import {
  CreatedTokenResponse,
  CreateTokenDto,
  DEFAULT_TOKEN_LIFETIME_DAYS,
  isExpired,
  TOKEN_LIFETIMES_DAYS,
} from './dto/token.dto.js';
import { PersonalAccessToken } from './personal-access-token.entity.js';
import {
  generatePersonalAccessToken,
  hashToken,
  isPersonalAccessTokenFormat,
  tokenHint,
} from './token-format.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** `lastUsedAt` is written at most this often per token, so that reads do not all become writes. */
export const LAST_USED_RESOLUTION_MS = 60 * 1000;

@Injectable()
export class TokensService {
  constructor(
    @InjectRepository(PersonalAccessToken) private readonly tokens: Repository<PersonalAccessToken>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(user: User, dto: CreateTokenDto): Promise<CreatedTokenResponse> {
    const lifetime = dto.expiresInDays === undefined ? this.defaultLifetime() : dto.expiresInDays;
    this.assertLifetimeAllowed(lifetime);
    const nameKey = dto.name.toLowerCase();
    if (await this.tokens.existsBy({ userId: user.id, nameKey })) {
      throw new ConflictException(`You already have a token named "${dto.name}"`);
    }

    const token = generatePersonalAccessToken();
    const createdAt = new Date();
    const saved = await this.tokens.save(
      this.tokens.create({
        userId: user.id,
        name: dto.name,
        nameKey,
        tokenHash: hashToken(token),
        tokenHint: tokenHint(token),
        createdAt,
        expiresAt: lifetime === null ? null : new Date(createdAt.getTime() + lifetime * DAY_MS),
        lastUsedAt: null,
      }),
    );
    const { id, name, tokenHint: hint, expiresAt } = saved;
    return { id, name, token, tokenHint: hint, createdAt, expiresAt, lastUsedAt: null };
  }

  listFor(user: User): Promise<PersonalAccessToken[]> {
    return this.tokens.find({ where: { userId: user.id }, order: { id: 'DESC' } });
  }

  async deleteFor(user: User, id: number): Promise<void> {
    const { affected } = await this.tokens.delete({ id, userId: user.id });
    if (!affected) throw new NotFoundException(`No personal access token with id ${id}`);
  }

  /**
   * The hot path of every PAT request: a format check that needs no database, then one lookup by
   * the unique digest, joined to the owner. Nothing is cached, so a revocation, an expiry or a
   * change to the owner takes effect on the very next request. With `ownerKey`, the token must
   * also belong to that (lower-cased) user name. Only a success touches `lastUsedAt`.
   */
  async verify(value: string, ownerKey?: string): Promise<PersonalAccessToken | null> {
    const token = await this.findSignInToken(value, ownerKey);
    if (token) await this.touch(token);
    return token;
  }

  /** The token that `value` names if it would sign in right now; no side effect. */
  async findSignInToken(value: string, ownerKey?: string): Promise<PersonalAccessToken | null> {
    if (!isPersonalAccessTokenFormat(value)) return null;
    const token = await this.tokens.findOne({
      where: { tokenHash: hashToken(value) },
      relations: { user: true },
    });
    if (
      !token?.user ||
      isExpired(token) ||
      !token.user.enabled ||
      token.user.source !== 'internal'
    ) {
      return null;
    }
    if (ownerKey !== undefined && ownerKey !== token.user.usernameKey) return null;
    return token;
  }

  private async touch(token: PersonalAccessToken): Promise<void> {
    const now = new Date();
    if (
      token.lastUsedAt !== null &&
      now.getTime() - token.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS
    )
      return;

    const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS + 1);
    await this.tokens.update(
      { id: token.id, lastUsedAt: Or(IsNull(), LessThan(cutoff)) },
      { lastUsedAt: now },
    );
    token.lastUsedAt = now;
  }

  /** 30 days, or the longest offered lifetime that PAT_MAX_LIFETIME_DAYS still allows. */
  private defaultLifetime(): number {
    const max = this.config.patMaxLifetimeDays ?? Infinity;
    const allowed = TOKEN_LIFETIMES_DAYS.filter(
      (days) => days <= Math.min(max, DEFAULT_TOKEN_LIFETIME_DAYS),
    );
    return allowed.length > 0 ? Math.max(...allowed) : DEFAULT_TOKEN_LIFETIME_DAYS;
  }

  private assertLifetimeAllowed(lifetime: number | null) {
    const max = this.config.patMaxLifetimeDays;
    if (max === undefined) return;
    if (lifetime === null || lifetime > max) {
      throw new BadRequestException([
        `expiresInDays must be at most ${max}: this server refuses longer-lived tokens`,
      ]);
    }
  }
}
