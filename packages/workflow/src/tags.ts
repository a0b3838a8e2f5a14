/**
 * Tags compare without regard to case: `Hot`, `HOT` and `hot` are one tag, and a list keeps the
 * first spelling it was given. The API, triggers, workflow actions and conditions all use these.
 */

/** The form two tags are compared in: trimmed and lower-cased. */
export const tagKey = (tag: string): string => tag.trim().toLowerCase();

/** Whether two spellings are the same tag. */
export const sameTag = (a: string, b: string): boolean => tagKey(a) === tagKey(b);

/** Whether `tags` holds `tag` in any spelling. Values that are not strings never match. */
export const hasTag = (tags: readonly unknown[], tag: string): boolean =>
  tags.some((other) => typeof other === 'string' && sameTag(other, tag));

/** `tags` with `tag` added at the end, or `tags` itself (the same array) when it holds it in any spelling. */
export const withTag = (tags: readonly string[], tag: string): readonly string[] =>
  hasTag(tags, tag) ? tags : [...tags, tag];

/** `tags` without `tag` in any spelling. */
export const withoutTag = (tags: readonly string[], tag: string): string[] =>
  tags.filter((other) => !sameTag(other, tag));

/** The tags once each, in order, each in its first spelling (`["hot", "Hot", "b2b"]` → `["hot", "b2b"]`). */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tagKey(tag);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
