/**
 * The one way this app makes a Lambda: Node.js 24 on arm64, ESM bundled by the local esbuild with code
 * splitting, X-Ray tracing, the engine's metrics namespace, JSON logs into a log group with a fixed
 * retention, and a role of its own that may write only to that log group. Binding helpers add an
 * environment variable together with exactly the permissions that go with it.
 */
import { fileURLToPath } from 'node:url';
import {
  ArnFormat,
  AssetHashType,
  DockerImage,
  Duration,
  type ILocalBundling,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type BuildOptions, buildSync } from 'esbuild';
import { SECONDARY_INDEXES, TABLE_KEYS } from '../lambdas/data/table-schema';
import { METRICS_NAMESPACE, METRICS_SERVICE } from './monitoring';

export interface FollowupFunctionProps {
  /** Path of the entry file from the project root, e.g. `lambdas/sequences-api.ts`. */
  entry: string;
  description: string;
  logRetention: RetentionDays;
  timeout?: Duration;
  memorySize?: number;
  /**
   * A fixed name, for a function whose ARN must be known without referencing the function itself
   * (see `functionArnByName`); by default CloudFormation names it.
   */
  functionName?: string;
  /** For asynchronously invoked functions: where events go once Lambda's retries are spent. */
  deadLetterQueue?: IQueue;
}

/** DynamoDB actions by intent; transactions need the per-item actions of what they write. */
export const TABLE_ACCESS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const;

/** Indexes only answer queries; item actions on an index ARN would grant nothing useful. */
export const INDEX_ACCESS = ['dynamodb:Query'] as const;

/** The table's secondary indexes by name, so grants name them instead of `index/*`. */
const TABLE_INDEXES = SECONDARY_INDEXES.map((index) => TABLE_KEYS[index].name);

export class FollowupFunction extends LambdaFunction {
  /** The entry file from the project root, so tests can check what its module tree needs. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: FollowupFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Instead of AWSLambdaBasicExecutionRole, whose logs:CreateLogGroup/PutLogEvents apply to every log
    // group in the account: the function's log group exists already, so writing to it is enough.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      code: bundledCode(props.entry),
      functionName: props.functionName,
      deadLetterQueue: props.deadLetterQueue,
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      role,
      // No NODE_OPTIONS=--enable-source-maps: lambdas/runtime/stack-traces.ts maps a trace when one is written,
      // instead of Node reading every module's map at every cold start.
      environment: {
        // Powertools' logger and metrics (and lambdas/runtime/tracing.ts) read these: one service and one metrics namespace for
        // every function, the ones the dashboard's widgets name (lib/monitoring.ts).
        POWERTOOLS_SERVICE_NAME: METRICS_SERVICE,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
    });
    // Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords on "*" to this role.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions AWS supports no resource-level permissions for use "*": the X-Ray write actions ' +
        'that active tracing adds (xray:PutTraceSegments, xray:PutTelemetryRecords) and, on the SES ' +
        'events consumer alone, ses:PutSuppressedDestination (the account-level suppression list has ' +
        'no ARN). test/infra/stack.test.ts fails if any other action is granted on "*".',
    });
    this.entry = props.entry;
  }

  /**
   * Sets TABLE_NAME and grants exactly the table actions of `access` on the table, and queries on its
   * named indexes.
   */
  useTable(table: ITableV2, access: keyof typeof TABLE_ACCESS): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    this.addToRolePolicy(
      new iam.PolicyStatement({ actions: [...TABLE_ACCESS[access]], resources: [table.tableArn] }),
    );
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...INDEX_ACCESS],
        resources: TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
    return this;
  }

  /**
   * Acknowledges cdk-nag's AwsSolutions-IAM5 finding for one resource pattern ending in a wildcard that
   * this function's role is granted, with the reason the wildcard cannot be narrower.
   */
  acknowledgeWildcardResource(resource: string, reason: string): this {
    if (!this.role) throw new Error(`${this.node.path} has no role to acknowledge a finding on`);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${flattenAsNag(Stack.of(this).resolve(resource))}]`,
      reason,
    });
    return this;
  }
}

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The entry bundled by the local esbuild into `index.mjs`, with code splitting: every dynamic
 * `import()` (a route's rendering, a channel's provider, the public-holiday data, an AWS client used by
 * a few routes) becomes a chunk of its own under `chunks/`, which Node reads, parses and runs only when
 * that import first runs. Bundled into one file instead (as NodejsFunction does: it always writes a
 * single `--outfile`), a lazy import only defers running the code, while every cold start still pays
 * for parsing all of it, and the imports of `@aws-sdk/*` it holds are hoisted into the entry and load
 * at start. The runtime provides the AWS SDK v3, so `@aws-sdk/*` stays external, as deployed.
 */
function bundledCode(entry: string): Code {
  return Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local esbuild always bundles (a dev dependency, as the tests require).
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
      local: new EsbuildBundling(entry),
    },
  });
}

/**
 * Bundles one entry point. The CDK caches staged assets by their bundling options, serialized: `entry`
 * is a property so that each function's options, and so its asset, are its own.
 */
class EsbuildBundling implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    buildSync(esbuildOptions(this.entry, outputDir));
    return true;
  }
}

/** How every function is bundled; exported so tests can read what a cold start loads. */
export function esbuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    absWorkingDir: PROJECT_ROOT,
    entryPoints: { index: entry },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    // Mapped stack traces need the mappings only (lambdas/runtime/stack-traces.ts reads them when a trace is
    // written): without the sources' text, a map is about a quarter of the size.
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    // Some CommonJS dependencies call require(); ESM bundles need it defined.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  };
}

/**
 * The ARN of a function with a fixed name, as a string that references nothing: a function may then
 * carry its own ARN in its environment without a circular dependency.
 */
export function functionArnByName(scope: Construct, functionName: string): string {
  return Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: functionName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * cdk-nag names a finding after the resource as it flattens it: `Fn::Join` joined, `Ref` as `<Name>`,
 * `Fn::GetAtt` as `<Id.Attribute>`. An acknowledgement must use the same spelling to match.
 */
function flattenAsNag(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (typeof value === 'object' && value !== null) {
    const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return join[1].map(flattenAsNag).join(join[0]);
    const ref = (value as { Ref?: unknown }).Ref;
    if (ref !== undefined) return `<${flattenAsNag(ref)}>`;
    const getAtt = (value as { 'Fn::GetAtt'?: [unknown, unknown] })['Fn::GetAtt'];
    if (getAtt) return `<${flattenAsNag(getAtt[0])}.${flattenAsNag(getAtt[1])}>`;
  }
  return JSON.stringify(value);
}
