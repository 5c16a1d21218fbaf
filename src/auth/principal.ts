import { createParamDecorator, ExecutionContext } from '@nestjs/common';

import { PersonalAccessToken } from '../tokens/personal-access-token.entity.js';
import { AuthenticationMethod } from '../users/dto/user.dto.js';
import { User } from '../users/user.entity.js';

/** Who made the request and how: set by the authentication guard on `request.user`. */
export interface Principal {
  user: User;
  method: AuthenticationMethod;
  /** The token used, when `method` is `personal-access-token`. */
  token?: PersonalAccessToken;
}

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);
