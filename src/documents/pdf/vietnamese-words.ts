// Amounts written in Vietnamese words, as on receipts and fee notices ("Bằng chữ: …"):
// 1.250.000 → "Một triệu hai trăm năm mươi nghìn đồng". Pure.
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** 0–999 in words; `full` when a higher group precedes it (so 5 reads "không trăm linh năm"). */
function triple(n: number, full: boolean): string {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  if (hundreds > 0 || full) words.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units > 0 && (hundreds > 0 || full)) words.push('linh');
  } else if (tens === 1) words.push('mười');
  else words.push(DIGITS[tens]!, 'mươi');
  if (units > 0) {
    if (units === 1 && tens >= 2) words.push('mốt');
    else if (units === 5 && tens >= 1) words.push('lăm');
    else if (units === 4 && tens >= 2) words.push('tư');
    else words.push(DIGITS[units]!);
  }
  return words.join(' ');
}

/** A non-negative integer in Vietnamese words (lower case). */
export function integerInWords(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative safe integer: ${value}`);
  if (value === 0) return 'không';
  const groups: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i]!;
    if (group === 0) continue;
    parts.push(triple(group, i < groups.length - 1) + (SCALES[i] ? ` ${SCALES[i]}` : ''));
  }
  return parts.join(' ');
}

/** "Một triệu hai trăm năm mươi nghìn đồng" (capitalised, with the currency). */
export function amountInWords(dong: number): string {
  const words = `${integerInWords(dong)} đồng`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 1250000 → "1.250.000" (Vietnamese digit grouping). */
export function formatAmount(dong: number): string {
  return String(dong).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
