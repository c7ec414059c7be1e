/**
 * The follow-up writer in the synthesized stack (lib/followup-writer.ts): the sender is told which
 * writer to use; with the bank (the default) no role may call Bedrock at all; with
 * `followup:writer=bedrock` the sender's role, and no other, may invoke exactly the chosen model (or
 * inference profile), and what the stack sets is what the sender's entry file accepts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { followupWriterSettings } from '../../lambdas/adapters/followup-writers';
import { environmentSchema, FOLLOWUP_WRITER_ENV, readEnvironment } from '../../lambdas/runtime/environment';
import {
  allStatements,
  asList,
  environmentOf,
  logicalIdOf,
  once,
  type PolicyStatement,
  partitionArn,
  removeOutdirs,
  roleIdOf,
  rolesGranting,
  statementsOfRole,
  synthesize,
} from './template';

afterAll(removeOutdirs);

const bedrockStatements = (statements: PolicyStatement[]) =>
  statements.filter((statement) => asList(statement.Action).some((action) => action.startsWith('bedrock:')));

const byDefault = once(() => synthesize());
const withFoundationModel = once(() =>
  synthesize({
    'followup:writer': 'bedrock',
    'followup:writerModel': 'anthropic.claude-3-haiku-20240307-v1:0',
  }),
);
const withInferenceProfile = once(() =>
  synthesize({ 'followup:writer': 'bedrock', 'followup:writerModel': 'eu.amazon.nova-lite-v1:0' }),
);

describe('the follow-up writer by default', () => {
  it('is the bank for the sender, with no model named, and no role may call Bedrock', () => {
    // Prepare
    const { stack, template } = byDefault();

    // Act
    const environment = environmentOf(template, logicalIdOf(stack.scheduling.sender));
    const statements = bedrockStatements(allStatements(template));

    // Assess
    expect(environment).toMatchObject({ FOLLOWUP_WRITER: 'bank', FOLLOWUP_WRITER_MODEL_ID: '' });
    expect(statements).toEqual([]);
  });
});

describe('the Bedrock follow-up writer with a foundation model', () => {
  it('lets the sender, and no other role, invoke exactly that model in the stack’s Region', () => {
    // Prepare
    const { stack, template } = withFoundationModel();
    const senderRole = roleIdOf(template, logicalIdOf(stack.scheduling.sender));

    // Act
    const granted = rolesGranting(template, ['bedrock:InvokeModel']);

    // Assess
    expect(granted).toEqual([senderRole]);
    expect(bedrockStatements(statementsOfRole(template, senderRole))).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: partitionArn('bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'),
      },
    ]);
    expect(bedrockStatements(allStatements(template))).toHaveLength(1);
  });

  it('tells the sender the model, in values its entry file accepts', () => {
    // Prepare
    const { stack, template } = withFoundationModel();

    // Act
    const settings = followupWriterSettings(
      readEnvironment(
        environmentSchema(FOLLOWUP_WRITER_ENV),
        environmentOf(template, logicalIdOf(stack.scheduling.sender)) as Record<string, string>,
      ),
    );

    // Assess
    expect(settings).toEqual({ kind: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' });
  });

  it('uses Amazon Nova Lite when no model is given', () => {
    // Prepare
    const { stack, template } = synthesize({ 'followup:writer': 'bedrock' });

    // Act
    const environment = environmentOf(template, logicalIdOf(stack.scheduling.sender));
    const resources = bedrockStatements(allStatements(template)).flatMap((statement) =>
      asList(statement.Resource),
    );

    // Assess
    expect(environment.FOLLOWUP_WRITER_MODEL_ID).toBe('amazon.nova-lite-v1:0');
    expect(resources).toEqual([partitionArn('bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0')]);
  });
});

describe('the Bedrock follow-up writer with a cross-Region inference profile', () => {
  it('lets the sender invoke the profile, and its model in any Region only through that profile', () => {
    // Prepare
    const { stack, template } = withInferenceProfile();
    const senderRole = roleIdOf(template, logicalIdOf(stack.scheduling.sender));
    const profileArn = partitionArn(
      'bedrock:eu-west-1:111111111111:inference-profile/eu.amazon.nova-lite-v1:0',
    );

    // Act
    const granted = rolesGranting(template, ['bedrock:InvokeModel']);
    const statements = bedrockStatements(statementsOfRole(template, senderRole));

    // Assess
    expect(granted).toEqual([senderRole]);
    expect(statements).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profileArn },
        {
          Effect: 'Allow',
          Action: 'bedrock:InvokeModel',
          Resource: partitionArn('bedrock:*::foundation-model/amazon.nova-lite-v1:0'),
          Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
        },
      ]),
    );
    expect(statements).toHaveLength(2);
  });
});

describe('the follow-up writer’s context', () => {
  it.each([
    ['a writer that does not exist', { 'followup:writer': 'openai' }, /must be "bank" or "bedrock"/],
    [
      'a model ARN instead of an id',
      {
        'followup:writer': 'bedrock',
        'followup:writerModel': 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0',
      },
      /followup:writerModel must be a Bedrock model id/,
    ],
  ])('refuses %s', (_, context, message) => {
    // Act
    const synthesizing = () => synthesize(context);

    // Assess
    expect(synthesizing).toThrow(message);
  });
});
