import { useRef } from 'react';

/**
 * `value`, or while it is undefined (a reload running or failed) the last
 * one that was defined: what a view keeps showing, the error above it,
 * rather than replacing it. @internal
 */
export function useLastLoaded<T>(value: T | undefined): T | undefined {
  const last = useRef(value);
  if (value !== undefined) last.current = value;
  return value ?? last.current;
}
