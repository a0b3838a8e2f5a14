import type { Problem } from '../api/client';

/** Whether a problem's path is `path` or lies inside it (`workingHours` holds `workingHours.days.mon[0]`). */
export const isUnder = (problem: Problem, path: string) =>
  problem.path === path ||
  (problem.path?.startsWith(`${path}.`) ?? false) ||
  (problem.path?.startsWith(`${path}[`) ?? false);

/** The messages of the problems at `path`, shown beside the input they concern. */
export function FieldIssues({ problems, path, id }: { problems: Problem[]; path: string; id?: string }) {
  const here = problems.filter((problem) => isUnder(problem, path));
  if (here.length === 0) return null;
  return (
    <small className="error-text" id={id}>
      {here.map((problem) => problem.message).join(' · ')}
    </small>
  );
}
