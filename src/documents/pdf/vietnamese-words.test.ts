import assert from 'node:assert/strict';
import { it } from 'node:test';
import { amountInWords, formatAmount, integerInWords } from './vietnamese-words.js';

it('writes amounts in Vietnamese words by the usual reading rules', () => {
  const cases: Array<[number, string]> = [
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [1_005, 'một nghìn không trăm linh năm'],
    [50_000, 'năm mươi nghìn'],
    [1_250_000, 'một triệu hai trăm năm mươi nghìn'],
    [2_000_015, 'hai triệu không trăm mười lăm'],
    [1_000_000_000, 'một tỷ'],
  ];
  for (const [n, words] of cases) assert.equal(integerInWords(n), words, String(n));
  assert.equal(amountInWords(1_250_000), 'Một triệu hai trăm năm mươi nghìn đồng');
  assert.equal(formatAmount(1_250_000), '1.250.000');
  assert.throws(() => integerInWords(-1));
});
