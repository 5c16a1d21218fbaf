import { ColumnOptions } from 'typeorm';

/**
 * Instants are kept as UTC with millisecond precision. The MySQL connection runs with time zone
 * `Z` and SQLite stores TypeORM's UTC strings, so the server's own time zone never matters.
 */
export const instantColumn = (options: ColumnOptions = {}): ColumnOptions => ({
  type: 'datetime',
  precision: 3,
  ...options,
});
