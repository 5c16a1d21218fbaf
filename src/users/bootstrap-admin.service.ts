import { randomBytes } from 'node:crypto';

import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';

import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { UsersService } from './users.service.js';

/** On the first start, with no users at all, creates the admin from ADMIN_USERNAME / ADMIN_PASSWORD. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;

    const generated = this.config.adminPassword === undefined;
    const secret = this.config.adminPassword ?? randomBytes(18).toString('base64url');
    try {
      await this.users.create({
        username: this.config.adminUsername,
        password: secret,
        admin: true,
      });
    } catch (error) {
      // A second instance starting against the same empty database got there first.
      if (isUniqueViolation(error) || error instanceof ConflictException) return;
      throw error;
    }

    if (generated) {
      // The one secret this service ever prints: it was made here, and nobody else can know it.
      this.logger.warn(
        `Created the admin "${this.config.adminUsername}" with the generated sign-in secret ${secret} ` +
          '(shown once; change it with PUT /api/v1/profile/password)',
      );
    } else {
      this.logger.log(
        `Created the admin "${this.config.adminUsername}" from ADMIN_USERNAME and ADMIN_PASSWORD`,
      );
    }
  }
}
