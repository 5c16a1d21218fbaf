import { NestFastifyApplication, FastifyAdapter } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';

import { AppModule } from './app.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createRootLogger, PinoNestLogger } from './common/logger.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { setUpSwagger } from './swagger.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Builds the whole application, ready to listen: used by main.ts and by the end-to-end tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const rootLogger = createRootLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: rootLogger,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    trustProxy: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(rootLogger),
    abortOnError: false,
  });

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  // The API takes JSON only: any other body is a 415, not a string for the validator to puzzle over.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  setUpSwagger(app);
  return app;
}
