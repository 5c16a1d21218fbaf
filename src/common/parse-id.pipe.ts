import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Numeric ids in paths: anything but a positive whole number is a 400 that says so. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = /^[1-9]\d{0,14}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id)) {
      throw new BadRequestException([`${metadata.data ?? 'id'} must be a positive whole number`]);
    }
    return id;
  }
}
