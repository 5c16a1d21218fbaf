import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { DatabaseConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { Transactions } from './transactions.service.js';

@Global()
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
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
