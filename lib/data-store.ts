/** The single DynamoDB table every entity lives in, with the keys the local stack also creates. */
import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { indexProjection, SECONDARY_INDEXES, TABLE_KEYS } from '../lambdas/data/table-schema';

export interface DataStoreProps {
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
}

export class DataStore extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);
    const { partitionKey, sortKey, ttlAttribute } = TABLE_KEYS;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      // The same indexes, projections included, as local/dynamodb-local.ts creates (table-schema.ts).
      globalSecondaryIndexes: SECONDARY_INDEXES.map((index) => {
        const keys = TABLE_KEYS[index];
        const projection = indexProjection(index);
        return {
          indexName: keys.name,
          partitionKey: { name: keys.partitionKey, type: AttributeType.STRING },
          sortKey: { name: keys.sortKey, type: AttributeType.STRING },
          projectionType: ProjectionType[projection.ProjectionType],
          ...('NonKeyAttributes' in projection && { nonKeyAttributes: projection.NonKeyAttributes }),
        };
      }),
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ttlAttribute,
      removalPolicy: props.removalPolicy,
      deletionProtection: props.deletionProtection,
    });
  }
}
