import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { CryptoKey, exportJWK, generateKeyPair, JWK, JWTPayload, SignJWT } from 'jose';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * A small OpenID Connect issuer on 127.0.0.1 for the tests: a discovery document and a key set
 * served over HTTP, with RSA keys made at start. Keys can be made without publishing them, and
 * published later, to play a key rotation.
 */
export class TestIssuer {
  readonly keys: SigningKey[] = [];
  published: string[] = [];
  keySetFetches = 0;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<TestIssuer> {
    const holder: { self?: TestIssuer } = {};
    const server = createServer((request, response) => {
      const issuer = holder.self!;
      if (request.url === '/.well-known/openid-configuration') {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ issuer: issuer.issuer, jwks_uri: `${issuer.issuer}/keys` }));
      } else if (request.url === '/keys') {
        issuer.keySetFetches += 1;
        const keys = issuer.keys
          .filter((key) => issuer.published.includes(key.kid))
          .map((key) => key.publicJwk);
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys }));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const issuer = new TestIssuer(server, `http://127.0.0.1:${port}`);
    holder.self = issuer;
    await issuer.newKey(true);
    return issuer;
  }

  async newKey(publish: boolean): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `key-${this.keys.length + 1}`;
    const key = {
      kid,
      privateKey,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    };
    this.keys.push(key);
    if (publish) this.published.push(kid);
    return key;
  }

  /** Publishes only `key` from now on: the older keys leave the key set. */
  rotateTo(key: SigningKey): void {
    this.published = [key.kid];
  }

  /** A token valid for 5 minutes from the first key unless told otherwise. */
  sign(
    claims: JWTPayload,
    options: {
      key?: SigningKey;
      kid?: string;
      issuer?: string;
      audience?: string;
      expiresAt?: number;
    } = {},
  ) {
    const key = options.key ?? this.keys[0];
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub: 'subject-1', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? 'release-access')
      .setIssuedAt(now)
      .setExpirationTime(options.expiresAt ?? now + 300)
      .sign(key.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
