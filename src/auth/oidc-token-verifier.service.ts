import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, JWTVerifyGetKey, jwtVerify } from 'jose';

import type { AppConfig, OidcConfig } from '../config/app-config.js';
import { isLoopbackHost } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/** Asymmetric signatures only: never `none`, never an HMAC keyed with a public key. */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const CLOCK_TOLERANCE_SECONDS = 30;
const HTTP_TIMEOUT_MS = 5000;
const MAX_TOKEN_LENGTH = 16 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Verifies `Authorization: Bearer` JWTs from the configured OpenID Connect issuer. The key set comes
 * from OIDC_JWKS_URI or the issuer's discovery document, is cached, and is fetched again when a
 * token names a key it does not hold (at most once per cooldown), which follows key rotation.
 */
@Injectable()
export class OidcTokenVerifier {
  private readonly logger = new Logger('OidcTokenVerifier');
  private readonly config?: OidcConfig;
  private keySet?: Promise<JWTVerifyGetKey>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.config = config.oidc;
  }

  get enabled(): boolean {
    return this.config !== undefined;
  }

  /** The verified claims, or null for any failure (the reason goes to the debug log, never the token). */
  async verify(token: string): Promise<JWTPayload | null> {
    const config = this.config;
    if (!config || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) return null;

    try {
      const { payload } = await jwtVerify(token, await this.keys(config), {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: OIDC_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      return payload;
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        this.logger.debug(`Bearer token refused: ${error.code}`);
      } else {
        this.logger.warn(
          `Bearer token could not be checked: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return null;
    }
  }

  private keys(config: OidcConfig): Promise<JWTVerifyGetKey> {
    // A failed discovery is not cached: the next request tries again.
    this.keySet ??= this.discoverKeySet(config).catch((error: unknown) => {
      this.keySet = undefined;
      throw error;
    });
    return this.keySet;
  }

  private async discoverKeySet(config: OidcConfig): Promise<JWTVerifyGetKey> {
    const jwksUri = config.jwksUri ?? (await this.discoverJwksUri(config));
    return createRemoteJWKSet(new URL(jwksUri), {
      cooldownDuration: config.jwksRefreshCooldownMs,
      cacheMaxAge: 10 * 60 * 1000,
      timeoutDuration: HTTP_TIMEOUT_MS,
    });
  }

  private async discoverJwksUri(config: OidcConfig): Promise<string> {
    const url = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, {
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      redirect: 'error',
    });
    if (!response.ok) throw new Error(`discovery document answered ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (document.issuer !== config.issuer) {
      throw new Error('the discovery document names another issuer than OIDC_ISSUER');
    }
    if (typeof document.jwks_uri !== 'string')
      throw new Error('the discovery document has no jwks_uri');
    const jwks = new URL(document.jwks_uri);
    if (
      jwks.protocol !== 'https:' &&
      !(jwks.protocol === 'http:' && isLoopbackHost(jwks.hostname))
    ) {
      throw new Error(
        'the discovery document names a jwks_uri that is neither https nor on a loopback address',
      );
    }
    return jwks.toString();
  }
}
