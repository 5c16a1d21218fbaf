import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { DatabaseConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

@Module({})
export class DatabaseModule {
  static forRoot(database: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(database),
          // A wrong URL should stop the service quickly with its error, not after half a minute.
          retryAttempts: 2,
          retryDelay: 1000,
        }),
      ],
    };
  }
}
