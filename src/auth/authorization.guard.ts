import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { ADMIN_ONLY, PASSWORD_SIGN_IN } from './auth.decorators.js';
import { Principal } from './principal.js';

/** Runs after authentication: a signed-in caller without the right gets 403. */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal) return true;

    if (this.reflector.getAllAndOverride<boolean>(PASSWORD_SIGN_IN, targets)) {
      if (principal.user.source !== 'internal') {
        throw new ForbiddenException(
          'Personal access tokens and passwords are for internal users only',
        );
      }
      if (principal.method !== 'password') {
        throw new ForbiddenException(
          'Sign in with your password for this: a personal access token cannot do it',
        );
      }
    }
    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) && !principal.user.admin) {
      throw new ForbiddenException('Only an admin can do this');
    }
    return true;
  }
}
