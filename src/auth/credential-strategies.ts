import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { Strategy } from 'passport-strategy';

import { AuthenticationService } from './authentication.service.js';
import { BasicCredentials, parseAuthorizationHeader } from './basic-credentials.js';
import { Principal } from './principal.js';

export const PAT_HEADER = 'x-release-personal-token';
export const BASIC_STRATEGY = 'basic';
export const BEARER_STRATEGY = 'bearer';
export const PAT_HEADER_STRATEGY = 'personal-token-header';

type Done = (error: unknown, principal?: Principal | false) => void;
type Headers = { headers: Record<string, string | string[] | undefined> };

/**
 * The strategies below share one rule: without their credential they pass (`fail`) so that the
 * next strategy may try; with it, they either succeed or refuse outright (`error`), so that a bad
 * credential never falls through to another one.
 */
abstract class AuthorizationHeaderStrategy<T> extends Strategy {
  constructor(private readonly verify: (credentials: T, done: Done) => void) {
    super();
  }

  protected check(credentials: T): void {
    this.verify(credentials, (error, principal) => {
      if (error) return this.error(error as Error);
      if (!principal) return this.error(new UnauthorizedException());
      this.success(principal);
    });
  }
}

/**
 * HTTP Basic that, unlike passport-http, accepts an empty user name (`curl -u :<pat>`), keeps
 * everything after the first colon as the password and matches the scheme name exactly.
 */
class BasicCredentialsStrategy extends AuthorizationHeaderStrategy<BasicCredentials> {
  override authenticate(request: Headers) {
    const header = parseAuthorizationHeader(request.headers.authorization);
    if (header.scheme === 'none' || header.scheme === 'other') return this.fail(401);
    if (header.scheme === 'malformed') return this.error(new UnauthorizedException());
    this.check(header.credentials);
  }
}

/** `Authorization: Bearer <JWT>`; any scheme that is neither Basic nor Bearer is refused here. */
class BearerTokenStrategy extends AuthorizationHeaderStrategy<string> {
  override authenticate(request: Headers) {
    const header = parseAuthorizationHeader(request.headers.authorization);
    if (header.scheme === 'none') return this.fail(401);
    if (header.scheme !== 'other' || header.name.toLowerCase() !== 'bearer') {
      return this.error(new UnauthorizedException());
    }
    this.check(header.credentials);
  }
}

@Injectable()
export class BasicAuthStrategy extends PassportStrategy(BasicCredentialsStrategy, BASIC_STRATEGY) {
  constructor(private readonly authentication: AuthenticationService) {
    super();
  }

  validate(credentials: BasicCredentials): Promise<Principal> {
    return this.authentication.authenticateBasic(credentials);
  }
}

@Injectable()
export class BearerAuthStrategy extends PassportStrategy(BearerTokenStrategy, BEARER_STRATEGY) {
  constructor(private readonly authentication: AuthenticationService) {
    super();
  }

  validate(token: string): Promise<Principal> {
    return this.authentication.authenticateBearer(token);
  }
}

@Injectable()
export class PersonalTokenHeaderStrategy extends PassportStrategy(
  HeaderAPIKeyStrategy,
  PAT_HEADER_STRATEGY,
) {
  constructor(private readonly authentication: AuthenticationService) {
    super({ header: PAT_HEADER, prefix: '' }, false);
  }

  validate(token: string): Promise<Principal> {
    return this.authentication.authenticateToken(token);
  }
}
