import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { TokensModule } from '../tokens/tokens.module.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEndpointsController } from './webhook-endpoints.controller.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { WebhookReceiverController } from './webhook-receiver.controller.js';
import { WebhookReceiverService } from './webhook-receiver.service.js';
import { WebhookRequest } from './webhook-request.entity.js';

/** Admin-configured HTTP endpoints for webhooks, the receiver at /webhooks/<path>, and their history. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpoint, WebhookRequest]), TokensModule],
  controllers: [WebhookEndpointsController, WebhookReceiverController],
  providers: [WebhookEndpointsService, WebhookReceiverService],
})
export class WebhooksModule {}
