import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { Strategy } from 'passport-strategy';

import { AuthenticationService } from './authentication.service.js';
import { BasicCredentials, parseAuthorizationHeader } from './basic-credentials.js';
import { Principal } from './principal.js';

export const PAT_HEADER = 'x-release-personal-token';
export const BASIC_STRATEGY = 'basic';
export const PAT_HEADER_STRATEGY = 'personal-token-header';

type Verify = (
  credentials: BasicCredentials,
  done: (error: unknown, principal?: Principal | false) => void,
) => void;

/**
 * HTTP Basic that, unlike passport-http, accepts an empty user name (`curl -u :<pat>`), keeps
 * everything after the first colon as the password and matches the scheme name exactly.
 * No Authorization header: the next strategy may try. A Basic header that fails: refused outright.
 */
class BasicCredentialsStrategy extends Strategy {
  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: { headers: Record<string, string | string[] | undefined> }) {
    const header = parseAuthorizationHeader(request.headers.authorization);
    if (header.scheme === 'none') return this.fail(401);
    if (header.scheme !== 'basic') return this.error(new UnauthorizedException());

    this.verify(header.credentials, (error, principal) => {
      if (error) return this.error(error as Error);
      if (!principal) return this.error(new UnauthorizedException());
      this.success(principal);
    });
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
