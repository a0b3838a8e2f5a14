import { MAX_WAIT_MS, MIN_WAIT_MS, parseDuration } from './duration';
import { childPath, previewValue, type Problem } from './problem';
import type { WaitData } from './schema';

/** A wait's duration (`path` is the node's `data`): ISO 8601, from 1 second to 365 days. */
export function checkWait(data: WaitData, path: string): Problem[] {
  const at = childPath(path, 'duration');
  const ms = parseDuration(data.duration);
  if (ms === null) {
    return [
      {
        code: 'invalid_duration',
        path: at,
        message: `${previewValue(data.duration)} is not an ISO 8601 duration such as "PT2H", "P1D" or "P1DT12H"`,
      },
    ];
  }
  if (ms < MIN_WAIT_MS)
    return [
      {
        code: 'duration_out_of_range',
        path: at,
        message: `must be at least 1 second, and ${data.duration} is shorter`,
      },
    ];
  if (ms > MAX_WAIT_MS)
    return [
      {
        code: 'duration_out_of_range',
        path: at,
        message: `must be at most 365 days, and ${data.duration} is longer`,
      },
    ];
  return [];
}
