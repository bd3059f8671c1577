/** Year and month archives, in the site time zone (a post's year/month are already zoned). */
import type { MonthArchive, Post, YearArchive } from './types.js';

const pad = (value: number): string => String(value).padStart(2, '0');

/** Posts must be newest first; archives come out newest first with posts in the same order. */
export function groupArchives(posts: readonly Post[]): YearArchive[] {
  const years = new Map<number, { posts: Post[]; months: Map<number, Post[]> }>();
  for (const post of posts) {
    let year = years.get(post.year);
    if (!year) years.set(post.year, (year = { posts: [], months: new Map() }));
    year.posts.push(post);
    const month = year.months.get(post.month) ?? [];
    month.push(post);
    year.months.set(post.month, month);
  }
  return [...years.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, group]) => ({
      year,
      url: `/${year}/`,
      posts: group.posts,
      months: [...group.months.entries()].sort((a, b) => b[0] - a[0]).map(([month, monthPosts]): MonthArchive => ({ year, month, url: `/${year}/${pad(month)}/`, posts: monthPosts })),
    }));
}
