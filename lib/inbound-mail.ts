/**
 * Mail to the assistants: SES receives everything addressed to the inbound domain (replies to
 * follow-ups, out-of-office notices, e-mails a user CCs an assistant on), stores the raw message in a
 * bucket under `inbound/`, then invokes the receiver, which reads it from there. The rule set is created
 * inactive: an account has one active rule set per region, chosen with
 * `aws ses set-active-receipt-rule-set`, and the domain's MX must point at SES's inbound endpoint.
 */
import { ArnFormat, CfnOutput, Duration, Names, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import {
  type IReceiptRuleAction,
  type ReceiptRule,
  type ReceiptRuleActionConfig,
  ReceiptRuleSet,
  TlsPolicy,
} from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { FollowupFunction } from './followup-function';
import { output } from './stack-output';

export interface InboundMailProps {
  table: ITableV2;
  /** The domain the assistants receive mail at (`followup:inboundDomain`). */
  domain: string;
  logRetention: RetentionDays;
  /** For the bucket of raw mail. */
  removalPolicy: RemovalPolicy;
}

/** Where SES puts raw messages; the receiver may read nothing else in the bucket. */
export const INBOUND_PREFIX = 'inbound/';
/** Raw mail is needed only until the receiver has handled it (or a redrive from the dead letters has). */
export const RAW_MAIL_RETENTION = Duration.days(30);
/** SES names the rule in `aws:SourceArn`; a fixed name keeps that ARN free of references to the rule. */
export const RECEIPT_RULE_NAME = 'to-assistants';

export class InboundMail extends Construct {
  readonly domain: string;
  readonly bucket: Bucket;
  readonly ruleSet: ReceiptRuleSet;
  readonly rule: ReceiptRule;
  /** Handles one received message (lambdas/inbound-email.ts). */
  readonly receiver: FollowupFunction;
  /**
   * Receipt events the receiver failed on through Lambda's retries; each body is the SES event, which
   * names the stored message, so it can be redriven while the raw mail is kept.
   */
  readonly deadLetters: Queue;
  /** `arn:…:receipt-rule-set/<set>:receipt-rule/<rule>`, as SES sends it in `aws:SourceArn`. */
  readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.domain = props.domain;

    this.bucket = new Bucket(this, 'RawMail', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ prefix: INBOUND_PREFIX, expiration: RAW_MAIL_RETENTION }],
      // No autoDeleteObjects: its custom-resource Lambda would be the one function outside
      // FollowupFunction. With "destroy", CloudFormation deletes the bucket only once it is empty.
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only SES writes here (bucket policy: this account’s receipt rule, under inbound/) and only the ' +
        'receiver function reads, by the message id SES hands it; objects expire after 30 days. Access ' +
        'logs would need a second bucket, itself without access logs; CloudTrail S3 data events can be ' +
        'turned on for this bucket when an audit needs them.',
    });

    // A rule set name is unique per account and region; the stack's path keeps stacks apart.
    const ruleSetName = Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
    this.ruleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${ruleSetName}:receipt-rule/${RECEIPT_RULE_NAME}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.ruleSet = new ReceiptRuleSet(this, 'Rules', { receiptRuleSetName: ruleSetName });

    this.deadLetters = new Queue(this, 'ReceiverDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.receiver = new FollowupFunction(this, 'Receiver', {
      entry: 'lambdas/inbound-email.ts',
      description: 'Handles mail to the assistants: replies, out-of-office, Email CC (SES receipt rule)',
      logRetention: props.logRetention,
      // Parsing a large message and planning a new lead's first steps take longer than an API call.
      timeout: Duration.seconds(60),
      memorySize: 1024,
      // SES invokes asynchronously: what fails through Lambda's retries lands here, not nowhere.
      deadLetterQueue: this.deadLetters,
    }).useTable(props.table, 'readWrite');
    this.receiver.addEnvironment('INBOUND_BUCKET', this.bucket.bucketName);
    this.receiver.addEnvironment('INBOUND_PREFIX', INBOUND_PREFIX);
    this.addInboundDomain(this.receiver);
    const rawMessages = this.bucket.arnForObjects(`${INBOUND_PREFIX}*`);
    this.receiver.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [rawMessages] }),
    );
    this.receiver.acknowledgeWildcardResource(
      rawMessages,
      'SES names each stored message by its own message id, known only when the mail arrives; the ' +
        'receiver may only read (never list, write or delete) objects under inbound/ of this bucket.',
    );
    // Declared before the Lambda action, which then keeps this permission instead of adding one that
    // names the account only.
    this.receiver.addPermission('AllowSes', {
      principal: new iam.ServicePrincipal('ses.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceAccount: stack.account,
      sourceArn: this.ruleArn,
    });

    this.rule = this.ruleSet.addRule('ToAssistants', {
      receiptRuleName: RECEIPT_RULE_NAME,
      recipients: [props.domain],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new StoreRawMail(this.bucket, INBOUND_PREFIX, this.ruleArn),
        new Lambda({ function: this.receiver, invocationType: LambdaInvocationType.EVENT }),
      ],
    });

    // Outputs, not a custom resource: activating a rule set replaces the account's active one in the
    // region, a choice for whoever owns the account's mail set-up. Their ids are the names the README's
    // "Deploy" section uses, without the usual hash.
    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: ruleSetName,
      description:
        'Created inactive: make it active with `aws ses set-active-receipt-rule-set --rule-set-name ' +
        `${ruleSetName}\` (it replaces the account's active rule set in this region) and point the MX ` +
        `record of ${props.domain} at SES (output InboundMxRecord).`,
    }).overrideLogicalId('ReceiptRuleSetName');
    output(
      this,
      'InboundDomain',
      props.domain,
      'Where the assistants receive mail (followup:inboundDomain); also an SES identity to verify for the receiving probe',
    );
    new CfnOutput(this, 'MxRecord', {
      value: `10 inbound-smtp.${stack.region}.amazonaws.com`,
      description: `The MX record ${props.domain} needs for SES to receive the assistants' mail`,
    }).overrideLogicalId('InboundMxRecord');
  }

  /**
   * An erasure (lambdas/privacy-api.ts): reads (for an export) and deletes the raw messages a person
   * sent, by the ids their inbound records kept; it may not list or write.
   */
  allowErasing(fn: FollowupFunction): void {
    fn.addEnvironment('INBOUND_BUCKET', this.bucket.bucketName);
    fn.addEnvironment('INBOUND_PREFIX', INBOUND_PREFIX);
    const rawMessages = this.bucket.arnForObjects(`${INBOUND_PREFIX}*`);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [rawMessages] }),
    );
    fn.acknowledgeWildcardResource(
      rawMessages,
      'Each stored message is named by SES’s message id, which an erasure learns from the table; the ' +
        'privacy API may only read and delete (never list or write) objects under inbound/ of this bucket.',
    );
  }

  /** INBOUND_DOMAIN: where the assistants receive mail, for reply addresses and the receiver's checks. */
  addInboundDomain(fn: FollowupFunction): void {
    fn.addEnvironment('INBOUND_DOMAIN', this.domain);
  }
}

/**
 * The S3 action of aws-ses-actions, with a bucket statement that also names the receipt rule
 * (`aws:SourceArn`), as SES's own example policy does: that one names only the account, so any rule of
 * the account could write here.
 */
class StoreRawMail implements IReceiptRuleAction {
  constructor(
    private readonly bucket: Bucket,
    private readonly prefix: string,
    private readonly ruleArn: string,
  ) {}

  bind(rule: IConstruct): ReceiptRuleActionConfig {
    const { account } = Stack.of(this.bucket);
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        resources: [this.bucket.arnForObjects(`${this.prefix}*`)],
        conditions: { StringEquals: { 'aws:SourceAccount': account, 'aws:SourceArn': this.ruleArn } },
      }),
    );
    // SES writes a test object when the rule is created, so the policy must be in place first.
    if (this.bucket.policy) rule.node.addDependency(this.bucket.policy);
    return { s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: this.prefix } };
  }
}
