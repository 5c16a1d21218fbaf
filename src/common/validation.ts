import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationOptions, registerDecorator } from 'class-validator';

import { isPersonalAccessTokenFormat } from '../tokens/token-format.js';

/**
 * Unknown fields are refused and nothing is coerced: `"false"` stays a string and fails
 * `@IsBoolean()`. Rejected values are never echoed back, since some of them are passwords.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(flattenMessages(errors)),
  });
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
