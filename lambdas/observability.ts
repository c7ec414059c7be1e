/** The structured JSON logger every Lambda shares; request-scoped keys are appended per invocation. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'followup-engine' });
