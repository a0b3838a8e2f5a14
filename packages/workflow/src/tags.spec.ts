import { hasTag, sameTag, tagKey, uniqueTags, withTag, withoutTag } from './tags';

describe('tags', () => {
  it('compares tags without regard to case', () => {
    expect(tagKey(' Hot ')).toBe('hot');
    expect(sameTag('hot', 'HOT')).toBe(true);
    expect(sameTag('hot', 'hots')).toBe(false);
    expect(hasTag(['b2b', 'Hot'], 'hOT')).toBe(true);
    expect(hasTag(['b2b', 1, null], 'hot')).toBe(false);
  });

  it('keeps the first spelling', () => {
    expect(uniqueTags(['hot', 'Hot', 'b2b', 'HOT', 'B2B'])).toEqual(['hot', 'b2b']);
    const tags = ['Hot'];
    expect(withTag(tags, 'hot')).toBe(tags);
    expect(withTag(tags, 'b2b')).toEqual(['Hot', 'b2b']);
  });

  it('removes a tag in any spelling', () => {
    expect(withoutTag(['Hot', 'b2b'], 'HOT')).toEqual(['b2b']);
    expect(withoutTag(['Hot', 'b2b'], 'cold')).toEqual(['Hot', 'b2b']);
  });
});
