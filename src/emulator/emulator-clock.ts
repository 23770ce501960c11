/**
 * Zendesk time in the emulator: it starts at the seeded `now` and runs `scale` times faster than
 * the wall clock, so limits of "10 a minute" can be exercised in seconds while every timestamp the
 * API reports stays in Zendesk time. Tests can also move it by hand.
 */
export class EmulatorClock {
  private readonly startedAt: number;
  private offset = 0;

  constructor(
    private readonly zendeskStart: number,
    readonly scale = 1,
    private readonly wallNow: () => number = Date.now,
  ) {
    this.startedAt = wallNow();
  }

  now(): number {
    return this.zendeskStart + (this.wallNow() - this.startedAt) * this.scale + this.offset;
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  /** Zendesk milliseconds as wall-clock milliseconds, for waiting out a delay in real time. */
  toWallMs(zendeskMs: number): number {
    return zendeskMs / this.scale;
  }
}
