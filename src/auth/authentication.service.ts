import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { JWTPayload } from 'jose';

import { type AppConfig, USERNAME_PATTERN } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { isPlainText } from '../common/validation.js';
import { isPersonalAccessTokenFormat } from '../tokens/token-format.js';
import { TokensService } from '../tokens/tokens.service.js';
import { ExternalIdentity, UsersService } from '../users/users.service.js';
import { usernameKey } from '../users/user.entity.js';
import { BasicCredentials } from './basic-credentials.js';
import { OidcTokenVerifier } from './oidc-token-verifier.service.js';
import { Principal } from './principal.js';

/** The single message of every authentication failure: it must not tell which part was wrong. */
export const AUTHENTICATION_FAILED =
  'Authentication required: the credentials are missing or not valid';

export class AuthenticationFailed extends UnauthorizedException {
  constructor() {
    super(AUTHENTICATION_FAILED);
  }
}

@Injectable()
export class AuthenticationService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly oidc: OidcTokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Basic credentials: a password in PAT format is a PAT (its owner must match a non-empty user name). */
  async authenticateBasic({ username, password }: BasicCredentials): Promise<Principal> {
    if (isPersonalAccessTokenFormat(password)) {
      if (username === '') return this.authenticateToken(password);
      if (!USERNAME_PATTERN.test(username)) throw new AuthenticationFailed();
      return this.authenticateToken(password, usernameKey(username));
    }

    const user = await this.users.verifyPassword(username, password);
    if (!user) throw new AuthenticationFailed();
    return { user, method: 'password' };
  }

  /** An OpenID Connect JWT: the user is created on first sign-in and refreshed from the claims after. */
  async authenticateBearer(jwt: string): Promise<Principal> {
    const claims = this.oidc.enabled ? await this.oidc.verify(jwt) : null;
    const identity = claims ? this.identityFrom(claims) : null;
    const user = identity ? await this.users.signInExternal(identity) : null;
    if (!user) throw new AuthenticationFailed();
    return { user, method: 'oidc' };
  }

  async authenticateToken(value: string, ownerKey?: string): Promise<Principal> {
    const token = await this.tokens.verify(value, ownerKey);
    if (!token?.user) throw new AuthenticationFailed();
    return { user: token.user, method: 'personal-access-token', token };
  }

  private identityFrom(claims: JWTPayload): ExternalIdentity | null {
    const config = this.config.oidc;
    const username = config ? claims[config.usernameClaim] : undefined;
    if (!config || typeof username !== 'string' || !USERNAME_PATTERN.test(username)) return null;

    const groups = Array.isArray(claims.groups) ? claims.groups : [];
    return {
      username,
      source: 'oidc',
      fullName: nameClaim(claims.name),
      email: emailClaim(claims.email),
      admin: config.adminGroup === undefined ? undefined : groups.includes(config.adminGroup),
    };
  }
}

/** Claims are held to the rules of the same fields set through the API, or dropped. */
function nameClaim(value: unknown): string | null {
  const name = typeof value === 'string' ? value.trim() : value;
  return isPlainText(name, 1, 255) ? (name as string) : null;
}

function emailClaim(value: unknown): string | null {
  return isPlainText(value, 3, 254) && isEmail(value) ? (value as string) : null;
}
