/**
 * The AwsSolutions rule pack of cdk-nag finds nothing unacknowledged in the stack, in both identity
 * set-ups. cdk-nag 3 is a CDK policy-validation plugin (not an Aspect emitting annotations), so the
 * tests run its checks with `validateScope` and, as `cdk synth` would, as a registered plugin.
 * Acknowledgements live in lib/ next to what they concern; the last test pins them down so a new one
 * is a deliberate change. Bundling is skipped: the rules read the construct tree, not the Lambda code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { FollowupFunction } from '../../lib/followup-function';
import { FollowupStack } from '../../lib/followup-stack';
import { featureFlags } from './template';

const ENV = { account: '111111111111', region: 'eu-west-1' };

const CONTEXTS = {
  'its own Cognito user pool': {},
  'an external JWT issuer': {
    'followup:jwtIssuer': 'https://auth.example.com/',
    'followup:jwtAudience': 'api-a',
  },
  'the Bedrock reply classifier on a foundation model': { 'followup:replyClassifier': 'bedrock' },
  'the Bedrock reply classifier on a cross-Region inference profile': {
    'followup:replyClassifier': 'bedrock',
    'followup:replyClassifierModel': 'eu.amazon.nova-micro-v1:0',
  },
};

const outdirs: string[] = [];
afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

function newApp(context: Record<string, unknown>): App {
  const outdir = mkdtempSync(join(tmpdir(), 'followup-nag-'));
  outdirs.push(outdir);
  return new App({ outdir, context: { ...featureFlags(), 'aws:cdk:bundling-stacks': [], ...context } });
}

/** One line per finding, so a failure names the rule and the construct. */
function findings(app: App, scope: IConstruct, severity: 'error' | 'warning'): string[] {
  const report = new AwsSolutionsChecks(app, { verbose: true }).validateScope(scope);
  return report.violations
    .filter((violation) => violation.severity === severity)
    .flatMap((violation) =>
      violation.violatingResources.map(
        (resource) => `${violation.ruleName} at ${resource.constructPath}: ${violation.description}`,
      ),
    );
}

describe.each(Object.entries(CONTEXTS))('AwsSolutions checks on the stack with %s', (_, context) => {
  it('report no unacknowledged errors or warnings', () => {
    // Prepare
    const app = newApp(context);
    const stack = new FollowupStack(app, 'Followup', { env: ENV });
    app.synth();

    // Act
    const errors = findings(app, stack, 'error');
    const warnings = findings(app, stack, 'warning');

    // Assess
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('let `cdk synth` pass with the pack registered as a validation plugin', () => {
    // Prepare
    const app = newApp(context);
    new FollowupStack(app, 'Followup', { env: ENV });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act
    const assembly = app.synth();

    // Assess
    expect(assembly.getStackByName('Followup').template).toHaveProperty('Resources');
  });
});

describe('the cdk-nag harness', () => {
  it('does report a wildcard grant, so an empty report means something', () => {
    // Prepare
    const app = newApp({});
    const stack = new Stack(app, 'Careless', { env: ENV });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    app.synth();

    // Act
    const errors = findings(app, stack, 'error');

    // Assess
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AwsSolutions-IAM5\[Action::dynamodb:\*\] at Careless\/Role\/DefaultPolicy/),
        expect.stringMatching(/^AwsSolutions-IAM5\[Resource::\*\] at Careless\/Role\/DefaultPolicy/),
      ]),
    );
  });
});

describe('acknowledged rules', () => {
  /** `construct path` + rule id of every acknowledgement in the stack, with its reason. */
  function acknowledgements(stack: Stack): { at: string; reason: string }[] {
    return stack.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
        .map(([id, reason]) => ({
          at: `${construct.node.path} ${id.replace(/^annotation::/i, '')}`,
          reason,
        })),
    );
  }

  it('are X-Ray’s Resource::* on each FollowupFunction role and the engine’s named exceptions', () => {
    // Prepare
    const app = newApp({});
    const stack = new FollowupStack(app, 'Followup', { env: ENV });
    const functionRoles = stack.node
      .findAll()
      .filter((construct) => construct instanceof FollowupFunction)
      .map((fn) => `${fn.role?.node.path} AwsSolutions-IAM5[Resource::*]`);
    const arn = (service: string, resource: string) =>
      `AwsSolutions-IAM5[Resource::arn:aws:${service}:eu-west-1:111111111111:${resource}]`;
    const schedules = arn('scheduler', `schedule/${stack.scheduling.group.scheduleGroupName}/*`);
    const whatsAppSecrets = arn('secretsmanager', 'secret:followup/Followup/whatsapp/*');
    const webhookSecrets = arn('secretsmanager', 'secret:followup/Followup/webhooks/*');
    const planners = [
      'Scheduling/SenderRole',
      'Scheduling/PlanAuditorRole',
      'Replanning/WorkerRole',
      'Imports/WorkerRole',
      'Http/LeadsFunctionRole',
      'Http/SequencesFunctionRole',
      'Http/PublicFunctionRole',
      'Http/AssistantsFunctionRole',
      'Http/OrgFunctionRole',
      'Http/SuppressionsFunctionRole',
      'Inbound/ReceiverRole',
      'DeliveryEvents/ConsumerRole',
    ];
    const publicRoutes = [
      'GET--unsubscribe--{token}',
      'POST--unsubscribe--{token}',
      'POST--webhooks--sinch--{orgId}',
      'GET--openapi.json',
    ];
    const rawMail = `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(
      stack.inbound.bucket.node.defaultChild as CfnResource,
    )}.Arn>/inbound/*]`;
    const importRows = `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(
      stack.imports.bucket.node.defaultChild as CfnResource,
    )}.Arn>/imports/*]`;

    // Act
    const acknowledged = acknowledgements(stack).map((acknowledgement) => acknowledgement.at);

    // Assess
    expect(functionRoles).toContain('Followup/Http/TokenClaimsFunctionRole AwsSolutions-IAM5[Resource::*]');
    expect(acknowledged.sort()).toEqual(
      [
        ...functionRoles,
        ...planners.map((role) => `Followup/${role} ${schedules}`),
        `Followup/Scheduling/SenderRole ${arn('ses', 'identity/*')}`,
        `Followup/Scheduling/SenderRole ${whatsAppSecrets}`,
        `Followup/Http/OrgFunctionRole ${whatsAppSecrets}`,
        `Followup/Http/AssistantsFunctionRole ${arn('ses', 'identity/*')}`,
        `Followup/Http/PublicFunctionRole ${whatsAppSecrets}`,
        ...publicRoutes.map((route) => `Followup/Http/Api/${route} AwsSolutions-APIG4`),
        `Followup/Inbound/ReceiverRole ${arn('ses', 'identity/*')}`,
        `Followup/Inbound/ReceiverRole ${rawMail}`,
        'Followup/Inbound/RawMail AwsSolutions-S1',
        `Followup/Http/ImportsFunctionRole ${importRows}`,
        `Followup/Imports/WorkerRole ${importRows}`,
        // An erasure deletes schedules (only), reads and deletes raw mail, reads and rewrites import rows.
        `Followup/Http/PrivacyFunctionRole ${schedules}`,
        `Followup/Http/PrivacyFunctionRole ${rawMail}`,
        `Followup/Http/PrivacyFunctionRole ${importRows}`,
        'Followup/Imports/Rows AwsSolutions-S1',
        'Followup/Replanning/StreamFailures AwsSolutions-SQS3',
        'Followup/Messaging/UnsubscribeKey AwsSolutions-SMG4',
        `Followup/Http/WebhooksFunctionRole ${webhookSecrets}`,
        `Followup/Webhooks/WorkerRole ${webhookSecrets}`,
      ].sort(),
    );
  });

  it('each give a reason of their own', () => {
    // Prepare
    const app = newApp({});
    const stack = new FollowupStack(app, 'Followup', { env: ENV });

    // Act
    const reasons = acknowledgements(stack).map((acknowledgement) => acknowledgement.reason);

    // Assess
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(80);
  });
});

describe('AwsSolutions checks on a stack without account and region, as an offline `cdk synth` makes it', () => {
  it('report nothing unacknowledged: acknowledgements name resources as cdk-nag spells them there too', () => {
    // Prepare
    const app = newApp({});
    const stack = new FollowupStack(app, 'Followup');
    app.synth();

    // Act
    const errors = findings(app, stack, 'error');
    const warnings = findings(app, stack, 'warning');

    // Assess
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
