import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const keys = {
  fields: ['fields'] as const,
  managers: ['managers'] as const,
  leads: ['leads'] as const,
  workflows: ['workflows'] as const,
  workflow: (id: string) => ['workflows', id] as const,
  runs: (params: { workflowId?: string; leadId?: string; limit?: number }) => ['runs', params] as const,
};

export const useFields = () => useQuery({ queryKey: keys.fields, queryFn: api.fields, staleTime: 60_000 });
export const useManagers = () => useQuery({ queryKey: keys.managers, queryFn: api.managers });
export const useWorkflows = () => useQuery({ queryKey: keys.workflows, queryFn: api.workflows });
export const useRuns = (
  params: { workflowId?: string; leadId?: string; limit?: number },
  refetchInterval?: number,
) => useQuery({ queryKey: keys.runs(params), queryFn: () => api.runs(params), refetchInterval });
