import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { UsersModule } from '../users/users.module.js';
import { PersonalAccessToken } from './personal-access-token.entity.js';
import { TokensController } from './tokens.controller.js';
import { TokensService } from './tokens.service.js';
import { UserTokensController } from './user-tokens.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([PersonalAccessToken]), UsersModule],
  controllers: [TokensController, UserTokensController],
  providers: [TokensService],
  exports: [TokensService],
})
export class TokensModule {}
