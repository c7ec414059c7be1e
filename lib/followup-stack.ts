/**
 * The follow-up engine's one stack, composed of a construct per concern. Deployment choices come from
 * CDK context (cdk.json or `-c key=value`), read and checked here once.
 */
import { Annotations, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Analytics } from './analytics';
import { DataStore } from './data-store';
import { DeliveryEvents } from './delivery-events';
import { DomainEvents } from './domain-events';
import { FollowupFunction } from './followup-function';
import { type FollowupWriterChoice, FollowupWriting, readFollowupWriterChoice } from './followup-writer';
import { FollowupHttpApi, type JwtIssuer } from './http-api';
import { InboundMail } from './inbound-mail';
import { Imports } from './lead-imports';
import { Messaging } from './messaging';
import { Monitoring } from './monitoring';
import { REPLAN_VISIBILITY_TIMEOUT, Replanning } from './replanning';
import {
  ReplyClassification,
  type ReplyClassifierChoice,
  readReplyClassifierChoice,
} from './reply-classifier';
import { Scheduling } from './scheduling';
import { Webhooks } from './webhooks';

export class FollowupStack extends Stack {
  readonly data: DataStore;
  readonly scheduling: Scheduling;
  readonly messaging: Messaging;
  readonly replanning: Replanning;
  readonly analytics: Analytics;
  readonly domainEvents: DomainEvents;
  readonly httpApi: FollowupHttpApi;
  readonly inbound: InboundMail;
  readonly deliveryEvents: DeliveryEvents;
  readonly imports: Imports;
  readonly monitoring: Monitoring;
  readonly replyClassification: ReplyClassification;
  readonly followupWriting: FollowupWriting;
  readonly webhooks: Webhooks;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readSettings(this);

    this.data = new DataStore(this, 'Data', {
      removalPolicy: settings.removalPolicy,
      deletionProtection: settings.deletionProtection,
    });
    const { table } = this.data;
    this.scheduling = new Scheduling(this, 'Scheduling', {
      table,
      logRetention: settings.logRetention,
      reconcileWindowMinutes: settings.reconcileWindowMinutes,
    });
    this.messaging = new Messaging(this, 'Messaging', { removalPolicy: settings.removalPolicy });
    this.replanning = new Replanning(this, 'Replanning', { table, logRetention: settings.logRetention });
    this.analytics = new Analytics(this, 'Analytics', {
      table,
      logRetention: settings.logRetention,
      streamFailures: this.replanning.streamFailures,
    });
    this.domainEvents = new DomainEvents(this, 'DomainEvents', {
      table,
      logRetention: settings.logRetention,
      streamFailures: this.replanning.streamFailures,
    });
    this.httpApi = new FollowupHttpApi(this, 'Http', {
      table,
      jwt: settings.jwt,
      corsOrigins: settings.corsOrigins,
      logRetention: settings.logRetention,
    });
    this.inbound = new InboundMail(this, 'Inbound', {
      table,
      domain: settings.inboundDomain,
      logRetention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.imports = new Imports(this, 'Imports', {
      table,
      logRetention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.webhooks = new Webhooks(this, 'Webhooks', { table, logRetention: settings.logRetention });
    // The events' second sink: each org's webhooks (reads them, stores each delivery, queues it).
    this.webhooks.allowEnqueueing(this.domainEvents.publisher);
    this.domainEvents.publisher.useTable(table, 'readWrite');
    this.deliveryEvents = new DeliveryEvents(this, 'DeliveryEvents', {
      table,
      configurationSet: this.messaging.configurationSet,
      logRetention: settings.logRetention,
    });

    // Who may do what across concerns, in one place. test/infra/function-env.test.ts checks that every
    // function gets the environment its modules read.
    const { sender } = this.scheduling;
    this.messaging.allowSending(sender);
    this.messaging.allowUnsubscribeLinks(sender);
    // Follow-ups carry List-Unsubscribe links to the API and reply addresses at the inbound domain.
    this.httpApi.addApiUrl(sender);
    this.inbound.addInboundDomain(sender);
    this.scheduling.allowPlanning(this.replanning.worker);
    const api = this.httpApi.functions;
    // Enrolling, stopping and restarting leads, and deleting a sequence that moves its leads, plan sends.
    this.scheduling.allowPlanning(api.leads);
    this.scheduling.allowPlanning(api.sequences);
    // Resuming a paused assistant's or org's sending re-plans the steps the pause deferred.
    this.scheduling.allowPlanning(api.assistants);
    this.scheduling.allowPlanning(api.org);
    this.messaging.allowConnectingWhatsApp(api.org);
    // Adding to the suppression list stops the leads it matches, cancelling their pending steps.
    this.scheduling.allowPlanning(api.suppressions);
    // The key that signs unsubscribe links: the public API verifies them, the assistants API signs the
    // receiving probe it mails with it. The other API functions never read it.
    this.messaging.allowUnsubscribeLinks(api.public);
    this.messaging.allowUnsubscribeLinks(api.assistants);
    // Unsubscribing and WhatsApp replies stop leads; Sinch callbacks are verified with the org's secret.
    this.scheduling.allowPlanning(api.public);
    this.messaging.allowReadingWhatsApp(api.public);
    // Assistants and leads warn while an assistant at a customer's domain is not forwarded yet; the
    // assistants API mails the probe that verifies the forwarding, from the inbound domain.
    this.inbound.addInboundDomain(api.assistants);
    this.inbound.addInboundDomain(api.leads);
    // Imports: the API stores the rows and queues the job; the worker adds leads, planning their sends.
    this.imports.allowAccepting(api.imports);
    this.scheduling.allowPlanning(this.imports.worker);
    this.messaging.allowSendingEmail(api.assistants);
    // Webhooks: the API saves endpoints and their secrets, sends test pings and redeliveries.
    this.webhooks.allowManaging(api.webhooks);
    // Erasing a person cancels their pending steps, deletes the mail they sent and empties their rows
    // in recent imports; an export reads the same.
    this.scheduling.allowCancelling(api.privacy);
    this.inbound.allowErasing(api.privacy);
    this.imports.allowErasing(api.privacy);

    // A reply stops its lead, an Email CC enrolls a new one and acknowledges it to the user by e-mail.
    const { receiver } = this.inbound;
    this.scheduling.allowPlanning(receiver);
    this.messaging.allowSendingEmail(receiver);
    this.messaging.allowUnsubscribeLinks(receiver);
    // Bounces deactivate leads and complaints stop them, cancelling what they had planned.
    this.scheduling.allowPlanning(this.deliveryEvents.consumer);
    // Replies by e-mail and on WhatsApp are read for their intent, by the rules or a Bedrock model.
    this.replyClassification = new ReplyClassification(settings.replyClassifier);
    this.replyClassification.allowReading(receiver);
    this.replyClassification.allowReading(api.public);
    // Generated e-mail steps are written by the tone bank or a Bedrock model; only the sender writes them.
    this.followupWriting = new FollowupWriting(settings.followupWriter);
    this.followupWriting.allowWriting(sender);

    this.monitoring = new Monitoring(this, 'Monitoring', {
      table,
      scheduleGroup: this.scheduling.group,
      sender,
      replanQueue: this.replanning.queue,
      // Older than the visibility timeout, a job has been received and not finished at least once.
      replanMaxAge: REPLAN_VISIBILITY_TIMEOUT,
      deadLetterQueues: {
        Sender: this.scheduling.deadLetters,
        Replan: this.replanning.queueDeadLetters,
        StreamFailures: this.replanning.streamFailures,
        InboundReceiver: this.inbound.deadLetters,
        DeliveryEvents: this.deliveryEvents.deadLetters,
        Imports: this.imports.deadLetters,
        // A delivery failed for 24 h (its endpoint is disabled too), or the worker failed on it 5 times.
        WebhookDeliveries: this.webhooks.deadLetters,
      },
      // Every function, the Cognito trigger included, so a new one is on the dashboard without a change.
      functions: Object.fromEntries(
        this.node
          .findAll()
          .filter((construct) => construct instanceof FollowupFunction)
          .map((fn) => [fn.node.path.slice(this.node.path.length + 1), fn]),
      ),
      httpApi: this.httpApi.api,
      sesEventsLogs: this.deliveryEvents.consumer.logGroup,
      alarmEmail: settings.alarmEmail,
    });
  }
}

interface Settings {
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  corsOrigins: string[];
  logRetention: RetentionDays;
  jwt?: JwtIssuer;
  inboundDomain: string;
  reconcileWindowMinutes: number;
  alarmEmail?: string;
  replyClassifier: ReplyClassifierChoice;
  followupWriter: FollowupWriterChoice;
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
  const inboundDomain = String(context('inboundDomain') ?? PLACEHOLDER_INBOUND_DOMAIN).toLowerCase();
  if (!DOMAIN_NAME.test(inboundDomain)) {
    throw new Error(
      `followup:inboundDomain must be a domain name such as assistants.example.com, not ${inboundDomain}`,
    );
  }
  if (inboundDomain === PLACEHOLDER_INBOUND_DOMAIN) {
    Annotations.of(scope).addWarningV2(
      'followup:inboundDomain',
      `followup:inboundDomain is the placeholder ${PLACEHOLDER_INBOUND_DOMAIN}: replies and Email CC reach ` +
        'the assistants only at a domain of yours whose MX points at SES (README, "Deploy")',
    );
  }
  const reconcileWindowMinutes = Number(context('reconcileWindowMinutes') ?? 15);
  if (
    !Number.isInteger(reconcileWindowMinutes) ||
    reconcileWindowMinutes < 1 ||
    reconcileWindowMinutes > 1440
  ) {
    throw new Error('followup:reconcileWindowMinutes must be a whole number of minutes from 1 to 1440');
  }
  const alarmEmail = context('alarmEmail');
  if (alarmEmail !== undefined && alarmEmail !== '' && !EMAIL_ADDRESS.test(String(alarmEmail))) {
    throw new Error(`followup:alarmEmail must be an e-mail address, not ${String(alarmEmail)}`);
  }
  return {
    removalPolicy: removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    deletionProtection: flag(context('deletionProtection') ?? removal === 'retain'),
    corsOrigins: list(context('corsOrigins') ?? []),
    logRetention: Number(context('logRetentionDays') ?? 30) as RetentionDays,
    jwt: issuer === undefined ? undefined : { issuer: String(issuer), audience: list(audience) },
    inboundDomain,
    reconcileWindowMinutes,
    alarmEmail: alarmEmail ? String(alarmEmail) : undefined,
    replyClassifier: readReplyClassifierChoice(context('replyClassifier'), context('replyClassifierModel')),
    followupWriter: readFollowupWriterChoice(context('writer'), context('writerModel')),
  };
}

/** The default in cdk.json too: no mail reaches it, so a deployment should set its own. */
const PLACEHOLDER_INBOUND_DOMAIN = 'assistants.example.com';
/** Enough to catch a typo on the command line; SNS confirms the address by mail anyway. */
const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DOMAIN_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

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
