import { Injectable, UnauthorizedException } from '@nestjs/common';

import { isPersonalAccessTokenFormat } from '../tokens/token-format.js';
import { TokensService } from '../tokens/tokens.service.js';
import { UsersService } from '../users/users.service.js';
import { usernameKey } from '../users/user.entity.js';
import { BasicCredentials } from './basic-credentials.js';
import { Principal } from './principal.js';

/** The single message of every authentication failure: it must not tell which part was wrong. */
export const AUTHENTICATION_FAILED =
  'Authentication required: send a personal access token or an internal user name and password';

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
  ) {}

  /** Basic credentials: a password in PAT format is a PAT (its owner must match a non-empty user name). */
  async authenticateBasic({ username, password }: BasicCredentials): Promise<Principal> {
    if (isPersonalAccessTokenFormat(password)) {
      return this.authenticateToken(password, username === '' ? undefined : usernameKey(username));
    }

    const user = await this.users.verifyPassword(username, password);
    if (!user) throw new AuthenticationFailed();
    return { user, method: 'password' };
  }

  async authenticateToken(value: string, ownerKey?: string): Promise<Principal> {
    const token = await this.tokens.verify(value, ownerKey);
    if (!token?.user) throw new AuthenticationFailed();
    return { user: token.user, method: 'personal-access-token', token };
  }
}
