/**
 * Vitest setup of the integration project, before any other: points this worker at its own table
 * (created by test/support/dynamodb-local-setup.ts), so files running side by side in other workers
 * never reach its stream consumers. Set before the test file is imported: modules read it at import.
 */
import { workerTableName } from './engine-env';

process.env.TABLE_NAME = workerTableName(process.env.VITEST_POOL_ID);
