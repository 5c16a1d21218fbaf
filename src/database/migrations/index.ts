import { InitialSchema1764800000000 } from './1764800000000-initial-schema.js';

/** Every migration, oldest first. They run at start on SQLite and MySQL alike. */
export const migrations = [InitialSchema1764800000000];
