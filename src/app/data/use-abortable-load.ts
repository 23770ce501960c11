import { useCallback, useEffect, useState } from 'react';
import { AbortedError } from '../../zendesk/clock';
import { describeProblem, type Problem } from './app-errors';

/** Changes the value on screen; ignored once the load that was handed it has been replaced. */
export type Update<T> = (change: (previous: T) => T) => void;

/**
 * One load: reads, and puts what it read on screen through `update` (as often as it likes, for
 * partial results). It resolves when done; a throw becomes the problem shown. Memoise it: a new
 * function starts a new load.
 */
export type Load<T> = (signal: AbortSignal, update: Update<T>) => Promise<void>;

export interface AbortableLoad<T> {
  value: T;
  loading: boolean;
  problem: Problem | null;
  /** Loads again (Try again, a refresh, a change Zendesk told of), replacing any load under way. */
  retry: () => void;
}

/**
 * The pattern every data hook of the app shares: a load per `load` and per retry, the one before
 * aborted, and nothing from an aborted load reaching the screen, neither its data nor its error.
 * A `load` of null loads nothing (there is nothing to read yet).
 */
export function useAbortableLoad<T>(initial: T | (() => T), load: Load<T> | null): AbortableLoad<T> {
  const [value, setValue] = useState(initial);
  const [status, setStatus] = useState<{ loading: boolean; problem: Problem | null }>({
    loading: load !== null,
    problem: null,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!load) return;
    const controller = new AbortController();
    const live = () => !controller.signal.aborted;
    setStatus({ loading: true, problem: null });
    load(controller.signal, (change) => {
      if (live()) setValue(change);
    }).then(
      () => {
        if (live()) setStatus({ loading: false, problem: null });
      },
      (error: unknown) => {
        if (live() && !(error instanceof AbortedError)) setStatus({ loading: false, problem: describeProblem(error) });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);
  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  return { value, ...status, retry };
}
