/**
 * Google Ads REST error answers for the sandbox facade: a google.rpc.Status with the canonical
 * HTTP code and status, whose details hold a GoogleAdsFailure
 * (https://developers.google.com/google-ads/api/reference/rpc/v26/GoogleAdsFailure):
 * `{error: {code, message, status, details: [{"@type": "type.googleapis.com/google.ads.googleads.<v>.errors.GoogleAdsFailure", errors: [{errorCode: {<kind>: <VALUE>}, message, location, details}], requestId}]}}`.
 * JSON-level problems (bad JSON, unknown fields) answer without a GoogleAdsFailure, as Google's
 * front end does.
 */

/** The canonical status string of each HTTP code the facade answers with. */
export const CANONICAL_STATUS = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
} as const;

/** HTTP codes the facade answers errors with. */
export type ErrorHttpCode = keyof typeof CANONICAL_STATUS;

/** A field path element of an error location: `operations[0].create.amount_micros`. */
export interface FieldPathElement {
  fieldName: string;
  index?: number;
}

/** One GoogleAdsError (REST JSON). */
export interface GoogleAdsErrorEntry {
  errorCode: Record<string, string>;
  message: string;
  location?: { fieldPathElements: FieldPathElement[] };
  details?: Record<string, unknown>;
}

/** A failed call: thrown by handlers, turned into the JSON answer by the routes. */
export class GoogleAdsFault extends Error {
  constructor(
    readonly http: ErrorHttpCode,
    readonly errors: GoogleAdsErrorEntry[],
    message?: string,
  ) {
    super(message ?? errors[0]?.message ?? CANONICAL_STATUS[http]);
  }
}

/** A plain google.rpc.Status failure without GoogleAdsFailure (JSON parsing, unknown routes). */
export class PlainFault extends Error {
  constructor(
    readonly http: ErrorHttpCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A location from a dotted path: "operations[0].create.amount_micros" →
 * [{fieldName: 'operations', index: 0}, {fieldName: 'create'}, {fieldName: 'amount_micros'}].
 */
export function location(path: string): { fieldPathElements: FieldPathElement[] } {
  return {
    fieldPathElements: path.split('.').map((part) => {
      const m = /^(.+)\[(\d+)\]$/.exec(part);
      return m ? { fieldName: m[1]!, index: Number(m[2]) } : { fieldName: part };
    }),
  };
}

/** A 400 INVALID_ARGUMENT fault with one error. */
export function invalidArgument(kind: string, value: string, message: string, path?: string, details?: Record<string, unknown>): GoogleAdsFault {
  return new GoogleAdsFault(400, [{ errorCode: { [kind]: value }, message, ...(path ? { location: location(path) } : {}), ...(details ? { details } : {}) }]);
}

/** The GoogleAdsFailure detail of a version ("v26"). */
export function failureDetail(version: string, errors: GoogleAdsErrorEntry[], requestId: string): Record<string, unknown> {
  return { '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`, errors, requestId };
}

/** The JSON body of a GoogleAdsFault. */
export function faultBody(version: string, fault: GoogleAdsFault, requestId: string): Record<string, unknown> {
  return { error: { code: fault.http, message: fault.message, status: CANONICAL_STATUS[fault.http], details: [failureDetail(version, fault.errors, requestId)] } };
}

/** The JSON body of a PlainFault. */
export function plainBody(fault: PlainFault): Record<string, unknown> {
  return { error: { code: fault.http, message: fault.message, status: CANONICAL_STATUS[fault.http] } };
}
