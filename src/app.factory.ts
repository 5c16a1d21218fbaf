import { randomUUID } from 'node:crypto';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { AppModule } from './app.module.js';
import { installBodyParsers } from './common/body-parsers.js';
import { errorBody, HttpExceptionFilter } from './common/http-exception.filter.js';
import { createRootLogger, PinoNestLogger } from './common/logger.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { setUpSwagger } from './swagger.js';
import { detachContentType, isWebhookUrl } from './webhooks/webhook-http.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const API_BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the whole application, ready to listen: used by main.ts and by the end-to-end tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const rootLogger = createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    trustProxy: false,
    // A client that sends its body slowly, or not at all, is cut off instead of holding memory.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs * 2,
    // Errors Fastify raises before routing (a malformed URL) get the same body as every other error.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500
          ? error.statusCode
          : 400;
      void reply
        .code(status)
        .send(
          errorBody(
            status,
            status === 414 ? 'The request URL is too long' : 'The request URL is malformed',
          ),
        );
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(rootLogger),
    abortOnError: false,
    // Body parsing is ours (installBodyParsers): JSON for the API, the raw stream for webhooks.
    bodyParser: false,
  });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  installBodyParsers(fastify, {
    jsonLimit: API_BODY_LIMIT_BYTES,
    readsOwnBody: isWebhookUrl,
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    if (isWebhookUrl(request.url)) detachContentType(request);
    done();
  });
  setUpSwagger(app, config.oidc !== undefined);
  return app;
}
