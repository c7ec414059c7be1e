/**
 * What sending needs besides the schedule: the SES configuration set every e-mail goes out with, the
 * Secrets Manager prefix under which each org's Sinch (WhatsApp) credentials live, and the key that
 * signs unsubscribe links. Each `allow…` helper sets the environment variable a Lambda reads and grants
 * exactly the access that goes with it.
 */
import { ArnFormat, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { FollowupFunction } from './followup-function';

export interface MessagingProps {
  /** For the unsubscribe key: links already sent stop working when it is lost. */
  removalPolicy: RemovalPolicy;
}

/** Identity-based SES sending; SES v2 `SendEmail` with Raw content is authorized as SendRawEmail. */
export const SEND_EMAIL_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'];
/** The org API stores credentials and never reads them back. */
export const WHATSAPP_WRITE_ACTIONS = [
  'secretsmanager:CreateSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:DescribeSecret',
];

export class Messaging extends Construct {
  readonly configurationSet: ConfigurationSet;
  /** Secret names `<prefix><orgId>`; the prefix names the stack so stacks in one account stay apart. */
  readonly whatsAppSecretPrefix: string;
  readonly unsubscribeKey: Secret;

  constructor(scope: Construct, id: string, props: MessagingProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'Email', {
      reputationMetrics: true,
      // Addresses that bounced or complained are not tried again: both hurt the sending reputation.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.whatsAppSecretPrefix = `followup/${Stack.of(this).stackName}/whatsapp/`;

    this.unsubscribeKey = new Secret(this, 'UnsubscribeKey', {
      description: 'HMAC key that signs the unsubscribe links in follow-up e-mails',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.unsubscribeKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Every unsubscribe link already sent is signed with this key and must keep working for as long ' +
        'as leads keep those e-mails; rotating it would need verification against old keys too, which ' +
        'no rotation Lambda of ours provides. It never leaves AWS and only the sender and API functions ' +
        'may read it.',
    });
  }

  /**
   * For the sender: sending e-mail (`allowSendingEmail`) and WhatsApp messages (`allowReadingWhatsApp`),
   * what lambdas/engine/send-step.ts reads.
   */
  allowSending(fn: FollowupFunction): void {
    this.allowSendingEmail(fn);
    this.allowReadingWhatsApp(fn);
  }

  /**
   * SES_CONFIGURATION_SET and sending e-mail from the account's identities through that configuration
   * set only.
   */
  allowSendingEmail(fn: FollowupFunction): void {
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
    const identities = Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
    // SES authorizes a send against the From identity and, when one is named, the configuration set:
    // the statement needs both, and the configuration set can be this one only.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: SEND_EMAIL_ACTIONS,
        resources: [this.configurationSetArn(), identities],
      }),
    );
    fn.acknowledgeWildcardResource(
      identities,
      'Each assistant sends from its own address, verified in SES by its org (or by its domain), so the ' +
        'identities are not known when deploying; SES refuses any address that is not a verified ' +
        'identity of this account, and every send must also name this stack’s configuration set.',
    );
  }

  /** WHATSAPP_SECRET_PREFIX and reading (never writing) the orgs' Sinch credentials under it. */
  allowReadingWhatsApp(fn: FollowupFunction): void {
    fn.addEnvironment('WHATSAPP_SECRET_PREFIX', this.whatsAppSecretPrefix);
    const whatsAppSecrets = this.whatsAppSecretsArn();
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [whatsAppSecrets] }),
    );
    fn.acknowledgeWildcardResource(whatsAppSecrets, WHATSAPP_WILDCARD_REASON);
  }

  /** For the org API: WHATSAPP_SECRET_PREFIX and storing (never reading) credentials under it. */
  allowConnectingWhatsApp(fn: FollowupFunction): void {
    fn.addEnvironment('WHATSAPP_SECRET_PREFIX', this.whatsAppSecretPrefix);
    const whatsAppSecrets = this.whatsAppSecretsArn();
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: WHATSAPP_WRITE_ACTIONS, resources: [whatsAppSecrets] }),
    );
    fn.acknowledgeWildcardResource(whatsAppSecrets, WHATSAPP_WILDCARD_REASON);
  }

  /**
   * UNSUBSCRIBE_SECRET_NAME and reading that one secret. The value is the secret's full ARN, which
   * GetSecretValue takes as its SecretId: the secret's own name is generated, and an ARN cut short of
   * its random suffix would be ambiguous.
   */
  allowUnsubscribeLinks(fn: FollowupFunction): void {
    fn.addEnvironment('UNSUBSCRIBE_SECRET_NAME', this.unsubscribeKey.secretArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.unsubscribeKey.secretArn],
      }),
    );
  }

  private configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /** Secret ARNs end in `-` and six random characters after the name, so a prefix needs a wildcard. */
  private whatsAppSecretsArn(): string {
    return Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${this.whatsAppSecretPrefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}

const WHATSAPP_WILDCARD_REASON =
  'The org API creates one secret per org at run time (`<prefix><orgId>`), and a secret’s ARN ends in a ' +
  'random suffix, so only a prefix can name them; the prefix holds this stack’s WhatsApp credentials only.';
