/**
 * The settings the sender and the inbound-mail entry files build from their environment, built the same
 * way from the test environment (test/support/engine-env.ts), for tests that call those use cases directly.
 */
import type { InboundSettings } from '../../lambdas/engine/inbound-mail';
import type { SendSettings } from '../../lambdas/engine/send-settings';
import { ENGINE_TEST_ENV } from './engine-env';

export const TEST_SEND_SETTINGS: SendSettings = {
  region: 'us-east-1',
  configurationSet: ENGINE_TEST_ENV.SES_CONFIGURATION_SET,
  whatsAppSecretPrefix: ENGINE_TEST_ENV.WHATSAPP_SECRET_PREFIX,
  unsubscribeSecretName: ENGINE_TEST_ENV.UNSUBSCRIBE_SECRET_NAME,
  apiUrl: ENGINE_TEST_ENV.API_URL,
  inboundDomain: ENGINE_TEST_ENV.INBOUND_DOMAIN,
  reconcileWindowMs: Number(ENGINE_TEST_ENV.RECONCILE_WINDOW_MINUTES) * 60_000,
};

export const TEST_INBOUND_SETTINGS: InboundSettings = {
  inboundDomain: ENGINE_TEST_ENV.INBOUND_DOMAIN,
  unsubscribeSecretName: ENGINE_TEST_ENV.UNSUBSCRIBE_SECRET_NAME,
  configurationSet: ENGINE_TEST_ENV.SES_CONFIGURATION_SET,
};
