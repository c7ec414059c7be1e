/**
 * The two Bedrock model choices in the synthesized stack, held to the same rules (both grant through
 * lib/bedrock-models.ts): the follow-up writer (lib/followup-writer.ts), read by the sender, and the
 * reply classifier (lib/reply-classifier.ts), read by the functions that read replies (the inbound
 * receiver, the public API for WhatsApp). Each reader is told what to use; with the choice's local
 * default (the bank, the rules) no role may call Bedrock at all; with `bedrock` its readers, and no
 * other role, may invoke exactly the chosen model (or inference profile), and what the stack sets is
 * what their entry files accept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { followupWriterSettings } from '../../lambdas/adapters/followup-writers';
import { replyClassifierSettings } from '../../lambdas/adapters/reply-classifiers';
import {
  environmentSchema,
  FOLLOWUP_WRITER_ENV,
  REPLY_CLASSIFIER_ENV,
  readEnvironment,
} from '../../lambdas/runtime/environment';
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

/** The stack without context: neither choice set, so both are their local defaults. */
const byDefault = once(() => synthesize());

interface ModelChoice {
  name: string;
  /** The context keys: the choice and its model. */
  key: string;
  modelKey: string;
  /** The choice without Bedrock, as the readers' environment names it. */
  local: string;
  /** The readers' environment variables: the choice and its model id. */
  env: string;
  modelEnv: string;
  /** The model used when `bedrock` is chosen without one. */
  defaultModel: string;
  /** A cross-Region inference profile to choose. */
  profile: string;
  /** The profile's model, as a foundation model id. */
  profileModel: string;
  /** The logical ids of the functions that read the choice. */
  readers: (synthesized: Synthesized) => string[];
  /** The settings a reader's entry file makes of its environment. */
  settingsOf: (environment: Record<string, string>) => unknown;
}

const CHOICES: ModelChoice[] = [
  {
    name: 'follow-up writer',
    key: 'followup:writer',
    modelKey: 'followup:writerModel',
    local: 'bank',
    env: 'FOLLOWUP_WRITER',
    modelEnv: 'FOLLOWUP_WRITER_MODEL_ID',
    defaultModel: 'amazon.nova-lite-v1:0',
    profile: 'eu.amazon.nova-lite-v1:0',
    profileModel: 'amazon.nova-lite-v1:0',
    readers: ({ stack }) => [logicalIdOf(stack.scheduling.sender)],
    settingsOf: (environment) =>
      followupWriterSettings(readEnvironment(environmentSchema(FOLLOWUP_WRITER_ENV), environment)),
  },
  {
    name: 'reply classifier',
    key: 'followup:replyClassifier',
    modelKey: 'followup:replyClassifierModel',
    local: 'rules',
    env: 'REPLY_CLASSIFIER',
    modelEnv: 'REPLY_CLASSIFIER_MODEL_ID',
    defaultModel: 'amazon.nova-micro-v1:0',
    profile: 'eu.amazon.nova-micro-v1:0',
    profileModel: 'amazon.nova-micro-v1:0',
    readers: ({ stack }) => [
      logicalIdOf(stack.inbound.receiver),
      logicalIdOf(stack.httpApi.functions.public),
    ],
    settingsOf: (environment) =>
      replyClassifierSettings(readEnvironment(environmentSchema(REPLY_CLASSIFIER_ENV), environment)),
  },
];

describe.each(CHOICES)('the $name', (choice) => {
  const FOUNDATION_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
  const withFoundationModel = once(() =>
    synthesize({ [choice.key]: 'bedrock', [choice.modelKey]: FOUNDATION_MODEL }),
  );
  const withInferenceProfile = once(() =>
    synthesize({ [choice.key]: 'bedrock', [choice.modelKey]: choice.profile }),
  );
  /** The roles of the readers, sorted as rolesGranting's are here. */
  const readerRoles = (synthesized: Synthesized) =>
    choice
      .readers(synthesized)
      .map((id) => roleIdOf(synthesized.template, id))
      .sort();

  describe('by default', () => {
    it(`is the ${choice.local} for every reader, with no model named`, () => {
      // Prepare
      const synthesized = byDefault();

      // Act
      const environments = choice.readers(synthesized).map((id) => environmentOf(synthesized.template, id));

      // Assess
      expect(environments).not.toHaveLength(0);
      for (const environment of environments) {
        expect(environment).toMatchObject({ [choice.env]: choice.local, [choice.modelEnv]: '' });
      }
    });

    it('grants no role any Bedrock action', () => {
      // Act
      const statements = bedrockStatements(allStatements(byDefault().template));

      // Assess
      expect(statements).toEqual([]);
    });
  });

  describe('on Bedrock with a foundation model', () => {
    it('lets exactly its readers invoke exactly that model in the stack’s Region', () => {
      // Prepare
      const synthesized = withFoundationModel();
      const roles = readerRoles(synthesized);
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
            Resource: partitionArn(`bedrock:eu-west-1::foundation-model/${FOUNDATION_MODEL}`),
          },
        ]);
      }
      expect(statements).toHaveLength(roles.length);
    });

    it('tells its readers the model, in values their entry files accept', () => {
      // Prepare
      const synthesized = withFoundationModel();

      // Act
      const settings = choice
        .readers(synthesized)
        .map((id) => choice.settingsOf(environmentOf(synthesized.template, id) as Record<string, string>));

      // Assess
      expect(settings).toEqual(
        choice.readers(synthesized).map(() => ({ kind: 'bedrock', modelId: FOUNDATION_MODEL })),
      );
    });

    it('uses its default model when none is given', () => {
      // Prepare
      const synthesized = synthesize({ [choice.key]: 'bedrock' });
      const readers = choice.readers(synthesized);

      // Act
      const environments = readers.map((id) => environmentOf(synthesized.template, id));
      const resources = bedrockStatements(allStatements(synthesized.template)).flatMap((statement) =>
        asList(statement.Resource),
      );

      // Assess
      for (const environment of environments) expect(environment[choice.modelEnv]).toBe(choice.defaultModel);
      expect(resources).toEqual(
        readers.map(() => partitionArn(`bedrock:eu-west-1::foundation-model/${choice.defaultModel}`)),
      );
    });
  });

  describe('on Bedrock with a cross-Region inference profile', () => {
    it('lets its readers invoke the profile, and its model in any Region only through that profile', () => {
      // Prepare
      const synthesized = withInferenceProfile();
      const roles = readerRoles(synthesized);
      const { template } = synthesized;
      const profileArn = partitionArn(`bedrock:eu-west-1:111111111111:inference-profile/${choice.profile}`);

      // Act
      const granted = rolesGranting(template, ['bedrock:InvokeModel']).sort();

      // Assess
      expect(granted).toEqual(roles);
      for (const role of roles) {
        const statements = bedrockStatements(statementsOfRole(template, role));
        expect(statements).toEqual(
          expect.arrayContaining([
            { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: profileArn },
            {
              Effect: 'Allow',
              Action: 'bedrock:InvokeModel',
              Resource: partitionArn(`bedrock:*::foundation-model/${choice.profileModel}`),
              Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profileArn } },
            },
          ]),
        );
        expect(statements).toHaveLength(2);
      }
    });
  });

  describe('context', () => {
    it(`refuses a ${choice.name} that does not exist`, () => {
      // Act
      const synthesizing = () => synthesize({ [choice.key]: 'openai' });

      // Assess
      expect(synthesizing).toThrow(`${choice.key} must be "${choice.local}" or "bedrock"`);
    });

    it('refuses a model ARN instead of an id', () => {
      // Act
      const synthesizing = () =>
        synthesize({
          [choice.key]: 'bedrock',
          [choice.modelKey]: `arn:aws:bedrock:eu-west-1::foundation-model/${choice.defaultModel}`,
        });

      // Assess
      expect(synthesizing).toThrow(`${choice.modelKey} must be a Bedrock model id`);
    });
  });
});
