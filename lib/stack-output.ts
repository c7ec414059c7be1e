/** Stack outputs under the names the docs use. */
import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * A stack output whose logical id is `name`, without the hash CDK would append to a nested id: the
 * README and docs/deploy.md name outputs, and test/infra/deploy.test.ts holds them to those names.
 */
export function output(scope: Construct, name: string, value: string, description: string): CfnOutput {
  const made = new CfnOutput(scope, name, { value, description });
  made.overrideLogicalId(name);
  return made;
}
