import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { Public } from '../common/public.decorator.js';
import { WebhookReceiverService } from './webhook-receiver.service.js';

export const WEBHOOK_REQUEST_ID_HEADER = 'X-Release-Webhook-Request-Id';
export const WEBHOOK_TOKEN_SCHEME = 'webhook-token';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhookReceiverController {
  constructor(private readonly receiver: WebhookReceiverService) {}

  @Post('*')
  @Public()
  @HttpCode(200)
  @ApiSecurity(WEBHOOK_TOKEN_SCHEME)
  @ApiOperation({
    summary: 'Receive a webhook',
    description:
      'Checks, in this order: unknown or disabled endpoint 404, authentication 401, content type 415, ' +
      'size 413, malformed JSON 400. Accepted requests answer 200 with an empty body.',
  })
  @ApiParam({
    name: 'path',
    description: "The endpoint's path; may contain /",
    example: 'github/push',
  })
  @ApiBody({ schema: { type: 'object', example: { ref: 'main' } } })
  @ApiOkResponse({
    description: 'Accepted (and stored, unless the retention is 0)',
    headers: {
      [WEBHOOK_REQUEST_ID_HEADER]: {
        description: 'Id of the request in the history',
        schema: { type: 'string' },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'No enabled endpoint at this path' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong x-release-webhook-token' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not JSON' })
  @ApiPayloadTooLargeResponse({ description: 'The body is larger than WEBHOOK_MAX_BODY_BYTES' })
  @ApiBadRequestResponse({ description: 'Malformed JSON' })
  async receive(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.receiver.receive(request);
    void reply.header(WEBHOOK_REQUEST_ID_HEADER, request.id);
  }
}
