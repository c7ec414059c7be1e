/**
 * docs/deploy.md and the README's "Deploy" section hold true of the stack: the deploy command's context
 * synthesizes, every output they name exists under that name (no CDK hash), the Cognito outputs are
 * absent with an issuer of one's own, and every `followup:` context key they document is one the app
 * reads (and the other way round).
 */
import { readFileSync } from 'node:fs';
import { Node } from 'constructs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { getAtt, onlyLogicalId, removeOutdirs, synthesize } from './template';

afterAll(removeOutdirs);

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const deployDoc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');

/** The `-c key=value` pairs of docs/deploy.md's `npx cdk deploy` line, as strings like the CLI's. */
function documentedDeployContext(): Record<string, string> {
  const command = deployDoc.split('\n').find((line) => line.startsWith('npx cdk deploy '));
  expect(command, 'an `npx cdk deploy` line in docs/deploy.md').toBeDefined();
  return Object.fromEntries(
    [...(command ?? '').matchAll(/-c (followup:\w+)=(\S+)/g)].map(([, key, value]) => [key, value]),
  );
}

/** The outputs docs/deploy.md's table lists, one per row, first column. */
function outputsInDeployDoc(): string[] {
  return [...deployDoc.matchAll(/^\| (`\w+`(?:, `\w+`)*) \|/gm)]
    .flatMap(([, cell]) => [...(cell ?? '').matchAll(/`(\w+)`/g)].map(([, name]) => name ?? ''))
    .filter((name) => name !== 'output');
}

/** Outputs the README names: "output `X`", "the stack's `X`", and `--flag <X>` of its commands. */
function outputsInReadme(): string[] {
  return [
    ...readme.matchAll(/output `(\w+)`/g),
    ...readme.matchAll(/stack(?:'|’)s `(\w+)`/g),
    ...readme.matchAll(/--[\w-]+ <([A-Z]\w+)>/g),
  ].map(([, name]) => name ?? '');
}

const outputsOf = (context: Record<string, unknown>) =>
  synthesize(context).template.toJSON().Outputs as Record<string, { Value: unknown; Description?: string }>;

describe('the stack deployed as docs/deploy.md says', () => {
  const context = documentedDeployContext();
  const outputs = outputsOf(context);

  it('is deployed with a context of its own inbound domain, CORS origin and alarm address', () => {
    expect(Object.keys(context).sort()).toEqual([
      'followup:alarmEmail',
      'followup:corsOrigins',
      'followup:inboundDomain',
    ]);
  });

  it('has exactly the outputs the page lists, under those names, each described', () => {
    // Prepare
    const documented = outputsInDeployDoc();

    // Assess
    expect(documented).toHaveLength(12);
    expect(Object.keys(outputs).sort()).toEqual([...documented].sort());
    for (const [name, output] of Object.entries(outputs)) expect(output.Description, name).toBeTruthy();
  });

  it('has every output the README names', () => {
    // Prepare
    const named = outputsInReadme();

    // Assess
    expect(named).toEqual(
      expect.arrayContaining(['ApiUrl', 'InboundMxRecord', 'ReceiptRuleSetName', 'SenderDeadLetterQueueUrl']),
    );
    for (const name of named) expect(Object.keys(outputs), name).toContain(name);
  });

  it('outputs what a frontend signs in with: the pool, its client and the issuer they make', () => {
    // Prepare
    const { template } = synthesize(context);
    const pool = onlyLogicalId(template, 'AWS::Cognito::UserPool');
    const client = onlyLogicalId(template, 'AWS::Cognito::UserPoolClient');

    // Assess
    expect(outputs.UserPoolId?.Value).toEqual({ Ref: pool });
    expect(outputs.UserPoolClientId?.Value).toEqual({ Ref: client });
    expect(outputs.JwtIssuer?.Value).toEqual({
      'Fn::Join': ['', ['https://cognito-idp.eu-west-1.amazonaws.com/', { Ref: pool }]],
    });
    expect(outputs.ApiUrl?.Value).toEqual(
      getAtt(onlyLogicalId(template, 'AWS::ApiGatewayV2::Api'), 'ApiEndpoint'),
    );
    expect(outputs.InboundDomain?.Value).toBe(context['followup:inboundDomain']);
  });
});

describe('the stack with an issuer of its own', () => {
  it('has no Cognito outputs, and JwtIssuer is the issuer given', () => {
    // Act
    const outputs = outputsOf({
      'followup:jwtIssuer': 'https://idp.example.com/',
      'followup:jwtAudience': 'api-client-id',
    });

    // Assess
    expect(outputs.UserPoolId).toBeUndefined();
    expect(outputs.UserPoolClientId).toBeUndefined();
    expect(outputs.JwtIssuer?.Value).toBe('https://idp.example.com/');
    expect(outputs.ApiUrl).toBeDefined();
  });
});

describe('context keys', () => {
  it('are read by the app exactly as README and docs/deploy.md document them', () => {
    // Prepare
    const documented = new Set(
      [...`${readme}\n${deployDoc}`.matchAll(/followup:[a-zA-Z]+/g)].map(([key]) => key),
    );
    const read = new Set<string>();
    const original = Node.prototype.tryGetContext;
    const spy = vi.spyOn(Node.prototype, 'tryGetContext').mockImplementation(function (
      this: Node,
      key: string,
    ) {
      if (key.startsWith('followup:')) read.add(key);
      return original.call(this, key);
    });

    try {
      // Act
      synthesize();
    } finally {
      spy.mockRestore();
    }

    // Assess
    expect(read.size).toBeGreaterThan(5);
    expect([...documented].sort()).toEqual([...read].sort());
    // Each in the README's table of context keys, too.
    for (const key of read) expect(readme, key).toMatch(new RegExp(`^\\|.*\`${key}\``, 'm'));
  });
});
