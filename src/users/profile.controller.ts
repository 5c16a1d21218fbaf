import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

import { PasswordSignInOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal, Principal } from '../auth/principal.js';
import { ChangePasswordDto, ProfileResponse, UserResponse } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('profile')
@ApiUnauthorizedResponse({ description: 'No valid credentials' })
@Controller('api/v1/profile')
export class ProfileController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user and how they signed in' })
  @ApiOkResponse({ type: ProfileResponse })
  get(@CurrentPrincipal() principal: Principal): ProfileResponse {
    return { ...UserResponse.from(principal.user), authenticatedWith: principal.method };
  }

  @Put('password')
  @HttpCode(204)
  @PasswordSignInOnly()
  @ApiOperation({ summary: 'Change your own password (internal users signed in with a password)' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'Invalid new password, or the current password is wrong' })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    await this.users.changePassword(principal.user, dto);
  }
}
