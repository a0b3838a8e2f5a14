import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const keys = {
  fields: ['fields'] as const,
  managers: ['managers'] as const,
  leads: ['leads'] as const,
  workflows: ['workflows'] as const,
  workflow: (id: string) => ['workflows', id] as const,
  runs: (params: { workflowId?: string; leadId?: string; limit?: number }) => ['runs', params] as const,
  rotation: (workflowId: string, nodeId: string) => ['insight', workflowId, nodeId, 'rotation'] as const,
  split: (workflowId: string, nodeId: string) => ['insight', workflowId, nodeId, 'split'] as const,
};

/**
 * How often a node's figures are asked again. Every view of one node's figures (its canvas node,
 * its settings) uses the same key and this interval, so one request serves them all: react-query
 * restarts each observer's timer whenever the query updates, which keeps them in step.
 */
export const INSIGHT_REFRESH_MS = 5000;

export const useFields = () => useQuery({ queryKey: keys.fields, queryFn: api.fields, staleTime: 60_000 });
export const useManagers = () => useQuery({ queryKey: keys.managers, queryFn: api.managers });
export const useWorkflows = () => useQuery({ queryKey: keys.workflows, queryFn: api.workflows });
export const useRuns = (
  params: { workflowId?: string; leadId?: string; limit?: number },
  refetchInterval?: number,
) => useQuery({ queryKey: keys.runs(params), queryFn: () => api.runs(params), refetchInterval });

/** What the server has seen a saved rotation node give; `enabled` only for a node saved as one. */
export const useRotationInsight = ({
  workflowId,
  nodeId,
  enabled = true,
}: {
  workflowId: string;
  nodeId: string;
  enabled?: boolean;
}) =>
  useQuery({
    queryKey: keys.rotation(workflowId, nodeId),
    queryFn: () => api.rotation(workflowId, nodeId),
    enabled,
    refetchInterval: INSIGHT_REFRESH_MS,
  });

export const useSplitInsight = ({
  workflowId,
  nodeId,
  enabled = true,
}: {
  workflowId: string;
  nodeId: string;
  enabled?: boolean;
}) =>
  useQuery({
    queryKey: keys.split(workflowId, nodeId),
    queryFn: () => api.split(workflowId, nodeId),
    enabled,
    refetchInterval: INSIGHT_REFRESH_MS,
  });
