import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

import { PAT_HEADER } from './auth/credential-strategies.js';
import { WEBHOOK_TOKEN_SCHEME } from './webhooks/webhook-receiver.controller.js';
import { WEBHOOK_TOKEN_HEADER } from './webhooks/webhook-receiver.service.js';

export const BASIC_SCHEME = 'basic';
export const PAT_HEADER_SCHEME = 'personal-token';
export const OIDC_SCHEME = 'oidc';

/** Swagger UI at /docs and the document at /docs-json; either security scheme signs "Try it out" in. */
export function setUpSwagger(app: INestApplication, oidcEnabled: boolean): void {
  const builder = new DocumentBuilder()
    .setTitle('release-access')
    .setDescription(
      'Personal access tokens for the release API. Authorize with a token in the ' +
        `"${PAT_HEADER_SCHEME}" scheme (header ${PAT_HEADER}), or with Basic: an empty user name and the ` +
        'token as password, or an internal user name and password. Use one scheme at a time.',
    )
    .setVersion('1')
    .addBasicAuth(
      {
        type: 'http',
        scheme: 'basic',
        description: 'User name and password, or an empty user name and a PAT',
      },
      BASIC_SCHEME,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: PAT_HEADER,
        description: 'A personal access token (rpat_...)',
      },
      PAT_HEADER_SCHEME,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: WEBHOOK_TOKEN_HEADER,
        description: "A webhook endpoint's secret token",
      },
      WEBHOOK_TOKEN_SCHEME,
    )
    .addSecurityRequirements(BASIC_SCHEME)
    .addSecurityRequirements(PAT_HEADER_SCHEME);
  if (oidcEnabled) {
    builder
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token of the OpenID Connect issuer (external users)',
        },
        OIDC_SCHEME,
      )
      .addSecurityRequirements(OIDC_SCHEME);
  }
  const config = builder.build();

  const document = SwaggerModule.createDocument(app, config);
  // The health check is public: no scheme applies to it.
  const health = document.paths['/health']?.get;
  if (health) health.security = [];
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: false },
  });
}
