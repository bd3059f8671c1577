/**
 * URL slugs, one rule for tags, posts, events and authors: runs of anything that is not a
 * letter or digit become one hyphen. Latin letters are written in plain ASCII (`é` → `e`,
 * Welsh `ŵ` → `w`, `ß` → `ss`; a run of Latin letters with no ASCII form is kept); letters and digits of other scripts, and emoji, are kept
 * as they are (lower-cased), so `中文` and `🎉` tags keep a slug of their own. Apostrophes
 * are dropped (`children’s` → `childrens`) and `&` is not spelled out, as WordPress does,
 * so tag URLs of migrated blogs keep working.
 */
import transliterate from '@sindresorhus/transliterate';

/** Straight, curly and modifier-letter apostrophes and the backtick: dropped, not hyphens. */
const APOSTROPHES = /['’‘`ʼ]/g;
/** A run of Latin-script letters with the marks that sit on them. */
const LATIN_RUN = /\p{Script=Latin}[\p{Script=Latin}\p{M}]*/gu;
/** What a slug keeps: letters, digits, the marks of non-Latin scripts, and emoji (not © ® ™). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is tested alone; the joiner and variation selector are kept as parts of emoji
const KEPT = /[\p{L}\p{N}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f]/u;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: as above, code point by code point
const NOT_KEPT_RUN = /[^\p{L}\p{N}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f]+|[©®™‼⁉ℹ]+/gu;

const transliterated = new Map<string, string>();

/** Latin letters in ASCII: compatibility forms first (`ﬁ` → `fi`), then transliteration, then no marks. */
function asciiLatin(run: string): string {
  // Most runs are plain ASCII already, and transliteration is the costly step; words repeat.
  if (/^[a-z]+$/i.test(run)) return run;
  let ascii = transliterated.get(run);
  if (ascii === undefined) {
    if (transliterated.size >= 10_000) transliterated.clear();
    ascii = transliterate(run.normalize('NFKC')).normalize('NFD').replace(/\p{M}/gu, '');
    // A letter with a mark may transliterate to a letter that itself needs it (`Ǽ` → `Æ` → `AE`).
    if (/[^\x00-\x7f]/.test(ascii)) ascii = transliterate(ascii);
    // Latin letters transliteration has no ASCII for (modifier letters such as `𐞀`) are kept as they are, as
    // other scripts' letters are, rather than leaving a name with no slug.
    if (!/[a-z0-9]/i.test(ascii)) ascii = run;
    transliterated.set(run, ascii);
  }
  return ascii;
}

/**
 * @example
 * slugify("Children's services"); // 'childrens-services'
 * slugify('SEND & inclusion'); // 'send-inclusion'
 * slugify('Café & wellbeing staff'); // 'cafe-wellbeing-staff'
 * slugify('中文'); // '中文'
 */
export function slugify(text: string): string {
  const latin = text.normalize('NFC').replace(APOSTROPHES, '').replace(LATIN_RUN, asciiLatin);
  return (
    latin
      .toLowerCase()
      .replace(NOT_KEPT_RUN, '-')
      // A mark with no letter before it (after a hyphen, or first) belongs to nothing.
      .replace(/(^|-)\p{M}+/gu, '$1')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .normalize('NFC')
  );
}

/** A slug that is safe as one URL segment as written: words of kept characters joined by single hyphens. */
export function isSafeSlug(slug: string): boolean {
  if (!/^[^-]+(?:-[^-]+)*$/u.test(slug)) return false;
  return [...slug].every((char) => char === '-' || KEPT.test(char)) && !/[©®™‼⁉ℹ]/.test(slug) && slugify(slug) === slug;
}
