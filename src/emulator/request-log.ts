/**
 * What the emulator answered, for tests and tools that count what a client cost
 * (`RunningEmulator.requestLog`, `GET /__emulator/requests`). Bounded, because `npm start` runs for
 * days: it keeps the latest REQUEST_LOG_CAPACITY requests. Past that it drops the oldest tenth at
 * once, so a push stays cheap (no shift of 10,000 entries per request). It stays an Array, as the
 * tests read it with filter, some, slice and length.
 */

export interface RequestLogEntry {
  path: string;
  status: number;
  userId: number | null;
  /** Zendesk time of the request, epoch ms. */
  at: number;
}

export const REQUEST_LOG_CAPACITY = 10_000;

export class RequestLog extends Array<RequestLogEntry> {
  // filter, slice and map make plain arrays, not more bounded logs.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  // Private, so the log still equals a plain array of its entries.
  readonly #capacity: number;

  constructor(capacity = REQUEST_LOG_CAPACITY) {
    super();
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`request log capacity must be a whole number of at least 1, not ${capacity}`);
    this.#capacity = capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  override push(...entries: RequestLogEntry[]): number {
    super.push(...entries);
    if (this.length > this.capacity) this.splice(0, this.length - this.capacity + Math.floor(this.capacity / 10));
    return this.length;
  }

  clear(): void {
    this.length = 0;
  }
}
