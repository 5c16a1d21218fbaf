import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';

import { AdminOnly } from '../auth/auth.decorators.js';
import { CreateUserDto, UpdateUserDto, UserResponse } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@AdminOnly()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'The user name is taken (ignoring case)' })
  async create(@Body() dto: CreateUserDto): Promise<UserResponse> {
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
    @Param('username') username: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
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
