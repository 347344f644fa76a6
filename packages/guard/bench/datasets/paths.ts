import { fileURLToPath } from 'node:url';

/** `../shared/data/` relative to the repository root, as the data README asks. */
export const SHARED_DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

/** This benchmark's own corpus folder. */
export const CORPUS_DIR = fileURLToPath(new URL('../corpus/', import.meta.url));
