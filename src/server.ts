// Starts MotCua: parse the configuration, build the app, listen. Nothing else lives here.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`MotCua is running at ${config.publicUrl} (database: ${config.database.dialect}); API reference at ${config.publicUrl}/docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('MotCua failed to start:', error);
  process.exit(1);
});
