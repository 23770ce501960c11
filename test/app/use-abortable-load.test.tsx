// @vitest-environment jsdom
import './support/jsdom-setup';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAbortableLoad, type Load } from '../../src/app/data/use-abortable-load';
import { ZendeskApiError } from '../../src/zendesk/api-errors';
import { AbortedError } from '../../src/zendesk/clock';
import { isolateEachTest } from './support/isolate-tests';

isolateEachTest();

/** A load the test finishes by hand, remembering the signal it was given. */
function controlled() {
  const runs: {
    signal: AbortSignal;
    update: Parameters<Load<string>>[1];
    finish: () => void;
    fail: (e: unknown) => void;
  }[] = [];
  const load: Load<string> = (signal, update) =>
    new Promise<void>((resolve, reject) => runs.push({ signal, update, finish: resolve, fail: reject }));
  return { runs, load };
}

describe('useAbortableLoad: the loading pattern every data hook shares', () => {
  it('shows what the load puts on screen, and is loading until it resolves', async () => {
    const { runs, load } = controlled();
    const { result } = renderHook(() => useAbortableLoad('nothing', load));
    expect(result.current).toMatchObject({ value: 'nothing', loading: true, problem: null });
    act(() => runs[0]!.update(() => 'partial'));
    expect(result.current).toMatchObject({ value: 'partial', loading: true });
    await act(async () => runs[0]!.finish());
    expect(result.current).toMatchObject({ value: 'partial', loading: false, problem: null });
  });

  it('turns a failure into a problem and keeps the value; retry loads again', async () => {
    const { runs, load } = controlled();
    const { result } = renderHook(() => useAbortableLoad('cached', load));
    await act(async () => runs[0]!.fail(new ZendeskApiError('Forbidden', 403, '/api/v2/search/export.json')));
    expect(result.current).toMatchObject({ value: 'cached', loading: false, problem: { kind: 'permission' } });
    act(() => result.current.retry());
    expect(runs).toHaveLength(2);
    expect(result.current).toMatchObject({ loading: true, problem: null });
  });

  it('keeps a replaced load off the screen: its updates, its end and its error are dropped', async () => {
    const { runs, load } = controlled();
    const { result } = renderHook(() => useAbortableLoad('start', load));
    act(() => result.current.retry());
    expect(runs[0]!.signal.aborted).toBe(true);
    act(() => runs[0]!.update(() => 'stale'));
    await act(async () => runs[0]!.fail(new Error('late failure')));
    expect(result.current).toMatchObject({ value: 'start', loading: true, problem: null });
    await act(async () => runs[1]!.finish());
    expect(result.current.loading).toBe(false);
  });

  it('shows no problem for an abort, and loads nothing for a null load', async () => {
    const { runs, load } = controlled();
    const { result, rerender } = renderHook(({ given }) => useAbortableLoad('x', given), {
      initialProps: { given: load as Load<string> | null },
    });
    await act(async () => runs[0]!.fail(new AbortedError()));
    expect(result.current.problem).toBeNull();
    rerender({ given: null });
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0]!.signal.aborted).toBe(true);
  });
});
