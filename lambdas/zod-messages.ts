/**
 * zod's mini build carries no messages: until a locale is configured every issue says "Invalid input".
 * Importing this module configures zod's English messages (the ones zod's classic build sets itself),
 * so a 400 names what is wrong with a field. Imported where issues become messages: the API's
 * validation and the environment check.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
