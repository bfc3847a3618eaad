import { useSyncExternalStore } from 'react';
import type { PaneController, PaneState } from '../controller';

/** The controller's state as React state. */
export function usePaneState(c: PaneController): PaneState {
  return useSyncExternalStore(
    (cb) => c.subscribe(cb),
    () => c.current,
  );
}
