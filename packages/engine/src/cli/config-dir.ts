// Where the repository's config/ folder is, seen from the compiled CLI (main thread).

import { fileURLToPath } from 'node:url';

/** packages/engine/dist/cli/ -> ../../../../config */
export const repositoryConfigDir = fileURLToPath(new URL('../../../../config/', import.meta.url));
