import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
import { PageQuery } from '../common/page.query.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointResponse,
  WebhookRequestResponse,
} from './dto/webhook.dto.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

@ApiTags('webhook endpoints')
@ApiUnauthorizedResponse({ description: 'No valid credentials' })
@AdminOnly()
@Controller('api/v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post()
  @ApiOperation({ summary: 'Create an HTTP endpoint for webhooks (admin)' })
  @ApiCreatedResponse({ type: WebhookEndpointResponse })
  @ApiConflictResponse({ description: 'Another endpoint uses this path' })
  async create(@Body() dto: CreateWebhookEndpointDto): Promise<WebhookEndpointResponse> {
    return WebhookEndpointResponse.from(await this.endpoints.create(dto));
  }

  @Get()
  @ApiOperation({ summary: 'All webhook endpoints (admin)' })
  @ApiOkResponse({ type: [WebhookEndpointResponse] })
  async list(): Promise<WebhookEndpointResponse[]> {
    const endpoints = await this.endpoints.list();
    return endpoints.map((endpoint) => WebhookEndpointResponse.from(endpoint));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint (admin)' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseIdPipe) id: number): Promise<WebhookEndpointResponse> {
    return WebhookEndpointResponse.from(await this.endpoints.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a webhook endpoint (admin); a lower retention prunes at once' })
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Another endpoint uses this path' })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointResponse> {
    return WebhookEndpointResponse.from(await this.endpoints.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint and its stored requests (admin)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async delete(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.endpoints.delete(id);
  }

  @Get(':id/requests')
  @ApiOperation({ summary: 'The stored requests of an endpoint, newest first (admin)' })
  @ApiOkResponse({ type: [WebhookRequestResponse] })
  @ApiNotFoundResponse()
  async requests(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: PageQuery,
  ): Promise<WebhookRequestResponse[]> {
    const requests = await this.endpoints.listRequests(
      id,
      query.page ?? 0,
      query.resultsPerPage ?? 100,
    );
    return requests.map((request) => WebhookRequestResponse.from(request));
  }
}
