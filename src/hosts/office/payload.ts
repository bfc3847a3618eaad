/// <reference types="office-js" />
/**
 * Keeping each context.sync() under Excel on the web's payload limit.
 *
 * Microsoft documents: "Excel on the web has a payload size limit for requests
 * and responses of 5MB" (a RichApi.Error past it, code
 * RequestPayloadSizeLimitExceeded or ResponsePayloadSizeLimitExceeded), and
 * "a range is limited to 5,000,000 cells for read operations"; what makes up
 * the payload is "the number of API calls, the number of objects, such as
 * Range objects, and the length of the value to set or get". Its advice:
 * "check the data before calling context.sync(); split the operation into
 * smaller pieces; call context.sync() for each sub-operation", and "if you hit
 * a limit error, retry with a smaller block size".
 *
 * So every batch here estimates what it queues, generously, and syncs before
 * the estimate passes SYNC_BUDGET, a fraction of the limit that leaves room
 * for an estimate that is short by a factor of two. A workbook of the usual
 * size fits one sync per step; only a very large one takes more.
 */

/** Estimated bytes one sync may carry (request or response): 2 MB of Excel on the web's 5 MB. */
export const SYNC_BUDGET = 2_000_000;

/** A command in the request, with its object path (Office.js sends both as JSON objects of about 100 bytes each). */
export const COMMAND_BYTES = 250;

/**
 * One cell of a values/text/numberFormat/formulas read: four JSON values, a
 * number or a short text each ("1,234.56", "#,##0.00", "General"). A sheet
 * of long texts goes over this; contents reads then retry in smaller blocks.
 */
export const CONTENT_BYTES_PER_CELL = 80;

/** One cell of getCellProperties({ format: { fill } }): about 120 bytes of JSON, rounded up. */
export const FILL_BYTES_PER_CELL = 160;

/** UTF-8 bytes of a value's JSON (Chinese text is 3 bytes a character). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v);
  if (s === undefined) return 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** Whether an Office error is Excel refusing a request or response as too large. */
export function isPayloadError(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/**
 * Queues work in one batch and syncs whenever the next piece would take the
 * estimate past the budget. Values loaded by a sync stay readable on their
 * proxies, so a reader collects them after the last flush().
 */
export class SyncBudget {
  private used = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number = SYNC_BUDGET,
  ) {}

  /** Call before queueing `bytes` of work: syncs first when it would not fit with what is queued. */
  async spend(bytes: number): Promise<void> {
    if (this.used > 0 && this.used + bytes > this.budget) await this.flush();
    this.used += bytes;
  }

  /** Syncs what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    this.used = 0;
    await this.context.sync();
  }

  /** Whether anything is queued and not yet synced. */
  get pending(): boolean {
    return this.used > 0;
  }
}
