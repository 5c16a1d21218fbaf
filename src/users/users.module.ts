import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { PersonalAccessToken } from '../tokens/personal-access-token.entity.js';
import { BootstrapAdminService } from './bootstrap-admin.service.js';
import { PasswordHasher } from './password-hasher.service.js';
import { ProfileController } from './profile.controller.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, PersonalAccessToken])],
  controllers: [UsersController, ProfileController],
  providers: [UsersService, PasswordHasher, BootstrapAdminService],
  exports: [UsersService],
})
export class UsersModule {}
