/**
 * The follow-up engine's one stack, composed of a construct per concern. Deployment choices come from
 * CDK context (cdk.json or `-c key=value`), read and checked here once.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DataStore } from './data-store';
import { FollowupHttpApi, type JwtIssuer } from './http-api';
import { Messaging } from './messaging';
import { Replanning } from './replanning';
import { Scheduling } from './scheduling';

export class FollowupStack extends Stack {
  readonly data: DataStore;
  readonly scheduling: Scheduling;
  readonly messaging: Messaging;
  readonly replanning: Replanning;
  readonly httpApi: FollowupHttpApi;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readSettings(this);

    this.data = new DataStore(this, 'Data', {
      removalPolicy: settings.removalPolicy,
      deletionProtection: settings.deletionProtection,
    });
    const { table } = this.data;
    this.scheduling = new Scheduling(this, 'Scheduling', { table, logRetention: settings.logRetention });
    this.messaging = new Messaging(this, 'Messaging', { removalPolicy: settings.removalPolicy });
    this.replanning = new Replanning(this, 'Replanning', { table, logRetention: settings.logRetention });
    this.httpApi = new FollowupHttpApi(this, 'Http', {
      table,
      jwt: settings.jwt,
      corsOrigins: settings.corsOrigins,
      logRetention: settings.logRetention,
    });

    // Who may do what across concerns, in one place. test/infra/function-env.test.ts checks that every
    // function gets the environment its modules read.
    const { sender } = this.scheduling;
    this.messaging.allowSending(sender);
    this.messaging.allowUnsubscribeLinks(sender);
    this.scheduling.allowPlanning(this.replanning.worker);
    const api = this.httpApi.functions;
    // Enrolling, stopping and restarting leads, and deleting a sequence that moves its leads, plan sends.
    this.scheduling.allowPlanning(api.leads);
    this.scheduling.allowPlanning(api.sequences);
    this.messaging.allowConnectingWhatsApp(api.org);
    for (const fn of Object.values(api)) this.messaging.allowUnsubscribeLinks(fn);
  }
}

interface Settings {
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  corsOrigins: string[];
  logRetention: RetentionDays;
  jwt?: JwtIssuer;
}

/** Context keys (all optional): see the README's "Deploy" section. */
function readSettings(scope: Construct): Settings {
  const context = (key: string): unknown => scope.node.tryGetContext(`followup:${key}`);
  const removal = context('removalPolicy') ?? 'retain';
  if (removal !== 'retain' && removal !== 'destroy') {
    throw new Error(`followup:removalPolicy must be "retain" or "destroy", not ${String(removal)}`);
  }
  const issuer = context('jwtIssuer');
  const audience = context('jwtAudience');
  if ((issuer === undefined) !== (audience === undefined)) {
    throw new Error('followup:jwtIssuer and followup:jwtAudience go together');
  }
  return {
    removalPolicy: removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    deletionProtection: flag(context('deletionProtection') ?? removal === 'retain'),
    corsOrigins: list(context('corsOrigins') ?? []),
    logRetention: Number(context('logRetentionDays') ?? 30) as RetentionDays,
    jwt: issuer === undefined ? undefined : { issuer: String(issuer), audience: list(audience) },
  };
}

// Context given on the command line arrives as strings: `-c followup:corsOrigins=a,b`.
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

function flag(value: unknown): boolean {
  return value === true || value === 'true';
}
