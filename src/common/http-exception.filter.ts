import { STATUS_CODES } from 'node:http';

import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { FastifyReply } from 'fastify';

import { isUniqueViolation } from '../database/unique-violation.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

export const WWW_AUTHENTICATE = 'Basic realm="release-access"';

/**
 * The one place that shapes error responses: `{ statusCode, error, message }` for every status,
 * 409 for a unique-key violation on either database, and a bare 500 (logged, never echoed) for
 * anything unexpected.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);

    if (body.statusCode === 401) reply.header('WWW-Authenticate', WWW_AUTHENTICATE);
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? (response as { message: string | string[] }).message
          : exception.message;
      return errorBody(status, message);
    }

    if (isUniqueViolation(exception)) {
      return errorBody(HttpStatus.CONFLICT, 'A record with the same unique value already exists');
    }

    const clientStatus = frameworkClientStatus(exception);
    if (clientStatus !== undefined) {
      return errorBody(clientStatus, (exception as Error).message);
    }

    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`${error.name}: ${error.message}`, error.stack);
    return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}

export function errorBody(statusCode: number, message: string | string[]): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** Fastify's own request errors (bad JSON, wrong content type, body too large) carry a 4xx status. */
function frameworkClientStatus(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { statusCode, code } = exception as Error & { statusCode?: unknown; code?: unknown };
  const fromFastify = typeof code === 'string' && code.startsWith('FST_');
  if (fromFastify && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return statusCode;
  }
  return undefined;
}
