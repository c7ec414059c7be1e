/** The single DynamoDB table every entity lives in, with the keys the local stack also creates. */
import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../lambdas/data/table-schema';

export interface DataStoreProps {
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
}

export class DataStore extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);
    const { partitionKey, sortKey, gsi1, gsi2, ttlAttribute } = TABLE_KEYS;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: [
        {
          indexName: gsi1.name,
          partitionKey: { name: gsi1.partitionKey, type: AttributeType.STRING },
          sortKey: { name: gsi1.sortKey, type: AttributeType.STRING },
        },
        {
          indexName: gsi2.name,
          partitionKey: { name: gsi2.partitionKey, type: AttributeType.STRING },
          sortKey: { name: gsi2.sortKey, type: AttributeType.STRING },
          projectionType: ProjectionType.KEYS_ONLY,
        },
      ],
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ttlAttribute,
      removalPolicy: props.removalPolicy,
      deletionProtection: props.deletionProtection,
    });
  }
}
