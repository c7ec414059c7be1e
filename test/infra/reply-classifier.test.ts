/**
 * The reply classifier in the synthesized stack (lib/reply-classifier.ts): the functions that read
 * replies (the inbound receiver, the public API for WhatsApp) are told which classifier to use; with the
 * rules (the default) no role may call Bedrock at all; with `followup:replyClassifier=bedrock` those two
 * roles, and no other, may invoke exactly the chosen model (or inference profile), and what the stack
 * sets is what their entry files accept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { replyClassifierSettings } from '../../lambdas/adapters/reply-classifiers';
import { environmentSchema, REPLY_CLASSIFIER_ENV, readEnvironment } from '../../lambdas/runtime/environment';
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
  type Synthesized,
  statementsOfRole,
  synthesize,
} from './template';

afterAll(removeOutdirs);

const bedrockStatements = (statements: PolicyStatement[]) =>
  statements.filter((statement) => asList(statement.Action).some((action) => action.startsWith('bedrock:')));

/** The readers' logical ids, and the roles of every function in the template that may call Bedrock. */
function readers({ stack, template }: Synthesized) {
  const receiver = logicalIdOf(stack.inbound.receiver);
  const publicApi = logicalIdOf(stack.httpApi.functions.public);
  return {
    receiver,
    publicApi,
    roles: [roleIdOf(template, receiver), roleIdOf(template, publicApi)].sort(),
  };
}

const byDefault = once(() => synthesize());
const withFoundationModel = once(() =>
  synthesize({
    'followup:replyClassifier': 'bedrock',
    'followup:replyClassifierModel': 'anthropic.claude-3-haiku-20240307-v1:0',
  }),
);
const withInferenceProfile = once(() =>
  synthesize({
    'followup:replyClassifier': 'bedrock',
    'followup:replyClassifierModel': 'eu.amazon.nova-micro-v1:0',
  }),
);

describe('the reply classifier by default', () => {
  it('is the rules for both functions that read replies, with no model named', () => {
    // Prepare
    const synthesized = byDefault();
    const { receiver, publicApi } = readers(synthesized);

    // Act
    const environments = [receiver, publicApi].map((id) => environmentOf(synthesized.template, id));

    // Assess
    for (const environment of environments) {
      expect(environment).toMatchObject({ REPLY_CLASSIFIER: 'rules', REPLY_CLASSIFIER_MODEL_ID: '' });
    }
  });

  it('grants no role any Bedrock action', () => {
    // Act
    const statements = bedrockStatements(allStatements(byDefault().template));

    // Assess
    expect(statements).toEqual([]);
  });
});

describe('the Bedrock reply classifier with a foundation model', () => {
  it('lets exactly the two readers invoke exactly that model in the stack’s Region', () => {
    // Prepare
    const synthesized = withFoundationModel();
    const { roles } = readers(synthesized);
    const { template } = synthesized;

    // Act
    const granted = rolesGranting(template, ['bedrock:InvokeModel']).sort();
    const statements = bedrockStatements(allStatements(template));

    // Assess
    expect(granted).toEqual(roles);
    for (const role of roles) {
      expect(bedrockStatements(statementsOfRole(template, role))).toEqual([
        {
          Effect: 'Allow',
          Action: 'bedrock:InvokeModel',
          Resource: partitionArn(
            'bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
          ),
        },
      ]);
    }
    expect(statements).toHaveLength(2);
  });

  it('tells both readers the model, in values their entry files accept', () => {
    // Prepare
    const synthesized = withFoundationModel();
    const { receiver, publicApi } = readers(synthesized);

    // Act
    const settings = [receiver, publicApi].map((id) =>
      replyClassifierSettings(
        readEnvironment(
          environmentSchema(REPLY_CLASSIFIER_ENV),
          environmentOf(synthesized.template, id) as Record<string, string>,
        ),
      ),
    );

    // Assess
    expect(settings).toEqual([
      { kind: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
      { kind: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
    ]);
  });

  it('uses Amazon Nova Micro when no model is given', () => {
    // Prepare
    const { stack, template } = synthesize({ 'followup:replyClassifier': 'bedrock' });

    // Act
    const environment = environmentOf(template, logicalIdOf(stack.inbound.receiver));
    const resources = bedrockStatements(allStatements(template)).flatMap((statement) =>
      asList(statement.Resource),
    );

    // Assess
    expect(environment.REPLY_CLASSIFIER_MODEL_ID).toBe('amazon.nova-micro-v1:0');
    expect(new Set(resources)).toEqual(
      new Set([partitionArn('bedrock:eu-west-1::foundation-model/amazon.nova-micro-v1:0')]),
    );
  });
});

describe('the Bedrock reply classifier with a cross-Region inference profile', () => {
  it('lets the readers invoke the profile, and its model in any Region only through that profile', () => {
    // Prepare
    const synthesized = withInferenceProfile();
    const { roles } = readers(synthesized);
    const { template } = synthesized;
    const profileArn = partitionArn(
      'bedrock:eu-west-1:111111111111:inference-profile/eu.amazon.nova-micro-v1:0',
    );

    // Act
    const granted = rolesGranting(template, ['bedrock:InvokeModel']).sort();

    // Assess
    expect(granted).toEqual(roles);
    for (const role of roles) {
      expect(bedrockStatements(statementsOfRole(template, role))).toEqual(
        expect.arrayContaining([
          { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profileArn },
          {
            Effect: 'Allow',
            Action: 'bedrock:InvokeModel',
            Resource: partitionArn('bedrock:*::foundation-model/amazon.nova-micro-v1:0'),
            Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
          },
        ]),
      );
      expect(bedrockStatements(statementsOfRole(template, role))).toHaveLength(2);
    }
  });
});

describe('the reply classifier’s context', () => {
  it.each([
    [
      'a classifier that does not exist',
      { 'followup:replyClassifier': 'openai' },
      /must be "rules" or "bedrock"/,
    ],
    [
      'a model ARN instead of an id',
      {
        'followup:replyClassifier': 'bedrock',
        'followup:replyClassifierModel': 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-micro-v1:0',
      },
      /must be a Bedrock model id/,
    ],
  ])('refuses %s', (_, context, message) => {
    // Act
    const synthesizing = () => synthesize(context);

    // Assess
    expect(synthesizing).toThrow(message);
  });
});
