import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { FastifyReply, FastifyRequest } from 'fastify';

import { IS_PUBLIC } from '../common/public.decorator.js';
import { AuthenticationFailed } from './authentication.service.js';
import {
  BASIC_STRATEGY,
  BEARER_STRATEGY,
  PAT_HEADER,
  PAT_HEADER_STRATEGY,
} from './credential-strategies.js';
import { Principal } from './principal.js';

export const TOKEN_EXPIRES_HEADER = 'X-Release-Token-Expires-At';

/**
 * Global guard: every route needs credentials unless marked `@Public()`. The Authorization header
 * (Basic, or Bearer for OpenID Connect) is tried first and the PAT header second; a request that
 * presents both is refused, since accepting it would mean ignoring one of the credentials it sent.
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard([
  BASIC_STRATEGY,
  BEARER_STRATEGY,
  PAT_HEADER_STRATEGY,
]) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.headers.authorization !== undefined && request.headers[PAT_HEADER] !== undefined) {
      throw new AuthenticationFailed();
    }
    // Node keeps only the first Authorization header of a request; a second one would be ignored.
    if (countHeader(request.raw.rawHeaders, 'authorization') > 1) throw new AuthenticationFailed();

    await super.canActivate(context);

    const { token } = (request as FastifyRequest & { user: Principal }).user;
    if (token?.expiresAt) {
      void context
        .switchToHttp()
        .getResponse<FastifyReply>()
        .header(TOKEN_EXPIRES_HEADER, token.expiresAt.toISOString());
    }
    return true;
  }

  /** Every failure, whichever strategy or step it came from, looks the same to the caller. */
  override handleRequest<T>(error: unknown, principal: T | false): T {
    if (error || !principal) {
      if (
        error instanceof Error &&
        !(error instanceof AuthenticationFailed) &&
        !isUnauthorized(error)
      )
        throw error;
      throw new AuthenticationFailed();
    }
    return principal;
  }
}

function isUnauthorized(error: Error): boolean {
  return (error as { status?: unknown }).status === 401;
}

function countHeader(rawHeaders: string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === name) count += 1;
  }
  return count;
}
