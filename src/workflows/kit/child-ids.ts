/** Workflow ids of operations a chat turn starts as children. */
import { workflowInfo } from '@temporalio/workflow';
import { OPERATION_PREFIX } from '../../domain/campaign-ops/operation-inputs.js';

/**
 * An operation child's workflow id: `op-<operation>-<turn workflow id>-step-<n>`, so
 * `GET /api/v1/operations/{id}` answers for it and a retried step starts the same child.
 * @param operationId the step's credit operation id (`<workflowId>:step-<n>`)
 */
export const operationChildId = (operation: string, operationId: string): string =>
  `${OPERATION_PREFIX}${operation}-${workflowInfo().workflowId}-${operationId.split(':').pop()}`;
