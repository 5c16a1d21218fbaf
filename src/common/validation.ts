import {
  ArgumentMetadata,
  BadRequestException,
  Injectable,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

import { isPersonalAccessTokenFormat } from '../tokens/token-format.js';

/**
 * Unknown fields are refused and nothing is coerced: `"false"` stays a string and fails
 * `@IsBoolean()`, a path id stays text for its own pipe, and a body must be a JSON object. Rejected
 * values are never echoed back, since some of them are passwords.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new BadRequestException(flattenMessages(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const expectsObject =
      metadata.type === 'body' &&
      metadata.metatype !== undefined &&
      !this.isPrimitiveType(metadata);
    if (expectsObject && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new BadRequestException(['The body must be a JSON object']);
    }
    return super.transform(value, metadata);
  }

  /** Path and query values stay strings: `0x1` or `1e0` must not quietly become the id 1. */
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }

  private isPrimitiveType({ metatype }: ArgumentMetadata): boolean {
    return metatype === String || metatype === Number || metatype === Boolean;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe();
}

function flattenMessages(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix + error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? path + message.slice(error.property.length) : message,
    );
    return [...own, ...flattenMessages(error.children ?? [], `${path}.`)];
  });
}

/** May be left out, but `null` is a value like any other and is checked (and refused) as such. */
export const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

/** May be left out or set to `null` (to clear it). */
export const IsOptionalOrNull = () =>
  ValidateIf((_object, value) => value !== undefined && value !== null);

const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\t\n\r]/u;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * Text that is stored and shown: well-formed Unicode (no lone surrogates), `min`-`max` characters
 * counted as code points (as MySQL counts them), no control characters (line breaks and tabs only
 * when `multiline`) and no bidirectional overrides that could make it display as something else.
 */
export function IsPlainText(min: number, max: number, options: { multiline?: boolean } = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName,
      options: {
        message:
          `${propertyName} must be text of ${min}-${max} characters without control characters` +
          `${options.multiline ? ' other than line breaks and tabs' : ''} or direction overrides`,
      },
      validator: { validate: (value: unknown) => isPlainText(value, min, max, options) },
    });
}

export function isPlainText(
  value: unknown,
  min: number,
  max: number,
  options: { multiline?: boolean } = {},
) {
  if (typeof value !== 'string' || !value.isWellFormed()) return false;
  const length = [...value].length;
  const control = options.multiline ? CONTROL_EXCEPT_LINES : CONTROL;
  return length >= min && length <= max && !control.test(value) && !BIDI_CONTROL.test(value);
}

/** Refuses a string shaped like a personal access token, so a password can never be mistaken for one. */
export function IsNotTokenFormat(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotTokenFormat',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must not have the format of a personal access token`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || !isPersonalAccessTokenFormat(value),
      },
    });
}

/** Trims strings and leaves every other type alone, so that type checks still see the original. */
export const trimString = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
