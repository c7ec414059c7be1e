#!/usr/bin/env node
/** The CDK app: one stack. Context keys are documented in the README. */
import { App } from 'aws-cdk-lib';
import { FollowupStack } from '../lib/followup-stack';

const app = new App();
new FollowupStack(app, 'FollowupEngine', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
