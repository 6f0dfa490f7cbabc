import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/*
 * Secrets Baton must read back (an identity provider's client secret, a person's TOTP seed) are stored
 * encrypted with AES-256-GCM under a key that comes from the environment (BATON_SECRET_KEY), never from the
 * database: a copy of the database alone does not give them away. Stored as "v1.<iv>.<tag>.<ciphertext>"
 * (base64url); the tag makes any tampering fail to decrypt rather than yield a wrong secret.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** A key from any string of at least 32 characters (hashed to 256 bits; a random base64 key is best). */
export function secretBoxFromKey(keyMaterial: string): SecretBox {
  if (keyMaterial.length < 32) throw new Error('BATON_SECRET_KEY must be at least 32 characters long.');
  const key = createHash('sha256').update(keyMaterial).digest();
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('Not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}
