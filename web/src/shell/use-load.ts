// Loads data for a page: the value, the error (an ApiError with the server's message) and a reload.
// While new data loads, the previous value stays on screen (marked busy), so lists do not flicker.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [round, setRound] = useState(0);
  const key = JSON.stringify([...deps, round]);
  const [state, setState] = useState<{ key?: string; data?: T; error?: ApiError }>({});
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data }),
      (error: unknown) => live && setState((s) => ({ key, data: s.data, error: error instanceof ApiError ? error : new ApiError(0, 'UNEXPECTED', String(error)) })),
    );
    return () => {
      live = false;
    };
    // `key` stands for the dependencies given by the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const loading = state.key !== key;
  return { data: state.data, error: loading ? undefined : state.error, loading, reload };
}
