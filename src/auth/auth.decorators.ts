import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';

export const ADMIN_ONLY = 'release-access:admin-only';
export const PASSWORD_SIGN_IN = 'release-access:password-sign-in';

/** The caller must be an admin; anyone else gets 403. */
export const AdminOnly = () =>
  applyDecorators(
    SetMetadata(ADMIN_ONLY, true),
    ApiForbiddenResponse({ description: 'The caller is not an admin' }),
  );

/**
 * The caller must be an internal user who signed in with a password, not with a PAT or an
 * external identity: a PAT cannot mint another PAT or change a password.
 */
export const PasswordSignInOnly = () =>
  applyDecorators(
    SetMetadata(PASSWORD_SIGN_IN, true),
    ApiForbiddenResponse({ description: 'Needs an internal user signed in with a password' }),
  );
