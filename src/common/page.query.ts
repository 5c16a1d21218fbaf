import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, registerDecorator } from 'class-validator';

export const MAX_PAGE = 10_000_000;

/** Query strings are text: only plain decimal digits become a number, anything else stays text. */
const wholeNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;

/** One check, one message: a whole number within the range. */
function IsWholeNumberFrom(min: number, max: number) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isWholeNumberFrom',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a whole number from ${min} to ${max}` },
      validator: {
        validate: (value: unknown) =>
          Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max,
      },
    });
}

export class PageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_PAGE,
    default: 0,
    description: 'Page number, from 0',
  })
  @IsOptional()
  @Transform(wholeNumber)
  @IsWholeNumberFrom(0, MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Transform(wholeNumber)
  @IsWholeNumberFrom(1, 1000)
  resultsPerPage?: number;
}
