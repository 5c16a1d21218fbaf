import { InitialSchema1764800000000 } from './1764800000000-initial-schema.js';
import { Webhooks1764900000000 } from './1764900000000-webhooks.js';

/** Every migration, oldest first. They run at start on SQLite and MySQL alike. */
export const migrations = [InitialSchema1764800000000, Webhooks1764900000000];
