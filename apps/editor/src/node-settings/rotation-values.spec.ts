import { addValue, moveValue, parseWeight, removeValue, setWeight, weightsInStep } from './rotation-values';

describe('rotation values', () => {
  const weighted = { values: ['a', 'b', 'c'], weights: [1, 2, 3] };

  it('keeps each weight with its value when adding, removing and moving', () => {
    expect(addValue(weighted, 'd')).toEqual({ values: ['a', 'b', 'c', 'd'], weights: [1, 2, 3, 1] });
    expect(removeValue(weighted, 1)).toEqual({ values: ['a', 'c'], weights: [1, 3] });
    expect(moveValue(weighted, 2, 0)).toEqual({ values: ['c', 'a', 'b'], weights: [3, 1, 2] });
    expect(setWeight(weighted, 1, 5)).toEqual({ values: ['a', 'b', 'c'], weights: [1, 5, 3] });
  });

  it('changes only the values of a rotation without weights', () => {
    const plain = { values: [1, 2] };
    expect(addValue(plain, 3)).toEqual({ values: [1, 2, 3] });
    expect(removeValue(plain, 0)).toEqual({ values: [2] });
    expect(moveValue(plain, 0, 1)).toEqual({ values: [2, 1] });
  });

  it('brings weights out of step with the values back in step at the first edit', () => {
    expect(weightsInStep(3, [4])).toEqual([4, 1, 1]);
    expect(weightsInStep(1, [4, 5])).toEqual([4]);
    expect(addValue({ values: ['a', 'b'], weights: [2] }, 'c')).toEqual({
      values: ['a', 'b', 'c'],
      weights: [2, 1, 1],
    });
    expect(setWeight({ values: ['a', 'b'], weights: [2, 3, 4] }, 0, 7)).toEqual({
      values: ['a', 'b'],
      weights: [7, 3],
    });
  });
});

describe(parseWeight.name, () => {
  it('reads positive whole numbers only', () => {
    expect(['3', ' 12 ', '1'].map(parseWeight)).toEqual([3, 12, 1]);
    expect(['', ' ', '0', '-1', '1.5', 'x'].map(parseWeight)).toEqual([null, null, null, null, null, null]);
  });
});
