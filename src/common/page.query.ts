import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query strings are text: only whole decimal numbers become numbers here, nothing else is coerced. */
const wholeNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

export class PageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    default: 0,
    description: 'Page number, from 0',
  })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'page must be a whole number from 0' })
  @Min(0)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Transform(wholeNumber)
  @IsInt({ message: 'resultsPerPage must be a whole number from 1 to 1000' })
  @Min(1)
  @Max(1000)
  resultsPerPage?: number;
}
