/**
 * The OpenAPI 3.1 document of the HTTP API (served at GET /openapi.json), built from the same zod
 * schemas the routes validate with (zod's JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses).
 * A test checks that every route of the app is documented.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../domain/errors.js';
import { AUTOMATION_ACTIONS } from './automation/actions.js';
import { ChatRequest, ConfirmationRequest, ExecuteRequest, IntentRequest, UserBody } from './schemas.js';

type Schema = Record<string, unknown>;

const json = (schema: z.ZodType): Schema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (schema: Schema, description?: string) => ({
  required: true,
  content: { 'application/json': { schema } },
  ...(description ? { description } : {}),
});
const ok = (description: string, schema: Schema = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '400': { $ref: '#/components/responses/Error' },
  '401': { $ref: '#/components/responses/Error' },
  '404': { $ref: '#/components/responses/Error' },
  '409': { $ref: '#/components/responses/Error' },
  '429': { $ref: '#/components/responses/Error' },
  '503': { $ref: '#/components/responses/Error' },
};
/** `Idempotency-Key` on the routes that start operations: a repeat with the same key and body answers the first operation; another body is 409. */
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'a repeat with the same key and body answers the first operation (nothing runs or is charged twice); the same key with another body is 409',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const param = (name: string, where: 'path' | 'query', required = where === 'path', description?: string) => ({
  name,
  in: where,
  required,
  schema: { type: 'string' },
  ...(description ? { description } : {}),
});

/** One documented operation. */
function op(summary: string, extra: Record<string, unknown> = {}) {
  return { summary, responses: { ...errors, ...((extra.responses as object) ?? { '200': ok('OK') }) }, ...extra, security: [{ bearer: [] }] };
}

/** A module action's parameters as the REST routes take them: the action's schema plus user_id and language. */
function actionBody(action: string): Schema {
  return { allOf: [ref('UserBody'), ref(`Action_${action}`)] };
}

const started = ok('Started: the operation id and its status URL', {
  type: 'object',
  properties: { status: { const: 'started' }, operation_id: { type: 'string' }, status_url: { type: 'string' } },
});

/** Builds the document. */
export function openApiDocument(): Schema {
  const actionSchemas = Object.fromEntries(Object.entries(AUTOMATION_ACTIONS).map(([name, a]) => [`Action_${name}`, json(a.parameters)]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ad orchestrator API',
      version: '1',
      description:
        'Chat turns and campaign operations as Temporal workflows. Errors are {error: {code, type, message, details}} with the codes of the error table; messages follow Accept-Language (zh or en).',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'SERVICE_TOKEN' } },
      schemas: {
        ChatRequest: json(ChatRequest),
        ConfirmationRequest: json(ConfirmationRequest),
        IntentRequest: json(IntentRequest),
        ExecuteRequest: json(ExecuteRequest),
        UserBody: json(UserBody),
        ...actionSchemas,
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                code: { enum: Object.keys(ERROR_CODES) },
                type: { type: 'string' },
                message: { type: 'string' },
                details: { type: 'object' },
              },
              required: ['code', 'type', 'message', 'details'],
            },
          },
        },
      },
      responses: { Error: { description: 'A coded error', content: { 'application/json': { schema: ref('Error') } } } },
    },
    paths: {
      '/health': { get: { summary: 'Dependency status (no token)', responses: { '200': ok('Healthy'), '503': ok('Degraded') } } },
      '/ready': { get: { summary: 'Readiness (no token)', responses: { '200': ok('Ready'), '503': ok('Not ready') } } },
      '/openapi.json': { get: { summary: 'This document (no token)', responses: { '200': ok('OpenAPI 3.1') } } },
      '/api/v1/chat': {
        post: op('Starts a chat turn; answers with its events as SSE', {
          requestBody: body(ref('ChatRequest')),
          responses: { '200': { description: 'text/event-stream of turn events (turn_started, intent, tool_start, tool_complete, confirmation_required, confirmation_resolved, token, error, done)' } },
        }),
      },
      '/api/v1/chat/turns/{turnId}/events': {
        get: op('Resumes a turn\'s event stream after Last-Event-ID', {
          parameters: [param('turnId', 'path'), param('user_id', 'query', true, "the turn's user (another user's turn answers 404)")],
          responses: { '200': { description: 'text/event-stream' } },
        }),
      },
      '/api/v1/chat/turns/{turnId}': {
        get: op("A turn's state", { parameters: [param('turnId', 'path'), param('user_id', 'query', true, "the turn's user (another user's turn answers 404)")] }),
      },
      '/api/v1/chat/turns/{turnId}/confirmation': {
        post: op("Answers a turn's confirmation", { parameters: [param('turnId', 'path')], requestBody: body(ref('ConfirmationRequest')) }),
      },
      '/api/v1/intent': { post: op('The plan for a message, without side effects', { requestBody: body(ref('IntentRequest')) }) },
      '/api/v1/modules/campaign-automation/execute': {
        post: op(`Runs a campaign automation action: ${Object.keys(AUTOMATION_ACTIONS).join(', ')} (parameters: components Action_<name>)`, {
          parameters: [IDEMPOTENCY_KEY],
          requestBody: body(ref('ExecuteRequest')),
          responses: { '200': ok('Done: the result'), '202': started },
        }),
      },
      '/api/v1/operations/{id}': { get: op("An operation's state, result or error", { parameters: [param('id', 'path'), param('user_id', 'query', true, "the operation's user (another user's operation answers 404)")] }) },
      '/api/v1/operations/{id}/confirmation': {
        post: op("Answers an operation's pending confirmation", { parameters: [param('id', 'path')], requestBody: body(ref('ConfirmationRequest')) }),
      },
      '/api/v1/campaigns': { post: op('Creates a campaign (create_campaign)', { parameters: [IDEMPOTENCY_KEY], requestBody: body(actionBody('create_campaign')), responses: { '202': started } }) },
      '/api/v1/campaigns/{id}/optimize': {
        post: op("Optimises a campaign's ad set budgets (optimize_budget)", { parameters: [param('id', 'path'), IDEMPOTENCY_KEY], requestBody: body(actionBody('optimize_budget')), responses: { '202': started } }),
      },
      '/api/v1/campaigns/{id}/manage': {
        post: op('Pauses, starts, deletes or re-budgets a campaign (manage_campaign)', { parameters: [param('id', 'path'), IDEMPOTENCY_KEY], requestBody: body(actionBody('manage_campaign')), responses: { '202': started } }),
      },
      '/api/v1/campaigns/{id}/status': {
        get: op('Campaign, ad sets and ads with status and metrics (get_campaign_status)', {
          parameters: [param('id', 'path'), param('user_id', 'query', true), param('platform', 'query', true), param('days', 'query'), param('refresh', 'query')],
        }),
      },
      '/api/v1/ab-tests': { post: op('Creates an A/B test (create_ab_test)', { parameters: [IDEMPOTENCY_KEY], requestBody: body(actionBody('create_ab_test')), responses: { '202': started } }) },
      '/api/v1/ab-tests/{id}/analyze': {
        post: op('Analyses an A/B test now, optionally concluding it (analyze_ab_test)', { parameters: [param('id', 'path')], requestBody: body(actionBody('analyze_ab_test')) }),
      },
      '/api/v1/rules': {
        post: op('Creates a rule as a Temporal Schedule (create_rule)', { requestBody: body(actionBody('create_rule')) }),
        get: op("The user's rules", { parameters: [param('user_id', 'query', true)] }),
      },
      '/api/v1/rules/{id}': {
        get: op('A rule', { parameters: [param('id', 'path'), param('user_id', 'query', true)] }),
        put: op('Replaces a rule', { parameters: [param('id', 'path')], requestBody: body(ref('UserBody')) }),
        delete: op('Deletes a rule', { parameters: [param('id', 'path'), param('user_id', 'query', true)] }),
      },
      '/api/v1/rules/{id}/pause': { post: op('Pauses a rule', { parameters: [param('id', 'path')], requestBody: body(ref('UserBody')) }) },
      '/api/v1/rules/{id}/resume': { post: op('Resumes a rule', { parameters: [param('id', 'path')], requestBody: body(ref('UserBody')) }) },
      '/api/v1/rules/{id}/trigger': { post: op("Runs a rule's check now", { parameters: [param('id', 'path')], requestBody: body(ref('UserBody')) }) },
      '/api/v1/rules/{id}/log': {
        get: op("A rule's execution log, newest first", { parameters: [param('id', 'path'), param('user_id', 'query', true), param('limit', 'query')] }),
      },
    },
  };
}
