/**
 * Money on the wire (seed 001 property 14: normalisation of units). Inside the system money is in
 * MAJOR units of the account currency (a number, 80.5 = 80.50 USD). Meta sends budgets as
 * minor-unit strings ("8050"), TikTok as major-unit numbers, Google as micros strings ("80500000").
 */

/** Exponents already read from ICU: creating an Intl.NumberFormat costs tens of µs, and reports ask per row. */
const EXPONENTS = new Map<string, number>();

/** Minor-unit digits of a currency (USD 2, JPY 0, KWD 3), from ICU's currency data. */
export function currencyExponent(currency: string): number {
  let exponent = EXPONENTS.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    EXPONENTS.set(currency, exponent);
  }
  return exponent;
}

/** Rounds a major-unit amount to the currency's precision. */
export function roundMajor(amount: number, currency: string): number {
  const f = 10 ** currencyExponent(currency);
  return Math.round(amount * f) / f;
}

/** Major units → Meta's minor-unit integer string (80.5 USD → "8050"). */
export function toMinorString(amount: number, currency: string): string {
  return String(Math.round(amount * 10 ** currencyExponent(currency)));
}

/** Minor-unit string or number → major units ("8050" USD → 80.5). */
export function fromMinor(minor: string | number, currency: string): number {
  return Number(minor) / 10 ** currencyExponent(currency);
}

/** Major units → Google's micros as an int64 JSON string (80.5 → "80500000"). */
export function toMicrosString(amount: number): string {
  return String(Math.round(amount * 1_000_000));
}

/** Micros string or number → major units ("80500000" → 80.5). */
export function fromMicros(micros: string | number): number {
  return Number(micros) / 1_000_000;
}
