/**
 * Helpers the infra tests share: synthesizing the stack into a temporary directory and reading
 * resources, roles and policy statements out of its template.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import { FollowupStack } from '../../lib/followup-stack';

export const ENV = { account: '111111111111', region: 'eu-west-1' };

/**
 * The feature flags of cdk.json (every context key but the `followup:` settings, whose defaults the
 * stack applies itself): `cdk synth` reads them from there, and the tests must synthesize what deploys.
 */
export function featureFlags(): Record<string, unknown> {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return Object.fromEntries(Object.entries(context).filter(([key]) => !key.startsWith('followup:')));
}

export interface Synthesized {
  app: App;
  stack: FollowupStack;
  template: Template;
}

const outdirs: string[] = [];

/** For `afterAll`: removes what `synthesize` wrote. */
export function removeOutdirs(): void {
  for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
}

/** Synthesizes the stack with `context`; bundling is skipped unless `bundle` is set. */
export function synthesize(
  context: Record<string, unknown> = {},
  options: { bundle?: boolean } = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'followup-infra-'));
  outdirs.push(outdir);
  const app = new App({
    outdir,
    context: {
      ...featureFlags(),
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...context,
    },
  });
  const stack = new FollowupStack(app, 'Followup', { env: ENV });
  return { app, stack, template: Template.fromStack(stack) };
}

export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** Every resource type these tests read has Properties. */
export type Resource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/**
 * Statements as one per effect, condition and resource, with every action allowed there, sorted and in
 * a stable order. `@aws-cdk/aws-iam:minimizePolicies` (cdk.json) merges statements that share actions
 * or resources, so how grants are grouped says nothing; what each resource allows does.
 */
export function perResource(statements: PolicyStatement[]): PolicyStatement[] {
  const merged = new Map<string, PolicyStatement & { Action: string[] }>();
  for (const statement of statements) {
    for (const resource of asList(statement.Resource)) {
      const key = JSON.stringify([statement.Effect, statement.Condition ?? null, resource]);
      const entry = merged.get(key) ?? {
        Effect: statement.Effect,
        Action: [],
        Resource: resource,
        ...(statement.Condition ? { Condition: statement.Condition } : {}),
      };
      entry.Action = [...new Set([...entry.Action, ...asList(statement.Action)])].sort();
      merged.set(key, entry);
    }
  }
  return [...merged.values()].sort(byJson);
}

export function resources(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

export function resourceById(template: Template, logicalId: string): Resource {
  const resource = (template.toJSON().Resources as Record<string, Resource>)[logicalId];
  expect(resource, `resource ${logicalId}`).toBeDefined();
  return resource as Resource;
}

export function onlyLogicalId(template: Template, type: string, props?: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, props ? { Properties: props } : undefined));
  expect(ids, `exactly one ${type}`).toHaveLength(1);
  return ids[0] ?? '';
}

export function functionId(template: Template, description: string): string {
  return onlyLogicalId(template, 'AWS::Lambda::Function', { Description: description });
}

export function roleIdOf(template: Template, functionLogicalId: string): string {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId] as Resource;
  const role = fn.Properties.Role as { 'Fn::GetAtt': [string, string] };
  return role['Fn::GetAtt'][0];
}

export function environmentOf(template: Template, functionLogicalId: string): Record<string, unknown> {
  const fn = resourceById(template, functionLogicalId);
  const environment = fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined;
  return environment?.Variables ?? {};
}

export function statementsOfRole(template: Template, roleLogicalId: string): PolicyStatement[] {
  return resources(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(`"${roleLogicalId}"`))
    .flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement,
    );
}

/** Every statement of every identity policy, inline or attached. */
export function allStatements(template: Template): PolicyStatement[] {
  const documents = [
    ...resources(template, 'AWS::IAM::Policy').map(([, p]) => p.Properties.PolicyDocument),
    ...resources(template, 'AWS::IAM::ManagedPolicy').map(([, p]) => p.Properties.PolicyDocument),
    ...resources(template, 'AWS::IAM::Role').flatMap(([, role]) =>
      ((role.Properties.Policies as { PolicyDocument: unknown }[] | undefined) ?? []).map(
        (inline) => inline.PolicyDocument,
      ),
    ),
  ] as { Statement: PolicyStatement[] }[];
  return documents.flatMap((document) => document.Statement);
}

/** The role logical ids whose policies grant any of `actions`. */
export function rolesGranting(template: Template, actions: string[]): string[] {
  return resources(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement.some((statement) =>
        asList(statement.Action).some((action) => actions.includes(action)),
      ),
    )
    .flatMap(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref));
}

export const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });

/**
 * `arn:aws:<rest>` as `Stack.formatArn` writes it for the test environment: with the recommended
 * `@aws-cdk/core:enablePartitionLiterals` (cdk.json) a stack whose region is known gets its partition
 * as a literal instead of `{ Ref: AWS::Partition }`.
 */
export const partitionArn = (rest: string) => `arn:aws:${rest}`;

/** The CloudFormation logical id of a construct's resource (its default child for an L2). */
export function logicalIdOf(construct: IConstruct): string {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource))
    throw new Error(`${construct.node.path} has no resource`);
  return Stack.of(construct).getLogicalId(resource);
}

/** The ARNs a function's index grant names: each of the table's secondary indexes (gsi1-gsi5). */
export const indexArns = (tableArn: unknown) =>
  ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5'].map((index) => ({
    'Fn::Join': ['', [tableArn, `/index/${index}`]],
  }));
