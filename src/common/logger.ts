import { LoggerService } from '@nestjs/common';
import { Logger as Pino, pino } from 'pino';

import { LogLevel } from '../config/app-config.js';

/**
 * Credential headers are censored wherever a request or its headers are logged, even though
 * Fastify's default request serializer leaves headers out: a later serializer change must not leak.
 */
const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-release-personal-token',
  'x-release-webhook-token',
].flatMap((header) => [
  `req.headers["${header}"]`,
  `headers["${header}"]`,
  `res.headers["${header}"]`,
]);

export function createRootLogger(level: LogLevel): Pino {
  return pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'release-access' },
  });
}

/** Nest's logger interface on top of pino, so that framework and application lines share one format. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ) {
    // Nest passes the context last, and for errors a stack before it.
    const context =
      typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack =
      level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    if (message instanceof Error) {
      this.root[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.root[level]({ context, ...message });
    } else {
      this.root[level]({ context, stack }, String(message));
    }
  }
}
