import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

import { AdminOnly } from '../auth/auth.decorators.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { UsersService } from '../users/users.service.js';
import { TokenResponse } from './dto/token.dto.js';
import { TokensService } from './tokens.service.js';

@ApiTags('users')
@ApiUnauthorizedResponse({ description: 'No valid credentials' })
@AdminOnly()
@Controller('api/v1/users/:username/personal-access-tokens')
export class UserTokensController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
  ) {}

  @Get()
  @ApiOperation({ summary: "A user's tokens, newest first (admin)" })
  @ApiOkResponse({ type: [TokenResponse] })
  async list(@Param('username') username: string): Promise<TokenResponse[]> {
    const tokens = await this.tokens.listFor(await this.users.get(username));
    return tokens.map((token) => TokenResponse.from(token));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke a user's token (admin)" })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such user, or no such token of that user' })
  async delete(
    @Param('username') username: string,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    await this.tokens.deleteFor(await this.users.get(username), id);
  }
}
