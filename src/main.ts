import 'reflect-metadata';

import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  app
    .getHttpAdapter()
    .getInstance()
    .log.info(`release-access listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`release-access: configuration error: ${error.message}`);
  } else {
    console.error(
      'release-access: failed to start:',
      error instanceof Error ? error.message : error,
    );
  }
  process.exit(1);
});
