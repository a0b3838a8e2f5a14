import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './client';

export const keys = {
  fields: ['fields'] as const,
  managers: ['managers'] as const,
  leads: ['leads'] as const,
  // Under `leads`, so what refreshes the list refreshes the leads opened one by one too.
  lead: (id: string) => ['leads', 'one', id] as const,
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

/**
 * The fields. Changed rarely, but a change must reach every open editor: this tab invalidates
 * the query when it changes a field (`fieldsChanged`), other tabs hear of it through
 * `FIELDS_CHANNEL` (`useFieldsSync`), and a tab coming back into focus asks again after 5 s.
 */
export const useFields = () => useQuery({ queryKey: keys.fields, queryFn: api.fields, staleTime: 5_000 });

/** The BroadcastChannel on which a tab tells the others that the fields changed. */
export const FIELDS_CHANNEL = 'leadflow-fields';

const fieldsChannel = (): BroadcastChannel | null =>
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(FIELDS_CHANNEL);

/** After a field was added or changed: refetch the fields here and in the other open tabs. */
export function fieldsChanged(queryClient: QueryClient): Promise<void> {
  const channel = fieldsChannel();
  channel?.postMessage('changed');
  channel?.close();
  return queryClient.invalidateQueries({ queryKey: keys.fields });
}

/** Refetches the fields when another tab says they changed; mounted once by the app. */
export function useFieldsSync(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const channel = fieldsChannel();
    if (!channel) return;
    channel.onmessage = () => void queryClient.invalidateQueries({ queryKey: keys.fields });
    return () => channel.close();
  }, [queryClient]);
}
export const useManagers = () => useQuery({ queryKey: keys.managers, queryFn: api.managers });
export const useWorkflows = () => useQuery({ queryKey: keys.workflows, queryFn: api.workflows });
export const useRuns = (
  params: { workflowId?: string; leadId?: string; limit?: number },
  refetchInterval?: number,
) => useQuery({ queryKey: keys.runs(params), queryFn: () => api.runs(params), refetchInterval });

/**
 * Leads by id, each asked once and kept a minute (what names runs: a lead's name seldom changes);
 * `get(id)` is undefined until its lead has come.
 */
export function useLeadsById(ids: readonly string[]) {
  return useEachOnce(ids, keys.lead, api.lead);
}

/** The definitions of these workflows (as saved last), each asked once; undefined until it has come. */
export function useWorkflowDefinitions(ids: readonly string[]) {
  return useEachOnce(ids, keys.workflow, api.workflow);
}

/** One query per distinct id, kept a minute; `get(id)` is undefined until its answer has come. */
function useEachOnce<T>(
  ids: readonly string[],
  queryKey: (id: string) => readonly unknown[],
  fetch: (id: string) => Promise<T>,
) {
  const unique = [...new Set(ids)];
  return useQueries({
    queries: unique.map((id) => ({ queryKey: queryKey(id), queryFn: () => fetch(id), staleTime: 60_000 })),
    combine: (results) => {
      const byId = new Map(unique.map((id, index) => [id, results[index]?.data]));
      return { get: (id: string) => byId.get(id) };
    },
  });
}

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
