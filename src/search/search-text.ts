// Text search shared by every module that lets people find things by name (units, procedures):
// the normalised form stored in a search column, and the words of a query in the same form.

/** Lowercase, without Vietnamese diacritics, for search ("Đăng ký" → "dang ky"). */
export function searchTextOf(...parts: Array<string | null | undefined>): string {
  return parts
    .filter(Boolean)
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/**
 * The words of a text for word-prefix search: normalised by searchTextOf, punctuation turned into
 * spaces (except a dot between digits), single spaces, with a space at each end — so `like '% word%'` matches a word's beginning.
 */
export function searchWordsText(...parts: Array<string | null | undefined>): string {
  const words = searchTextOf(...parts)
    .replace(/[^0-9a-z.]+/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ') // a dot inside a number stays: codes such as 1.001193 are one word
    .replace(/ +/g, ' ')
    .trim();
  return words ? ` ${words} ` : ' ';
}

/** The distinct words of a query (at most `max`), normalised like searchWordsText. */
export function queryWords(query: string, max = 8): string[] {
  return [...new Set(searchWordsText(query).trim().split(' ').filter(Boolean))].slice(0, max);
}
