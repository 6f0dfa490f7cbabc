import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '@baton/db';
import type { ServerConfig } from './config';

/**
 * BATON_SECRET_KEY, or on the embedded database a key made once and kept beside the data (readable by this
 * user only), so the zero-setup install has second factors and single sign-on too. On PostgreSQL every
 * instance must share the key, so none is invented.
 */
export function resolveSecretKey(config: ServerConfig, engine: DbHandle['engine']): string | undefined {
  if (config.secretKey) return config.secretKey;
  if (engine !== 'pglite') {
    console.log(
      'BATON_SECRET_KEY is not set: second factors and identity providers with a client secret are unavailable.',
    );
    return undefined;
  }
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
