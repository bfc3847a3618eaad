/**
 * The BigInt constants the exact arithmetic uses, made with BigInt() rather
 * than written as literals (0n, 10n): a literal is ES2020 syntax, which the
 * task pane's bundle (ES2017, for older Office webviews) may not contain.
 */
export const B0 = BigInt(0);
export const B1 = BigInt(1);
export const B2 = BigInt(2);
export const B10 = BigInt(10);
export const B100 = BigInt(100);
