import { describe, expect, it } from 'vitest';
import { replaceShortcodes, type Shortcode, unescapeShortcodes } from '../../src/import/parse-shortcodes.js';

/** Every shortcode named `names` in `text`, as the callback sees it; the text is left unchanged. */
function found(text: string, names: readonly string[]): Shortcode[] {
  const seen: Shortcode[] = [];
  replaceShortcodes(text, names, (shortcode) => {
    seen.push(shortcode);
    return undefined;
  });
  return seen;
}

describe('replaceShortcodes: what a shortcode is', () => {
  it('reads double-, single- and unquoted values, and values without a name in order', () => {
    const [shortcode] = found(`[notice Colour="amber" title='Road works' days=3 urgent "from Monday"]`, ['notice']);
    expect(shortcode).toEqual({
      name: 'notice',
      attrs: { named: { colour: 'amber', title: 'Road works', days: '3' }, numeric: ['urgent', 'from Monday'] },
      content: undefined,
      selfClosing: false,
    });
  });

  it('keeps punctuation, URLs and spaces inside quoted values as written', () => {
    const [shortcode] = found('[audio mp3="https://files.example/a b.mp3?x=1&amp;y=2" label=\'It’s "live"\']', ['audio']);
    expect(shortcode?.attrs.named).toEqual({ mp3: 'https://files.example/a b.mp3?x=1&amp;y=2', label: 'It’s "live"' });
  });

  it('gives an enclosing shortcode its content, up to the first closing tag of its name', () => {
    const shortcodes = found('[box tone="calm"]Stay <em>safe</em> [note]inside[/note][/box] and [box]again[/box]', ['box']);
    expect(shortcodes.map((shortcode) => shortcode.content)).toEqual(['Stay <em>safe</em> [note]inside[/note]', 'again']);
  });

  it('knows a self-closing shortcode takes no content, even with a closing tag later on', () => {
    const [shortcode] = found('[map ward="north" /] text [/map]', ['map']);
    expect(shortcode).toMatchObject({ name: 'map', attrs: { named: { ward: 'north' }, numeric: [] }, selfClosing: true });
    expect(shortcode?.content).toBeUndefined();
    expect(found('[map/]', ['map'])).toMatchObject([{ selfClosing: true }]);
  });

  it('matches whole names only: letters, digits, - and _', () => {
    const text = '[gallery-pro id=1] [gallery_old] [gallery2] [gallery] [Gallery]';
    expect(found(text, ['gallery']).map((shortcode) => shortcode.name)).toEqual(['gallery']);
    expect(found(text, ['gallery-pro', 'gallery_old', 'gallery2']).map((shortcode) => shortcode.name)).toEqual(['gallery-pro', 'gallery_old', 'gallery2']);
  });

  it('does not take brackets that are not a shortcode: no closing bracket, or a name run into other text', () => {
    expect(found('[gallery ids="1,2"', ['gallery'])).toEqual([]);
    expect(found('[gallery.old] [gallery:x]', ['gallery'])).toEqual([]);
  });
});

describe('replaceShortcodes: replacing', () => {
  it('puts the callback’s text where the shortcode was, content and closing tag included', () => {
    const text = 'Before [shout]hello[/shout] middle [shout word="bye"] after.';
    const result = replaceShortcodes(text, ['shout'], (shortcode) => (shortcode.content ?? shortcode.attrs.named.word ?? '').toUpperCase());
    expect(result).toBe('Before HELLO middle BYE after.');
  });

  it('keeps a shortcode as written when the callback returns undefined, and removes it for an empty string', () => {
    const text = '[keep a=1]x[/keep] [drop] [other]';
    expect(replaceShortcodes(text, ['keep', 'drop'], (shortcode) => (shortcode.name === 'drop' ? '' : undefined))).toBe('[keep a=1]x[/keep]  [other]');
  });

  it('leaves escaped shortcodes for the author’s text, and replaces one with a single extra bracket', () => {
    const text = 'Type [[gallery ids="1"]] or [[gallery]…[/gallery]] to show one; [[gallery] has a stray bracket.';
    const result = replaceShortcodes(text, ['gallery'], () => 'IMAGES');
    expect(result).toBe('Type [[gallery ids="1"]] or [[gallery]…[/gallery]] to show one; [IMAGES has a stray bracket.');
  });
});

describe('unescapeShortcodes', () => {
  it('shows an escaped shortcode as the shortcode itself, and leaves other brackets alone', () => {
    expect(unescapeShortcodes('Type [[gallery ids="1,2"]] here.')).toBe('Type [gallery ids="1,2"] here.');
    expect(unescapeShortcodes('[[ref]A source.[/ref]] and [[/caption]]')).toBe('[ref]A source.[/ref] and [/caption]');
    expect(unescapeShortcodes('Arrays: a[[1]] and [[ 2 ]] and [[sic]')).toBe('Arrays: a[[1]] and [[ 2 ]] and [[sic]');
  });
});
