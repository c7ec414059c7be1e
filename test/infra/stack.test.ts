/**
 * The synthesized FollowupStack: routes from the API contract behind the JWT authorizer (all but the
 * public ones), the table's shape, how Lambdas are built, least-privilege IAM and the deployment
 * choices read from context.
 * One stack is bundled for real with the local esbuild (and its assets checked); the variants that
 * only change context skip bundling to keep the suite fast.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFiles } from '../../bench/cold-start';
import { API_FUNCTIONS, type Operation, operations, routeKey } from '../../lambdas/http/contract';
import { INDEX_ACCESS, TABLE_ACCESS } from '../../lib/followup-function';
import {
  allStatements,
  asList,
  environmentOf,
  functionId,
  indexArns,
  once,
  onlyLogicalId,
  type Resource,
  removeOutdirs,
  resourceById,
  resources,
  roleIdOf,
  statementsOfRole,
  synthesize,
} from './template';

/** What active tracing grants every function, on Resource "*". */
const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
/**
 * Actions AWS offers no resource-level permissions for; the only ones allowed on Resource "*". The SES
 * events consumer puts hard bounces and complaints on the account-level suppression list, which has no ARN.
 */
const ACTIONS_WITHOUT_RESOURCE_SCOPE = [...XRAY_ACTIONS, 'ses:PutSuppressedDestination'];

afterAll(removeOutdirs);

/** As deployed by default: a user pool of its own, bundled for real. */
const deployed = once(() =>
  synthesize(
    {
      'followup:removalPolicy': 'retain',
      'followup:corsOrigins': ['https://app.example.com', 'https://admin.example.com'],
      'followup:logRetentionDays': 14,
    },
    { bundle: true },
  ),
);

const externalIssuer = once(() =>
  synthesize({
    'followup:jwtIssuer': 'https://auth.example.com/',
    // As `-c followup:jwtAudience=api-a,api-b` passes it: one string.
    'followup:jwtAudience': 'api-a,api-b',
  }),
);

/** Served by a function of its own outside the contract, without authorizer (lib/http-api.ts). */
const OPENAPI_DOCUMENT_ROUTE = 'GET /openapi.json';

const tableArn = (template: Template) => ({
  'Fn::GetAtt': [onlyLogicalId(template, 'AWS::DynamoDB::GlobalTable'), 'Arn'],
});

describe('routes', () => {
  it('creates every operation of the API contract as a route, behind the JWT authorizer unless public', () => {
    // Prepare
    const { template } = deployed();
    const authorizerId = onlyLogicalId(template, 'AWS::ApiGatewayV2::Authorizer');
    const contract: Operation[] = Object.values(operations);

    // Act
    const routes = resources(template, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);

    // Assess
    const expected = [
      ...contract.map((operation) =>
        operation.public
          ? { RouteKey: routeKey(operation), AuthorizationType: 'NONE' }
          : { RouteKey: routeKey(operation), AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } },
      ),
      { RouteKey: OPENAPI_DOCUMENT_ROUTE, AuthorizationType: 'NONE' },
    ];
    expect(
      routes.map(({ RouteKey, AuthorizationType, AuthorizerId }) => ({
        RouteKey,
        AuthorizationType,
        ...(AuthorizerId === undefined ? {} : { AuthorizerId }),
      })),
    ).toEqual(expect.arrayContaining(expected));
    expect(routes).toHaveLength(expected.length);
  });

  it('leaves without authorizer exactly the routes the contract marks public, and the OpenAPI document', () => {
    // Prepare
    const { template } = deployed();
    const contract: Operation[] = Object.values(operations);
    const publicInContract = contract.filter((operation) => operation.public).map(routeKey);

    // Act
    const withoutJwt = resources(template, 'AWS::ApiGatewayV2::Route')
      .map(([, route]) => route.Properties)
      .filter((route) => route.AuthorizationType !== 'JWT' || route.AuthorizerId === undefined)
      .map((route) => route.RouteKey);

    // Assess
    expect(publicInContract).toEqual(
      expect.arrayContaining([
        'GET /unsubscribe/{token}',
        'POST /unsubscribe/{token}',
        'POST /webhooks/sinch/{orgId}',
      ]),
    );
    expect([...withoutJwt].sort()).toEqual([...publicInContract, OPENAPI_DOCUMENT_ROUTE].sort());
  });

  it('sends each route to the Lambda of the function the contract names', () => {
    // Prepare
    const { template } = deployed();
    const integrationOf = (fn: string) =>
      onlyLogicalId(template, 'AWS::ApiGatewayV2::Integration', {
        IntegrationUri: { 'Fn::GetAtt': [functionId(template, `HTTP API: ${fn}`), 'Arn'] },
      });

    for (const operation of Object.values(operations)) {
      // Act
      const target = { 'Fn::Join': ['', ['integrations/', { Ref: integrationOf(operation.fn) }]] };

      // Assess
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(operation),
        Target: target,
      });
    }
  });
});

describe('the OpenAPI document', () => {
  const documentFunction = (template: Template) => functionId(template, 'HTTP API: OpenAPI document');

  it('is served at GET /openapi.json without authorizer by a function of its own', () => {
    // Prepare
    const { template } = deployed();
    const integrationId = onlyLogicalId(template, 'AWS::ApiGatewayV2::Integration', {
      IntegrationUri: { 'Fn::GetAtt': [documentFunction(template), 'Arn'] },
    });

    // Act
    const routes = resources(template, 'AWS::ApiGatewayV2::Route')
      .map(([, route]) => route.Properties)
      .filter((route) => JSON.stringify(route.Target).includes(`"${integrationId}"`));

    // Assess
    expect(routes).toEqual([
      expect.objectContaining({
        RouteKey: OPENAPI_DOCUMENT_ROUTE,
        AuthorizationType: 'NONE',
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      }),
    ]);
    expect(routes[0]?.AuthorizerId).toBeUndefined();
  });

  it('comes from a function that may write its logs and traces and nothing else, knowing only the API’s URL', () => {
    // Prepare
    const { template } = deployed();
    const fnId = documentFunction(template);
    const logGroupId = (
      resourceById(template, fnId).Properties.LoggingConfig as { LogGroup: { Ref: string } }
    ).LogGroup.Ref;
    const apiId = onlyLogicalId(template, 'AWS::ApiGatewayV2::Api');

    // Act
    const statements = statementsOfRole(template, roleIdOf(template, fnId));
    const environment = environmentOf(template, fnId);

    // Assess
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      },
      // Sorted: minimizePolicies (cdk.json) sorts the actions it merges.
      { Effect: 'Allow', Action: [...XRAY_ACTIONS].sort(), Resource: '*' },
    ]);
    expect(
      resources(template, 'AWS::IAM::Role')
        .filter(([id]) => id === roleIdOf(template, fnId))
        .map(([, role]) => [role.Properties.ManagedPolicyArns, role.Properties.Policies]),
    ).toEqual([[undefined, undefined]]);
    expect(environment).toEqual({
      POWERTOOLS_SERVICE_NAME: 'followup-engine',
      POWERTOOLS_METRICS_NAMESPACE: 'FollowupEngine',
      API_URL: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] },
    });
  });
});

describe('JWT authorizer', () => {
  it('trusts the stack’s own Cognito user pool and web client by default', () => {
    // Prepare
    const { template } = deployed();
    const userPoolId = onlyLogicalId(template, 'AWS::Cognito::UserPool');
    const clientId = onlyLogicalId(template, 'AWS::Cognito::UserPoolClient');

    // Act
    const authorizer = template.findResources('AWS::ApiGatewayV2::Authorizer');

    // Assess
    expect(Object.values(authorizer).map((resource) => resource.Properties)).toEqual([
      expect.objectContaining({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: clientId }],
          Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.amazonaws.com/', { Ref: userPoolId }]] },
        },
      }),
    ]);
  });

  it('trusts the issuer and audiences from context instead, and creates no user pool', () => {
    // Prepare
    const { template } = externalIssuer();

    // Act
    const userPools = template.findResources('AWS::Cognito::UserPool');

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://auth.example.com/', Audience: ['api-a', 'api-b'] },
    });
    expect(userPools).toEqual({});
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Description: Match.stringLikeRegexp('Cognito') },
      0,
    );
  });

  it('refuses an issuer without an audience', () => {
    // Prepare
    const context = { 'followup:jwtIssuer': 'https://auth.example.com/' };

    // Act
    const act = () => synthesize(context);

    // Assess
    expect(act).toThrow(/followup:jwtIssuer and followup:jwtAudience go together/);
  });
});

describe('Cognito user pool', () => {
  it('requires TOTP MFA and enforces the Plus plan’s threat protection', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const [pool] = resources(template, 'AWS::Cognito::UserPool').map(([, resource]) => resource.Properties);

    // Assess
    expect(pool).toMatchObject({
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      Policies: { PasswordPolicy: expect.objectContaining({ MinimumLength: 12 }) },
    });
  });

  it('puts org_id and role into access tokens with the version 2 pre-token-generation trigger', () => {
    // Prepare
    const { template } = deployed();
    const triggerId = functionId(template, 'Cognito: org_id and role claims in access tokens');
    const userPoolId = onlyLogicalId(template, 'AWS::Cognito::UserPool');

    // Act
    const pool = template.findResources('AWS::Cognito::UserPool')[userPoolId] as Resource;

    // Assess
    expect(pool.Properties.LambdaConfig).toEqual({
      PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [triggerId, 'Arn'] }, LambdaVersion: 'V2_0' },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [userPoolId, 'Arn'] },
    });
  });

  it('lets users write neither their role, their org nor their e-mail, and configures no OAuth flows', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const [client] = resources(template, 'AWS::Cognito::UserPoolClient').map(
      ([, resource]) => resource.Properties,
    );

    // Assess
    expect(client?.WriteAttributes).toEqual(['family_name', 'given_name', 'locale', 'name', 'zoneinfo']);
    expect(client?.AllowedOAuthFlows).toBeUndefined();
    expect(client?.CallbackURLs).toBeUndefined();
    // SRP for browsers; the admin flow (IAM credentials only) for an operator's first token with the
    // AWS CLI (docs/deploy.md); never USER_PASSWORD_AUTH, which would take passwords from anyone.
    expect(client?.ExplicitAuthFlows).toEqual([
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
  });
});

describe('table', () => {
  it('has the single-table keys, gsi1-5, a stream of both images, PITR and TTL on expiresAt', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const [table] = resources(template, 'AWS::DynamoDB::GlobalTable').map(
      ([, resource]) => resource.Properties,
    );

    // Assess
    expect(table).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
        { AttributeName: 'gsi2pk', AttributeType: 'S' },
        { AttributeName: 'gsi2sk', AttributeType: 'S' },
        { AttributeName: 'gsi3pk', AttributeType: 'S' },
        { AttributeName: 'gsi3sk', AttributeType: 'S' },
        { AttributeName: 'gsi5sk', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'gsi2',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        // The lead listings: keys and the filter attributes only (lambdas/data/table-schema.ts).
        ...[
          ['gsi3', 'gsi3pk', 'gsi3sk'],
          ['gsi4', 'gsi3pk', 'gsi2sk'],
          ['gsi5', 'gsi3pk', 'gsi5sk'],
        ].map(([IndexName, partition, sort]) => ({
          IndexName,
          KeySchema: [
            { AttributeName: partition, KeyType: 'HASH' },
            { AttributeName: sort, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['assistantId', 'gsi1pk', 'gsi1sk'] },
        })),
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        expect.objectContaining({
          Region: 'eu-west-1',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
  });

  it('is retained and protected from deletion when removalPolicy is retain', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const [[, table] = ['', undefined]] = resources(template, 'AWS::DynamoDB::GlobalTable');

    // Assess
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { Replicas: [expect.objectContaining({ DeletionProtectionEnabled: true })] },
    });
  });

  it('is deleted with the stack and unprotected when removalPolicy is destroy', () => {
    // Prepare
    const context = { 'followup:removalPolicy': 'destroy' };

    // Act
    const { template } = synthesize(context);

    // Assess
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
  });

  it('takes deletion protection from context apart from the removal policy', () => {
    // Prepare: as `-c followup:deletionProtection=false` passes it
    const context = { 'followup:removalPolicy': 'retain', 'followup:deletionProtection': 'false' };

    // Act
    const { template } = synthesize(context);

    // Assess
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: false })] }),
    });
  });

  it('refuses a removal policy other than retain or destroy', () => {
    // Prepare
    const context = { 'followup:removalPolicy': 'snapshot' };

    // Act
    const act = () => synthesize(context);

    // Assess
    expect(act).toThrow(/followup:removalPolicy must be "retain" or "destroy"/);
  });
});

describe('Lambda functions', () => {
  it('run Node.js 24 on arm64 with active tracing and JSON logs in a log group of the configured retention', () => {
    // Prepare
    const { template } = deployed();
    const functions = resources(template, 'AWS::Lambda::Function');
    const logGroups = template.findResources('AWS::Logs::LogGroup') as Record<string, Resource>;

    // Act
    const settings = functions.map(([id, fn]) => {
      const logging = fn.Properties.LoggingConfig as { LogFormat: string; LogGroup: { Ref: string } };
      return {
        id,
        runtime: fn.Properties.Runtime,
        architectures: fn.Properties.Architectures,
        tracing: fn.Properties.TracingConfig,
        logFormat: logging.LogFormat,
        retentionDays: logGroups[logging.LogGroup.Ref]?.Properties.RetentionInDays,
      };
    });

    // Assess
    // The API functions, the token-claims trigger, the sender, the stream consumer, the re-plan worker,
    // the inbound-mail receiver and the SES-events consumer.
    expect(settings.length).toBeGreaterThanOrEqual(API_FUNCTIONS.length + 6);
    for (const setting of settings) {
      expect(setting).toEqual({
        id: setting.id,
        runtime: 'nodejs24.x',
        architectures: ['arm64'],
        tracing: { Mode: 'Active' },
        logFormat: 'JSON',
        retentionDays: 14,
      });
    }
  });

  it('give the API functions the table name', () => {
    // Prepare
    const { template } = deployed();
    const tableId = onlyLogicalId(template, 'AWS::DynamoDB::GlobalTable');

    for (const name of API_FUNCTIONS) {
      // Act
      const fn = template.findResources('AWS::Lambda::Function')[functionId(template, `HTTP API: ${name}`)];

      // Assess
      expect(fn?.Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: tableId });
    }
  });
});

describe('least privilege', () => {
  it('grants no wildcard action anywhere', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const wildcardActions = allStatements(template)
      .flatMap((statement) => asList(statement.Action))
      .filter((action) => action.includes('*'));

    // Assess
    expect(wildcardActions).toEqual([]);
  });

  it('uses Resource "*" only for actions without resource-level permissions', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const onEverything = allStatements(template)
      .filter((statement) => asList(statement.Resource).includes('*'))
      .flatMap((statement) => asList(statement.Action));

    // Assess
    expect(onEverything.length).toBeGreaterThan(0);
    expect(onEverything.filter((action) => !ACTIONS_WITHOUT_RESOURCE_SCOPE.includes(action))).toEqual([]);
  });

  it('scopes every DynamoDB grant to the table or a named index, never a wildcard', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const dynamodbResources = allStatements(template)
      .filter((statement) => asList(statement.Action).some((action) => action.startsWith('dynamodb:')))
      .map((statement) => JSON.stringify(statement.Resource));

    // Assess
    expect(dynamodbResources.length).toBeGreaterThan(0);
    expect(dynamodbResources.filter((resource) => resource.includes('*'))).toEqual([]);
  });

  it('attaches no managed policies to any role', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const managed = resources(template, 'AWS::IAM::Role').flatMap(
      ([, role]) => (role.Properties.ManagedPolicyArns as unknown[] | undefined) ?? [],
    );

    // Assess
    expect(managed).toEqual([]);
  });

  // The accounts API only reads (its accounts are written by the lead writes): read actions alone.
  const accessOf = (name: string) => (name === 'accounts' ? 'read' : 'readWrite');
  it.each(API_FUNCTIONS)(
    'gives the %s function exactly its table actions (read for accounts, else readWrite) and index queries',
    (name) => {
      // Prepare
      const { template } = deployed();
      const roleId = roleIdOf(template, functionId(template, `HTTP API: ${name}`));

      // Act
      const dynamodb = statementsOfRole(template, roleId)
        .filter((statement) => asList(statement.Action).some((action) => action.startsWith('dynamodb:')))
        .map((statement) => ({ actions: asList(statement.Action).sort(), resource: statement.Resource }));

      // Assess
      expect(dynamodb).toEqual([
        { actions: [...TABLE_ACCESS[accessOf(name)]].sort(), resource: tableArn(template) },
        {
          actions: [...INDEX_ACCESS],
          resource: indexArns(tableArn(template)),
        },
      ]);
    },
  );

  it('lets each function write only to its own log group', () => {
    // Prepare
    const { template } = deployed();

    for (const [id, fn] of resources(template, 'AWS::Lambda::Function')) {
      const logGroupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;

      // Act
      const logs = statementsOfRole(template, roleIdOf(template, id)).filter((statement) =>
        asList(statement.Action).some((action) => action.startsWith('logs:')),
      );

      // Assess
      expect(logs).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        },
      ]);
    }
  });

  it('gives the token-claims trigger no access to the table', () => {
    // Prepare
    const { template } = deployed();
    const roleId = roleIdOf(
      template,
      functionId(template, 'Cognito: org_id and role claims in access tokens'),
    );

    // Act
    const actions = statementsOfRole(template, roleId).flatMap((statement) => asList(statement.Action));

    // Assess
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
  });
});

describe('CORS', () => {
  it('allows the origins from context', () => {
    // Prepare
    const { template } = deployed();

    // Act
    const [api] = resources(template, 'AWS::ApiGatewayV2::Api').map(([, resource]) => resource.Properties);

    // Assess
    expect(api?.CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://app.example.com', 'https://admin.example.com'],
      AllowHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match'],
      ExposeHeaders: ['etag', 'retry-after'],
    });
  });

  it('splits origins given on the command line as one comma-separated string', () => {
    // Prepare
    const context = { 'followup:corsOrigins': 'https://a.example.com, https://b.example.com' };

    // Act
    const { template } = synthesize(context);

    // Assess
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://a.example.com', 'https://b.example.com'],
      }),
    });
  });
});

describe('assets', () => {
  /** All the JavaScript of one function's asset: the entry and the chunks its dynamic imports load. */
  const codeOf = (assetDir: string) =>
    bundleFiles(assetDir)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');

  interface AssetManifest {
    files: Record<string, { source: { path: string; packaging?: string } }>;
    dockerImages: Record<string, unknown>;
  }

  it('publishes one bundled zip per Lambda function and nothing else but the template', () => {
    // Prepare
    const { app, template } = deployed();
    const assembly = app.synth();
    const manifest = JSON.parse(
      readFileSync(join(assembly.directory, 'Followup.assets.json'), 'utf8'),
    ) as AssetManifest;
    const codeKeys = resources(template, 'AWS::Lambda::Function').map(
      ([, fn]) => (fn.Properties.Code as { S3Key: string }).S3Key,
    );

    // Act
    const zips = Object.entries(manifest.files).filter(([, file]) => file.source.packaging === 'zip');
    const others = Object.values(manifest.files).filter((file) => file.source.packaging !== 'zip');

    // Assess
    expect(manifest.dockerImages).toEqual({});
    expect(zips.map(([hash]) => `${hash}.zip`).sort()).toEqual([...codeKeys].sort());
    expect(others.map((file) => file.source.path)).toEqual(['Followup.template.json']);
    for (const [, zip] of zips) {
      const bundle = join(assembly.directory, zip.source.path, 'index.mjs');
      expect(existsSync(bundle)).toBe(true);
      expect(existsSync(`${bundle}.map`)).toBe(true);
    }
  });

  it('bundles the OpenAPI document into its own function and into no other', () => {
    // Prepare
    const { app, template } = deployed();
    const assembly = app.synth();
    const bundleOf = (fnId: string) => {
      const fn = template.findResources('AWS::Lambda::Function')[fnId];
      const hash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
      return codeOf(join(assembly.directory, `asset.${hash}`));
    };
    // The document's title: only local/openapi.ts writes it, and no Lambda's modules import that.
    const documentTitle = 'Follow-up engine API';
    const documentId = functionId(template, 'HTTP API: OpenAPI document');

    // Act
    const others = resources(template, 'AWS::Lambda::Function')
      .map(([id]) => id)
      .filter((id) => id !== documentId)
      .filter((id) => bundleOf(id).includes(documentTitle));

    // Assess
    expect(bundleOf(documentId)).toContain(documentTitle);
    expect(others).toEqual([]);
  });

  it('leaves the AWS SDK out of the API bundles for the runtime to provide', () => {
    // Prepare
    const { app, template } = deployed();
    const assembly = app.synth();
    const fn = template.findResources('AWS::Lambda::Function')[functionId(template, 'HTTP API: sequences')];
    const hash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');

    // Act
    const bundle = codeOf(join(assembly.directory, `asset.${hash}`));

    // Assess
    // A minified name may hold `$` (e.g. t$e), which \w does not match.
    expect(bundle).toMatch(
      /import\s*\{\s*DynamoDBClient as [\w$]+\s*\}\s*from\s*"@aws-sdk\/client-dynamodb"/,
    );
  });
});
