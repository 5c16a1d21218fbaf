import { IncomingMessage } from 'node:http';

import { WEBHOOK_PATH_PATTERN, WEBHOOKS_PREFIX } from './dto/webhook.dto.js';

/**
 * The URL as a path and query: a request target in absolute form (`http://host/webhooks/x`), which
 * servers must accept, loses its scheme and host, and nothing else is changed.
 */
export function originForm(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
}

export function isWebhookUrl(url: string): boolean {
  return originForm(url).startsWith(WEBHOOKS_PREFIX);
}

export interface WebhookUrl {
  /** The path as received. */
  pathname: string;
  /** The query string as received, without `?`. */
  query: string;
  /** The endpoint path it names (`%2F` decoded, as Swagger UI sends it), or null if it names none. */
  endpointPath: string | null;
}

export function parseWebhookUrl(url: string): WebhookUrl {
  const target = originForm(url);
  const mark = target.indexOf('?');
  const pathname = mark < 0 ? target : target.slice(0, mark);
  const query = mark < 0 ? '' : target.slice(mark + 1);

  let endpointPath: string | null = null;
  try {
    const decoded = decodeURIComponent(pathname.slice(WEBHOOKS_PREFIX.length));
    endpointPath = WEBHOOK_PATH_PATTERN.test(decoded) ? decoded : null;
  } catch {
    endpointPath = null;
  }
  return { pathname, query, endpointPath };
}

const contentTypes = new WeakMap<IncomingMessage, string | undefined>();

/**
 * Takes the Content-Type header off a webhook request before Fastify looks at it, so that Fastify
 * refuses no content type (even a malformed one) before the receiver has answered 404 or 401.
 */
export function detachContentType(request: {
  raw: IncomingMessage;
  headers: IncomingMessage['headers'];
}): void {
  contentTypes.set(request.raw, request.headers['content-type']);
  delete request.headers['content-type'];
}

/** The Content-Type the client sent. */
export function sentContentType(raw: IncomingMessage): string | undefined {
  return contentTypes.has(raw) ? contentTypes.get(raw) : raw.headers['content-type'];
}
