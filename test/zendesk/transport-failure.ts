import { expect } from 'vitest';
import { TransportError } from '../../src/zendesk/transport';

/** The TransportError a request fails with; fails the test if it resolves or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError);
    return error as TransportError;
  }
  throw new Error('expected a TransportError');
}
