/** Text folding and phrase patterns: the form all wording is matched in, in every language read here. */

/** Lower case, no accents, `ß` as `ss`, typographic apostrophes as `'`: the form all wording is matched in. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\u2018\u2019\u02bc`]/g, "'");
}

/** A regex matching any of the (folded) phrases as whole words; a space in a phrase matches any whitespace. */
export function phrases(sources: readonly string[], anchored = false): RegExp {
  const body = sources.map((source) => source.replace(/ /g, '\\s+')).join('|');
  return new RegExp(`${anchored ? '^\\s*' : '(?<![\\p{L}\\p{N}])'}(?:${body})(?![\\p{L}\\p{N}])`, 'u');
}
