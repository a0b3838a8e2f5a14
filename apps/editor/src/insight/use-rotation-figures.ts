import { useMemo } from 'react';
import { useManagers, useRotationInsight } from '../api/queries';
import { rotationFigures, valueNamer } from './rotation-figures';

/**
 * A saved rotation's figures with its values named (managers by name), for the node on the canvas
 * and its settings alike: one query key, so one request serves both.
 */
export function useRotationFigures({
  workflowId,
  nodeId,
  field,
  expected,
}: {
  workflowId: string;
  nodeId: string;
  field: unknown;
  /** A weighted node's configured share per value, marked beside the actual one. */
  expected?: Map<string, number>;
}) {
  const insight = useRotationInsight({ workflowId, nodeId });
  const managers = useManagers();
  const figures = useMemo(
    () =>
      insight.data &&
      rotationFigures({
        insight: insight.data,
        field,
        nameOf: valueNamer({ field, managers: managers.data }),
        expected,
      }),
    [insight.data, field, managers.data, expected],
  );
  return { insight, figures };
}
