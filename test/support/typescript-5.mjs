/** `node --import ./test/support/typescript-5.mjs`: registers the hooks that hand openapi-typescript TypeScript 5. */
import { register } from 'node:module';

register('./typescript-5-hooks.mjs', import.meta.url);
