import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

import { PasswordSignInOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal, Principal } from '../auth/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { CreatedTokenResponse, CreateTokenDto, TokenResponse } from './dto/token.dto.js';
import { TokensService } from './tokens.service.js';

@ApiTags('personal access tokens')
@ApiUnauthorizedResponse({ description: 'No valid credentials' })
@Controller('api/v1/personal-access-tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @PasswordSignInOnly()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Create a personal access token; its value is shown in this response only',
  })
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateTokenDto,
  ): Promise<CreatedTokenResponse> {
    return this.tokens.create(principal.user, dto);
  }

  @Get()
  @ApiOperation({ summary: "The caller's tokens, newest first" })
  @ApiOkResponse({ type: [TokenResponse] })
  async list(@CurrentPrincipal() principal: Principal): Promise<TokenResponse[]> {
    const tokens = await this.tokens.listFor(principal.user);
    return tokens.map((token) => TokenResponse.from(token));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of your tokens (a token may revoke itself)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such token among yours' })
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    await this.tokens.deleteFor(principal.user, id);
  }
}
