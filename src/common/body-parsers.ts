import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

/**
 * Reads a request stream up to `limit` bytes. A declared Content-Length over the limit is refused
 * before a byte is read; a stream that grows past it is cut off.
 */
export async function readBody(
  stream: NodeJS.ReadableStream & { headers?: Record<string, unknown> },
  limit: number,
) {
  const declared = Number(stream.headers?.['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(limit: number) {
  return new PayloadTooLargeException(`The body is larger than the limit of ${limit} bytes`);
}

/**
 * The API reads JSON bodies only (anything else is 415). Routes for which `readsOwnBody` is true get
 * the raw, unread stream instead, so that they can authenticate a request before looking at its body.
 */
export function installBodyParsers(
  fastify: FastifyInstance,
  options: { jsonLimit: number; readsOwnBody: (url: string) => boolean },
): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();

  fastify.addContentTypeParser('application/json', (request, payload, done) => {
    if (options.readsOwnBody(request.url)) return done(null, undefined);
    readBody(payload, options.jsonLimit).then(
      (body) => parseJson(request, body.toString('utf8'), done),
      (error: Error) => done(error, undefined),
    );
  });
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    if (options.readsOwnBody(request.url)) return done(null, undefined);
    done(
      new UnsupportedMediaTypeException('Send the body as JSON (Content-Type: application/json)'),
      undefined,
    );
  });
}
