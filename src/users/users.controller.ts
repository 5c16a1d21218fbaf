import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal, Principal } from '../auth/principal.js';
import { CreateUserDto, UpdateUserDto, UserResponse } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiUnauthorizedResponse({ description: 'No valid credentials' })
@AdminOnly()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'The user name is taken (ignoring case)' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateUserDto,
  ): Promise<UserResponse> {
    assertMaySetPassword(principal, dto);
    return UserResponse.from(await this.users.create(dto));
  }

  @Get()
  @ApiOperation({ summary: 'All users (admin)' })
  @ApiOkResponse({ type: [UserResponse] })
  async list(): Promise<UserResponse[]> {
    const users = await this.users.list();
    return users.map((user) => UserResponse.from(user));
  }

  @Get(':username')
  @ApiOperation({ summary: 'One user (admin)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse()
  async get(@Param('username') username: string): Promise<UserResponse> {
    return UserResponse.from(await this.users.get(username));
  }

  @Patch(':username')
  @ApiOperation({ summary: 'Change a user (admin); making a user external deletes their tokens' })
  @ApiOkResponse({ type: UserResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The change would leave no enabled internal admin' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    assertMaySetPassword(principal, dto);
    return UserResponse.from(await this.users.update(username, dto));
  }

  @Delete(':username')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user and their tokens (admin)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The last enabled internal admin cannot be deleted' })
  async delete(@Param('username') username: string): Promise<void> {
    await this.users.delete(username);
  }
}

/**
 * A password opens the way to new PATs, so only an admin who signed in with a password may set
 * one: a (possibly leaked) PAT must not be able to turn itself into a password.
 */
function assertMaySetPassword(principal: Principal, dto: { password?: string }): void {
  if (dto.password !== undefined && principal.method !== 'password') {
    throw new ForbiddenException(
      principal.method === 'oidc'
        ? 'Setting a password needs a password sign-in as an internal user'
        : 'Setting a password needs a password sign-in: a personal access token cannot do it',
    );
  }
}
