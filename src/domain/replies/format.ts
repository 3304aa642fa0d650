/**
 * Number formats of every user-facing text (replies, notifications, rule descriptions): money in
 * major units with the currency's minor digits, percentages from fractions. Pure; no language
 * branches (the same digits in Chinese and English).
 */
import { currencyExponent, roundMajor } from '../ads/money.js';

/** One formatter per digit count, made once (an Intl.NumberFormat costs tens of µs to create). */
const FIXED = new Map<number, Intl.NumberFormat>();
const number = (x: number, digits: number) => {
  let f = FIXED.get(digits);
  if (!f) FIXED.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(x);
};
const UP_TO_ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Money for display: (1234.5, "USD") → "1,234.50 USD" (major units; the currency's minor digits, rounded only here). */
export function formatMoney(amount: number, currency: string): string {
  return `${number(roundMajor(amount, currency), currencyExponent(currency))} ${currency}`;
}

/** A fraction as a percentage: 0.0123 → "1.23%", 0.256 → "25.6%" (1 decimal, 2 below 1 %). */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  return `${number(pct, Math.abs(pct) < 1 && pct !== 0 ? 2 : 1)}%`;
}

/** A change already in percent, signed: 25 → "+25.0%", −60 → "-60.0%". */
export function formatChangePct(pct: number): string {
  return `${pct > 0 ? '+' : ''}${number(pct, 1)}%`;
}

/** An unsigned size of a change already in percent: −18.94 → "18.9%" (the verb gives the direction). */
export function formatMagnitude(pct: number): string {
  return `${number(Math.abs(pct), 1)}%`;
}

/** A number with fixed digits and thousands separators: (1234.5, 1) → "1,234.5". */
export function formatNumber(x: number, digits: number): string {
  return number(x, digits);
}

/** A count with up to 1 decimal and thousands separators: 12345 → "12,345", 2.5 → "2.5". */
export function formatCount(x: number): string {
  return UP_TO_ONE_DECIMAL.format(x);
}

/** A ratio (ROAS, an index) with 2 decimals: 2.345 → "2.35". */
export function formatRatio(x: number): string {
  return number(x, 2);
}

/**
 * An amount with 2 decimals and no separators, then the currency: (1234.5, "USD") → "1234.50 USD".
 * The plain form of status lines and change lists (their figures read back with toFixed(2)).
 */
export function formatAmount(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}
