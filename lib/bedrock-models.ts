/**
 * The one permission a function gets to call a Bedrock model (the reply classifier's, the follow-up
 * writer's): Converse is authorized as `bedrock:InvokeModel`. A foundation model id is granted on its
 * ARN in the stack's Region; a cross-Region inference profile id (`eu.amazon.nova-micro-v1:0`) on the
 * profile's ARN, and on the profile's model in any Region only when the request comes through that
 * profile (`bedrock:InferenceProfileArn`): Bedrock routes it to a Region of the profile's geography,
 * authorizes it there, and AWS may add Regions to a profile, so listing them would break it silently.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { FollowupFunction } from './followup-function';

/** `provider.model-version:n`, optionally behind a geography: catches typos and ARNs given as ids. */
const MODEL_ID = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::[a-z0-9-]+)*$/;

/** The geographies of cross-Region (system-defined) inference profiles, as their ids begin. */
const PROFILE_GEOGRAPHY = /^(?:us|us-gov|eu|apac|jp|au|ca|global)\.(.+)$/;

export function isModelId(modelId: string): boolean {
  return MODEL_ID.test(modelId);
}

/** Lets `fn` invoke `modelId` (a model or an inference profile) and nothing else on Bedrock. */
export function allowInvokingModel(fn: FollowupFunction, modelId: string): void {
  const stack = Stack.of(fn);
  const profile = PROFILE_GEOGRAPHY.exec(modelId);
  if (!profile?.[1]) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [foundationModelArn(stack, modelId)],
      }),
    );
    return;
  }
  const profileArn = stack.formatArn({
    service: 'bedrock',
    resource: 'inference-profile',
    resourceName: modelId,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
  const routedModels = foundationModelArn(stack, profile[1], '*');
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [profileArn] }));
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['bedrock:InvokeModel'],
      resources: [routedModels],
      conditions: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
    }),
  );
  fn.acknowledgeWildcardResource(
    routedModels,
    `The inference profile ${modelId} routes each request to a Region of its geography, where Bedrock ` +
      'authorizes the model itself; the Regions are AWS’s to extend. The grant names that one model and ' +
      'holds only for requests made through that profile (condition bedrock:InferenceProfileArn).',
  );
}

/** Foundation models are AWS's: their ARNs name no account. */
function foundationModelArn(stack: Stack, modelId: string, region?: string): string {
  return stack.formatArn({
    service: 'bedrock',
    account: '',
    ...(region ? { region } : {}),
    resource: 'foundation-model',
    resourceName: modelId,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** A function's choice between its own local way (the rules, the bank) and a model on Bedrock. */
export type ModelChoice<Local extends string> = { kind: Local } | { kind: 'bedrock'; modelId: string };

/** How one such choice is named in the CDK context and in the function's environment. */
export interface ModelSetting<Local extends string> {
  /** The context key choosing, e.g. `followup:writer`, and the one naming the model. */
  key: string;
  modelKey: string;
  local: Local;
  defaultModel: string;
  /** The environment variables the function reads the choice and the model id from. */
  env: string;
  modelEnv: string;
}

/** Reads the two context values; the stack passes them as `scope.node.tryGetContext` found them. */
export function readModelChoice<Local extends string>(
  setting: ModelSetting<Local>,
  kind: unknown,
  model: unknown,
): ModelChoice<Local> {
  const chosen = kind ?? setting.local;
  if (chosen === setting.local) return { kind: setting.local };
  if (chosen !== 'bedrock') {
    throw new Error(`${setting.key} must be "${setting.local}" or "bedrock", not ${String(chosen)}`);
  }
  const modelId = String(model ?? setting.defaultModel).trim();
  if (!isModelId(modelId)) {
    throw new Error(
      `${setting.modelKey} must be a Bedrock model id such as ${setting.defaultModel}, or a ` +
        `cross-Region inference profile id such as eu.${setting.defaultModel}, not ${modelId}`,
    );
  }
  return { kind: 'bedrock', modelId };
}

/** The choice in `fn`'s environment (the model id empty when local), and with Bedrock the one permission to invoke that model. */
export function allowModelChoice<Local extends string>(
  fn: FollowupFunction,
  setting: ModelSetting<Local>,
  choice: ModelChoice<Local>,
): void {
  const modelId = 'modelId' in choice ? choice.modelId : undefined;
  fn.addEnvironment(setting.env, choice.kind);
  fn.addEnvironment(setting.modelEnv, modelId ?? '');
  if (modelId !== undefined) allowInvokingModel(fn, modelId);
}
