import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * The media port: where uploaded images (already stripped of metadata) live. Keys are opaque
 * relative paths chosen by the domain (`<orgId>/<sha256>.<ext>`); the filesystem adapter is the
 * default, an object store can implement the same two calls.
 */
export interface MediaStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The stored bytes; throws when the key is unknown. */
  get(key: string): Promise<Uint8Array>;
}

const KEY = /^[A-Za-z0-9_-]{1,64}\/[a-f0-9]{64}\.(jpg|png|webp)$/;

/** Stores each object as a file under `dir`, written to a temp name and renamed (never half-written). */
export function createFileMediaStore(dir: string): MediaStore {
  const root = resolve(dir);
  const pathOf = (key: string): string => {
    if (!KEY.test(key)) throw new Error(`not a media key: ${key}`);
    const path = resolve(join(root, key));
    if (!path.startsWith(root + sep)) throw new Error('media key escapes the store');
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const temp = `${path}.${createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 8)}.tmp`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, path);
    },
    async get(key) {
      return new Uint8Array(await readFile(pathOf(key)));
    },
  };
}

/** The default store: `<dataDir>/media`. */
export function defaultMediaStore(dataDir: string): MediaStore {
  return createFileMediaStore(join(dataDir, 'media'));
}
