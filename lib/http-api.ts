/**
 * The HTTP API: a JWT authorizer on every route (a Cognito user pool of our own by default, whose
 * access tokens carry `org_id` and `role` claims from a pre-token-generation trigger, or an existing
 * issuer and audience from context) except the operations the contract marks public (unsubscribe links,
 * provider webhooks, which prove themselves with signatures), one Lambda per API function, and routes
 * built from the same contract the handlers and the OpenAPI document use. The API also serves that
 * document at GET /openapi.json, public, from a small function of its own that may touch nothing else.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_FUNCTIONS, type ApiFunctionName, apiRoutes } from '../lambdas/http/contract';
import { OPENAPI_DOCUMENT_PATH } from '../lambdas/http/openapi-answer';
import { FollowupFunction } from './followup-function';
import { output } from './stack-output';

/** API functions that only read the table get the read actions alone (least privilege). */
const READ_ONLY_FUNCTIONS: ReadonlySet<ApiFunctionName> = new Set(['accounts']);

export interface JwtIssuer {
  issuer: string;
  audience: string[];
}

export interface HttpApiProps {
  table: ITableV2;
  /** An existing identity provider; without it the construct creates a Cognito user pool. */
  jwt?: JwtIssuer;
  corsOrigins: string[];
  logRetention: RetentionDays;
}

export class FollowupHttpApi extends Construct {
  readonly api: HttpApi;
  readonly functions: Record<ApiFunctionName, FollowupFunction>;
  /** Answers GET /openapi.json; kept apart so the document weighs on no API function's cold start. */
  readonly openApiDocument: FollowupFunction;
  readonly userPool?: cognito.UserPool;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    let jwt = props.jwt;
    if (!jwt) {
      const { userPool, client } = this.createUserPool(props.logRetention);
      this.userPool = userPool;
      const { region } = Stack.of(this);
      jwt = {
        issuer: `https://cognito-idp.${region}.amazonaws.com/${userPool.userPoolId}`,
        audience: [client.userPoolClientId],
      };
      // What a frontend (or `aws cognito-idp`, docs/deploy.md) needs to sign in. With an issuer of
      // one's own (followup:jwtIssuer) there is no pool, and these outputs are absent.
      output(this, 'UserPoolId', userPool.userPoolId, 'The Cognito user pool the API trusts');
      output(
        this,
        'UserPoolClientId',
        client.userPoolClientId,
        'The app client to sign in with (USER_SRP_AUTH from a browser, ADMIN_USER_PASSWORD_AUTH with ' +
          'IAM credentials; no hosted UI): docs/deploy.md, "First token"',
      );
    }

    this.api = new HttpApi(this, 'Api', {
      description: 'Follow-up engine: sequences, custom messages, leads',
      defaultAuthorizer: new HttpJwtAuthorizer('Jwt', jwt.issuer, { jwtAudience: jwt.audience }),
      corsPreflight: {
        allowOrigins: props.corsOrigins,
        allowMethods: [CorsHttpMethod.ANY],
        // if-none-match: a browser app revalidating GET /openapi.json with the ETag it holds.
        allowHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match'],
        // retry-after: how long a 429 (a receiving probe asked again too soon) asks to wait.
        exposeHeaders: ['etag', 'retry-after'],
        maxAge: Duration.hours(1),
      },
    });
    this.enableAccessLogs(props.logRetention);

    this.functions = Object.fromEntries(
      API_FUNCTIONS.map((name) => [
        name,
        new FollowupFunction(this, `${pascal(name)}Function`, {
          entry: `lambdas/${name}-api.ts`,
          description: `HTTP API: ${name}`,
          logRetention: props.logRetention,
          // Just under API Gateway's 30 s: a 500-lead batch or a reassignment must not be cut short.
          timeout: Duration.seconds(29),
        }).useTable(props.table, READ_ONLY_FUNCTIONS.has(name) ? 'read' : 'readWrite'),
      ]),
    ) as Record<ApiFunctionName, FollowupFunction>;

    const integrations = new Map<ApiFunctionName, HttpLambdaIntegration>();
    const noAuthorizer = new HttpNoneAuthorizer();
    for (const operation of apiRoutes()) {
      let integration = integrations.get(operation.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${pascal(operation.fn)}Integration`,
          this.functions[operation.fn],
        );
        integrations.set(operation.fn, integration);
      }
      // Without an authorizer of their own, routes get the API's default: the JWT authorizer.
      const routes = this.api.addRoutes({
        path: operation.path,
        methods: [HttpMethod[operation.method]],
        integration,
        ...(operation.public ? { authorizer: noAuthorizer } : {}),
      });
      if (!operation.public) continue;
      for (const route of routes) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Public by design (`public: true` in lambdas/http/contract/public.ts): unsubscribe links opened ' +
            'from mail clients and RFC 8058 one-click POSTs, and Sinch callbacks, none of which can carry ' +
            'our JWTs. lambdas/public-api.ts authenticates each request otherwise: an HMAC-signed ' +
            'unsubscribe token, or Sinch’s HMAC signature made with the org’s webhook secret.',
        });
      }
    }

    this.openApiDocument = this.serveOpenApiDocument(props.logRetention, noAuthorizer);

    output(this, 'ApiUrl', this.api.apiEndpoint, 'Base URL of the HTTP API');
    output(this, 'JwtIssuer', jwt.issuer, 'The issuer whose access tokens the API accepts');
  }

  /** API_URL: the API's own base URL, as links in e-mails (unsubscribe) and the OpenAPI document name it. */
  addApiUrl(fn: FollowupFunction): void {
    fn.addEnvironment('API_URL', this.api.apiEndpoint);
  }

  private serveOpenApiDocument(logRetention: RetentionDays, noAuthorizer: HttpNoneAuthorizer) {
    const fn = new FollowupFunction(this, 'OpenApiDocumentFunction', {
      entry: 'lambdas/openapi-document.ts',
      description: 'HTTP API: OpenAPI document',
      logRetention,
      timeout: Duration.seconds(5),
      memorySize: 256,
    });
    // The document names the deployment it is served from.
    this.addApiUrl(fn);
    const routes = this.api.addRoutes({
      path: OPENAPI_DOCUMENT_PATH,
      methods: [HttpMethod.GET],
      integration: new HttpLambdaIntegration('OpenApiDocumentIntegration', fn),
      authorizer: noAuthorizer,
    });
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Public by design: the API’s own OpenAPI document, which the published docs/openapi.json holds ' +
          'already. Its function answers nothing else and may only write its own logs (no table, no ' +
          'secrets); test/infra/stack.test.ts checks both.',
      });
    }
    return fn;
  }

  private createUserPool(logRetention: RetentionDays) {
    // Users send e-mail from their company's domain through the assistant, so a taken-over account
    // is costly: TOTP is required and the Plus plan's threat protection blocks risky sign-ins.
    const userPool = new cognito.UserPool(this, 'Users', {
      signInAliases: { email: true },
      selfSignUpEnabled: false,
      // SMS is off, so recovery by phone could never work.
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      customAttributes: {
        org_id: new cognito.StringAttribute({ mutable: false, minLen: 1, maxLen: 64 }),
        role: new cognito.StringAttribute({ mutable: true, minLen: 1, maxLen: 16 }),
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    userPool.addTrigger(
      cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      new FollowupFunction(this, 'TokenClaimsFunction', {
        entry: 'lambdas/token-claims.ts',
        description: 'Cognito: org_id and role claims in access tokens',
        logRetention,
        // Cognito gives a trigger 5 seconds in all.
        timeout: Duration.seconds(5),
        memorySize: 256,
      }),
      cognito.LambdaVersion.V2_0,
    );
    const client = userPool.addClient('WebClient', {
      // SRP for browsers (Amplify and the like), so passwords never leave them. The admin flow needs IAM
      // credentials allowed cognito-idp:AdminInitiateAuth, which no browser holds: it is how an operator
      // gets the first token with the AWS CLI, which cannot do SRP (docs/deploy.md, "First token").
      authFlows: { userSrp: true, adminUserPassword: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      // The pool has no domain, so no hosted OAuth endpoints; without this CDK would still configure
      // the implicit grant with https://example.com as its callback.
      disableOAuth: true,
      accessTokenValidity: Duration.hours(1),
      // By default a client may write every mutable attribute, which would let users make themselves
      // admins with their own access token. Accounts are made by administrators (no self sign-up), who
      // also own e-mail and custom:role; users may edit only how they are named and shown.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
        givenName: true,
        familyName: true,
        fullname: true,
        locale: true,
        timezone: true,
      }),
    });
    return { userPool, client };
  }

  private enableAccessLogs(retention: RetentionDays) {
    const logs = new LogGroup(this, 'AccessLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: logs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        authorizerError: '$context.authorizer.error',
        sub: '$context.authorizer.claims.sub',
      }),
    };
  }
}

const pascal = (name: string) =>
  name.replace(/(^|-)(\w)/g, (_, _dash, letter: string) => letter.toUpperCase());
