import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { FastifyInstance } from 'fastify';

import { decodeUtf8, isJsonContentType, nestsDeeperThan } from './json-body.js';

/** Deeper bodies are refused before parsing: no DTO of the API nests, and deep ones exhaust the stack. */
export const API_MAX_JSON_DEPTH = 32;

/**
 * Reads a request stream up to `limit` bytes. A declared Content-Length over the limit is refused
 * before a byte is read; a stream that grows past it is cut off.
 */
export async function readBody(
  stream: NodeJS.ReadableStream & { headers?: Record<string, unknown> },
  limit: number,
): Promise<Buffer> {
  const declared = Number(stream.headers?.['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeException) throw error;
    // The client went away mid-body: its fault, not the server's, and nobody is left to answer.
    throw new BadRequestException('The body ended before it was complete');
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(limit: number) {
  return new PayloadTooLargeException(`The body is larger than the limit of ${limit} bytes`);
}

const NOT_JSON = 'Send the body as JSON in UTF-8 (Content-Type: application/json)';

/**
 * The API reads JSON bodies only (anything else is 415). Routes for which `readsOwnBody` is true get
 * the raw, unread stream instead, so that they can authenticate a request before looking at its body.
 */
export function installBodyParsers(
  fastify: FastifyInstance,
  options: { jsonLimit: number; readsOwnBody: (url: string) => boolean },
): void {
  // Fastify's parser keeps its guard against __proto__ and constructor.prototype keys.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();

  fastify.addContentTypeParser('application/json', (request, payload, done) => {
    if (options.readsOwnBody(request.url)) return done(null, undefined);
    if (!isJsonContentType(request.headers['content-type'])) {
      return done(new UnsupportedMediaTypeException(NOT_JSON), undefined);
    }
    readBody(payload, options.jsonLimit).then(
      (bytes) => {
        const text = decodeUtf8(bytes);
        if (text === null)
          return done(new BadRequestException('The body is not valid UTF-8'), undefined);
        if (text.trim() === '')
          return done(new BadRequestException('The body is empty: send a JSON object'), undefined);
        if (nestsDeeperThan(text, API_MAX_JSON_DEPTH)) {
          return done(
            new BadRequestException(`The body nests deeper than ${API_MAX_JSON_DEPTH} levels`),
            undefined,
          );
        }
        void parseJson(request, text, (error, value) => {
          if (!error) return done(null, value);
          done(new BadRequestException(describeJsonError(text)), undefined);
        });
      },
      (error: Error) => done(error, undefined),
    );
  });
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    if (options.readsOwnBody(request.url)) return done(null, undefined);
    done(new UnsupportedMediaTypeException(NOT_JSON), undefined);
  });
}

/** Fastify's parser says only "invalid": tell a poisoned object apart from text that is not JSON. */
function describeJsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch {
    return 'The body is not well-formed JSON';
  }
  return 'The body must not contain "__proto__" or "constructor.prototype" keys';
}
