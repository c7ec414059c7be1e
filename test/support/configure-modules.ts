/**
 * Vitest setup: tests call engine, data and adapter modules directly, so each module gets its settings
 * from the test environment, as an entry point gives them from the function's.
 */
import { configureModules } from '../../local/configure-modules';

configureModules();
