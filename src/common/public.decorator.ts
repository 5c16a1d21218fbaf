import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'release-access:public';

/** Opts a route out of authentication; every other route needs credentials. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
