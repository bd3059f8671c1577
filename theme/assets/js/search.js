// The search page: reads ?q=, searches the Pagefind index (pagefind.js, under the base path),
// lists the results as links with title, date and excerpt, and announces the count in a polite
// live region. Every visible word comes from the page's data-* attributes (the theme strings).
// Excerpts are copied as text plus <mark>, never inserted as HTML.

const BATCH = 20;
const TYPING_PAUSE_MS = 300;

const root = document.querySelector('[data-search]');
if (root) start(root);

function start(root) {
  const form = root.querySelector('form');
  const input = form.querySelector('input[name="q"]');
  const status = root.querySelector('[data-search-status]');
  const list = root.querySelector('[data-search-results]');
  const strings = root.dataset;
  const plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  let pagefind;
  let latest = 0;
  let timer;

  root.querySelector('[data-search-fallback]').hidden = true;

  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
  const countText = (count, query) => {
    const category = plural.select(count);
    const key = `count${category[0].toUpperCase()}${category.slice(1)}`;
    return fill(strings[key] || strings.countOther, { count, query });
  };
  const load = () => {
    // Records carry their public URLs (base path included): Pagefind must not prefix them again.
    pagefind ??= import(strings.pagefind).then(async (module) => {
      await module.options({ baseUrl: '/' });
      return module;
    });
    return pagefind;
  };

  function excerptNodes(html) {
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    return [...parsed.body.childNodes].map((node) => {
      if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    });
  }

  function resultItem(data) {
    const item = document.createElement('li');
    item.className = 'search-result';
    const heading = document.createElement('h2');
    heading.className = 'search-result__title';
    const link = document.createElement('a');
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.append(link);
    item.append(heading);
    if (data.meta.date && data.meta.datetime) {
      const meta = document.createElement('p');
      meta.className = 'meta';
      const time = document.createElement('time');
      time.dateTime = data.meta.datetime;
      time.textContent = data.meta.date;
      meta.append(time);
      item.append(meta);
    }
    const excerpt = document.createElement('p');
    excerpt.className = 'search-result__excerpt';
    excerpt.append(...excerptNodes(data.excerpt));
    item.append(excerpt);
    return item;
  }

  async function show(results, from, id) {
    const data = await Promise.all(results.slice(from, from + BATCH).map((result) => result.data()));
    if (id !== latest) return;
    list.querySelector('.search__more')?.remove();
    list.append(...data.map(resultItem));
    if (from + BATCH < results.length) {
      const more = document.createElement('li');
      more.className = 'search__more';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'search-form__button';
      button.textContent = strings.more;
      button.addEventListener('click', async () => {
        const next = list.children.length - 1;
        await show(results, from + BATCH, id);
        list.children[next]?.querySelector('a')?.focus();
      });
      more.append(button);
      list.append(more);
    }
  }

  async function run(raw) {
    const id = ++latest;
    const query = raw.trim();
    list.replaceChildren();
    list.hidden = true;
    if (query === '') {
      status.textContent = strings.empty;
      return;
    }
    try {
      const search = await (await load()).search(query);
      if (id !== latest || !search) return;
      status.textContent = search.results.length === 0 ? fill(strings.none, { query }) : countText(search.results.length, query);
      list.hidden = search.results.length === 0;
      await show(search.results, 0, id);
    } catch {
      if (id === latest) status.textContent = strings.failed;
    }
  }

  function remember(query) {
    const url = new URL(window.location.href);
    if (query.trim() === '') url.searchParams.delete('q');
    else url.searchParams.set('q', query);
    window.history.replaceState(null, '', url);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    run(input.value);
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      remember(input.value);
      run(input.value);
    }, TYPING_PAUSE_MS);
  });

  const initial = new URLSearchParams(window.location.search).get('q') ?? '';
  input.value = initial;
  run(initial);
}
