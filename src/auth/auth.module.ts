import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';

import { TokensModule } from '../tokens/tokens.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthenticationGuard } from './authentication.guard.js';
import { AuthenticationService } from './authentication.service.js';
import { AuthorizationGuard } from './authorization.guard.js';
import {
  BasicAuthStrategy,
  BearerAuthStrategy,
  PersonalTokenHeaderStrategy,
} from './credential-strategies.js';
import { OidcTokenVerifier } from './oidc-token-verifier.service.js';

/** Signs every request in (Basic, Bearer, PAT header) and then checks its rights; routes opt out with @Public(). */
@Module({
  imports: [PassportModule, UsersModule, TokensModule],
  providers: [
    AuthenticationService,
    OidcTokenVerifier,
    BasicAuthStrategy,
    BearerAuthStrategy,
    PersonalTokenHeaderStrategy,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
  ],
})
export class AuthModule {}
