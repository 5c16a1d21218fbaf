import { isPersonalAccessTokenFormat } from '../tokens/token-format.js';

export type DatabaseConfig =
  | { type: 'better-sqlite3'; file: string }
  | {
      type: 'mysql' | 'mariadb';
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
    };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  adminUsername: string;
  /** Unset means: generate one at first start and print it once. */
  adminPassword?: string;
  /** Unset means: any of the offered lifetimes, including none. */
  patMaxLifetimeDays?: number;
  logLevel: LogLevel;
  /** Largest webhook body accepted, in bytes; larger ones get 413. */
  webhookMaxBodyBytes: number;
  /** A request, body included, must arrive within this time (else 408). */
  requestTimeoutMs: number;
  /** Set when OIDC_ISSUER is: external users sign in with the issuer's JWTs. */
  oidc?: OidcConfig;
}

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** Unset: read from the issuer's discovery document. */
  jwksUri?: string;
  usernameClaim: string;
  adminGroup?: string;
  /** Shortest time between two fetches of the key set when a token names an unknown key. */
  jwksRefreshCooldownMs: number;
}

/** Raised for a bad environment variable; the message names the variable and never echoes a secret. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_SQLITE_FILE = './data/release-access.sqlite';
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
/**
 * The largest webhook body that may be configured. MySQL's driver escapes the body into the
 * statement (a backslash doubles), and the statement must stay under MariaDB's default
 * max_allowed_packet of 16 MiB.
 */
const MAX_STORED_BODY_BYTES = 4 * 1024 * 1024;
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

type Env = Record<string, string | undefined>;

/** Reads and validates the whole configuration at once, so that a bad start fails before any I/O. */
export function loadConfig(env: Env = process.env): AppConfig {
  return {
    port: readInteger(env, 'PORT', 5516, 0, 65535),
    host: readNonEmpty(env, 'HOST') ?? '0.0.0.0',
    database: parseDatabaseUrl(
      readNonEmpty(env, 'DATABASE_URL') ?? `sqlite:${DEFAULT_SQLITE_FILE}`,
    ),
    adminUsername: readAdminUsername(env),
    adminPassword: readAdminPassword(env),
    // Below 7 days no offered lifetime would be left.
    patMaxLifetimeDays: readOptionalInteger(env, 'PAT_MAX_LIFETIME_DAYS', 7, 36500),
    logLevel: readLogLevel(env),
    webhookMaxBodyBytes: readInteger(
      env,
      'WEBHOOK_MAX_BODY_BYTES',
      1024 * 1024,
      1,
      MAX_STORED_BODY_BYTES,
    ),
    requestTimeoutMs: readInteger(env, 'REQUEST_TIMEOUT_SECONDS', 60, 1, 3600) * 1000,
    oidc: readOidc(env),
  };
}

const OIDC_OPTIONAL = [
  'OIDC_AUDIENCE',
  'OIDC_JWKS_URI',
  'OIDC_USERNAME_CLAIM',
  'OIDC_ADMIN_GROUP',
  'OIDC_JWKS_REFRESH_COOLDOWN_SECONDS',
];

function readOidc(env: Env): OidcConfig | undefined {
  const issuer = readNonEmpty(env, 'OIDC_ISSUER');
  if (issuer === undefined) {
    const stray = OIDC_OPTIONAL.find((name) => readNonEmpty(env, name) !== undefined);
    if (stray) {
      throw new ConfigError(
        `${stray} is set but OIDC_ISSUER is not: set OIDC_ISSUER to turn OpenID Connect on`,
      );
    }
    return undefined;
  }
  const audience = readNonEmpty(env, 'OIDC_AUDIENCE');
  if (audience === undefined) {
    throw new ConfigError(
      'OIDC_AUDIENCE is required with OIDC_ISSUER: the audience (client id) of accepted tokens',
    );
  }
  const jwksUri = readNonEmpty(env, 'OIDC_JWKS_URI');
  return {
    issuer: readIssuerUrl('OIDC_ISSUER', issuer),
    audience,
    jwksUri: jwksUri === undefined ? undefined : readIssuerUrl('OIDC_JWKS_URI', jwksUri),
    usernameClaim: readNonEmpty(env, 'OIDC_USERNAME_CLAIM') ?? 'preferred_username',
    adminGroup: readNonEmpty(env, 'OIDC_ADMIN_GROUP'),
    jwksRefreshCooldownMs:
      readInteger(env, 'OIDC_JWKS_REFRESH_COOLDOWN_SECONDS', 30, 0, 3600) * 1000,
  };
}

/** https, or http on a loopback address only (local identity providers and tests). */
function readIssuerUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an absolute https:// URL`);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      `${name} must use https:// (http:// is allowed on a loopback address only)`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`${name} must not carry credentials, a query or a fragment`);
  }
  return value;
}

export function parseDatabaseUrl(value: string): DatabaseConfig {
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') {
      throw new ConfigError(
        'DATABASE_URL: sqlite: needs a file name, as in sqlite:./data/app.sqlite',
      );
    }
    return { type: 'better-sqlite3', file };
  }

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a valid URL; use mysql://user:pass@host:3306/db, mariadb://... or sqlite:<file>',
    );
  }
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== 'mysql' && protocol !== 'mariadb') {
    throw new ConfigError(
      `DATABASE_URL: unsupported scheme "${protocol}"; use mysql://, mariadb:// or sqlite:<file>`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError('DATABASE_URL: query parameters and fragments are not supported');
  }
  const database = decodeUrlPart(url.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) {
    throw new ConfigError(
      'DATABASE_URL must name one database, as in mysql://user:pass@host:3306/db',
    );
  }
  return {
    type: protocol,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: url.port === '' ? 3306 : Number(url.port),
    username: decodeUrlPart(url.username) || 'root',
    password: decodeUrlPart(url.password),
    database,
  };
}

function decodeUrlPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ConfigError('DATABASE_URL has a malformed %-escape (write a literal % as %25)');
  }
}

function readNonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function readOptionalInteger(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = readNonEmpty(env, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  return readOptionalInteger(env, name, min, max) ?? fallback;
}

function readAdminUsername(env: Env): string {
  const value = readNonEmpty(env, 'ADMIN_USERNAME') ?? 'admin';
  if (!USERNAME_PATTERN.test(value)) {
    throw new ConfigError(
      'ADMIN_USERNAME must be 1-64 ASCII letters, digits, ".", "_", "@" or "-"',
    );
  }
  return value;
}

function readAdminPassword(env: Env): string | undefined {
  const value = env.ADMIN_PASSWORD;
  if (value === undefined || value === '') return undefined;
  if (value.length < 8 || value.length > 256) {
    throw new ConfigError('ADMIN_PASSWORD must be 8-256 characters long');
  }
  if (isPersonalAccessTokenFormat(value)) {
    throw new ConfigError('ADMIN_PASSWORD must not look like a personal access token');
  }
  return value;
}

function readLogLevel(env: Env): LogLevel {
  const value = (readNonEmpty(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${value}")`);
  }
  return value as LogLevel;
}

/** localhost, 127.0.0.0/8 or [::1]: where plain http cannot leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return ['localhost', '[::1]'].includes(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}
