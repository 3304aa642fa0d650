/**
 * The mapping of Web Platform failures to AppError codes (src/integrations/mcp/errors.ts; seed 000 需求 12.1).
 */
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode as JsonRpcCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { fromHttpStatus, fromThrown, fromToolErrorBody, fromToolErrorText } from '../../src/integrations/mcp/errors.js';

describe('fromToolErrorBody', () => {
  it.each(['6011', '1009', '1004', '1001', '5000', '1002'])('passes code %s through with message and details', (code) => {
    const err = fromToolErrorBody({ code, message: 'platform says', details: { balance: 3, required: 5 } }, 'deduct_credit');
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe(code);
    expect(err.message).toBe('platform says');
    expect(err.details).toEqual({ balance: 3, required: 5 });
  });

  it('accepts numeric codes', () => {
    expect(fromToolErrorBody({ code: 6011, message: 'short' }, 't').code).toBe('6011');
  });

  it('keeps 3001 and 3002 and names the tool', () => {
    expect(fromToolErrorBody({ code: '3001', message: 'no' }, 'x')).toMatchObject({ code: '3001', details: { tool: 'x' } });
    expect(fromToolErrorBody({ code: '3002', details: { issues: [] } }, 'x')).toMatchObject({
      code: '3002',
      details: { tool: 'x', issues: [] },
    });
  });

  it('maps unknown codes, the platform internal error and malformed bodies to 3003', () => {
    expect(fromToolErrorBody({ code: '9999', message: 'odd' }, 't')).toMatchObject({ code: '3003', details: { platform_code: '9999' } });
    expect(fromToolErrorBody({ code: '1000' }, 't').code).toBe('3003');
    expect(fromToolErrorBody('nonsense', 't').code).toBe('3003');
    expect(fromToolErrorBody(undefined, 't').code).toBe('3003');
  });
});

describe('fromToolErrorText', () => {
  it('reads our JSON error body', () => {
    expect(fromToolErrorText(JSON.stringify({ code: '5000', message: 'gone', details: { creative_id: 'cr_1' } }), 't')).toMatchObject({
      code: '5000',
      details: { creative_id: 'cr_1' },
    });
  });

  it('recognises the MCP SDK messages for unknown tools and invalid arguments', () => {
    expect(fromToolErrorText('MCP error -32602: Tool nope not found', 'nope').code).toBe('3001');
    expect(
      fromToolErrorText('MCP error -32602: Input validation error: Invalid arguments for tool x: expected string', 'x').code,
    ).toBe('3002');
    expect(fromToolErrorText('something broke', 'x')).toMatchObject({ code: '3003', message: 'something broke' });
  });
});

describe('fromHttpStatus', () => {
  it.each([
    [401, '1002'],
    [403, '1002'],
    [429, '1003'],
    [500, '3000'],
    [502, '3000'],
    [503, '3000'],
    [400, '3002'],
    [404, '3003'],
  ])('maps HTTP %i to %s', (status, code) => {
    expect(fromHttpStatus(status, 't').code).toBe(code);
  });

  it('marks connection failures retryable and auth failures not', () => {
    expect(fromHttpStatus(503, 't').retryable).toBe(true);
    expect(fromHttpStatus(401, 't').retryable).toBe(false);
  });
});

describe('fromThrown', () => {
  it('passes AppErrors through', () => {
    const original = new AppError('6011');
    expect(fromThrown(original, 't')).toBe(original);
  });

  it('maps timeouts to 3004 (retryable)', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(fromThrown(timeout, 't')).toMatchObject({ code: '3004', retryable: true });
    expect(fromThrown(new McpError(JsonRpcCode.RequestTimeout, 'Request timed out'), 't').code).toBe('3004');
  });

  it('maps network failures to 3000 (retryable)', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const err = fromThrown(refused, 't');
    expect(err).toMatchObject({ code: '3000', retryable: true });
    expect(err.details.cause).toContain('ECONNREFUSED');
    expect(fromThrown(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 't').code).toBe('3000');
    expect(fromThrown(new McpError(JsonRpcCode.ConnectionClosed, 'Connection closed'), 't').code).toBe('3000');
  });

  it('maps SDK HTTP errors by status', () => {
    expect(fromThrown(new StreamableHTTPError(401, 'Unauthorized'), 't').code).toBe('1002');
    expect(fromThrown(new StreamableHTTPError(502, 'Bad gateway'), 't').code).toBe('3000');
    expect(fromThrown(new StreamableHTTPError(undefined, 'stream failed'), 't').code).toBe('3000');
    expect(fromThrown(new StreamableHTTPError(-1, 'Unexpected content type: text/html'), 't').code).toBe('3003');
  });

  it('maps JSON-RPC errors for unknown tools and bad params', () => {
    expect(fromThrown(new McpError(JsonRpcCode.MethodNotFound, 'Method not found'), 't').code).toBe('3001');
    expect(fromThrown(new McpError(JsonRpcCode.InvalidParams, 'Tool x not found'), 't').code).toBe('3001');
    expect(fromThrown(new McpError(JsonRpcCode.InvalidParams, 'Invalid params'), 't').code).toBe('3002');
    expect(fromThrown(new McpError(JsonRpcCode.InternalError, 'boom'), 't').code).toBe('3003');
  });

  it('maps anything else to 3003', () => {
    expect(fromThrown(new SyntaxError('Unexpected token'), 't').code).toBe('3003');
    expect(fromThrown('a string', 't').code).toBe('3003');
  });
});
