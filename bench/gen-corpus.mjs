#!/usr/bin/env node
// Seeded corpus generator for `npm run bench`: N dated posts like a decade-old sector blog
// (1–4 of 60 tags with a long tail, 300–1,500 words, headings, lists, quotes, links).
//
//   node bench/gen-corpus.mjs N OUTDIR [--seed S]
//   node bench/gen-corpus.mjs --edit FILE [--seed S]     append a paragraph to one post
import fs from 'node:fs';
import path from 'node:path';

/** mulberry32: small, fast, deterministic. */
export function rng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (list) => list[Math.floor(next() * list.length)] };
}

const TAGS = [
  "children's services",
  'Ofsted',
  'SEND',
  'Leadership',
  'Care review',
  'Fostering',
  'Adoption',
  'Workforce',
  'Social work',
  'Early help',
  'Family hubs',
  'Youth justice',
  'Care leavers',
  'Kinship care',
  'Safeguarding',
  'Education',
  'Schools',
  'Inclusion',
  'Mental health',
  'Budget',
  'Commissioning',
  'Residential care',
  'Regional improvement',
  'Sector-led improvement',
  'Data',
  'Performance',
  'Participation',
  'Voice of the child',
  'Exploitation',
  'Domestic abuse',
  'Health partnership',
  'Integrated care',
  'Housing',
  'Poverty',
  'Early years',
  'Childcare',
  'Virtual school',
  'Attendance',
  'Exclusions',
  'Transport',
  'Recruitment',
  'Retention',
  'Agency staff',
  'Practice model',
  'Supervision',
  'Quality assurance',
  'Audit',
  'Complaints',
  'Corporate parenting',
  'Elected members',
  'Scrutiny',
  'Consultation',
  'Legislation',
  'Guidance',
  'Research',
  'Innovation',
  'Digital',
  'Partnership',
  'Police',
  'Health visiting',
];
const WORDS = (
  'children families practice social workers council partnership review plan support service improvement outcome quality ' +
  'inspection safeguarding early help local authority leadership team young people carers schools health budget demand pressure ' +
  'resources evidence data learning progress priorities community region staff training recruitment stability placement'
).split(' ');
const AUTHORS = ['director', 'deputy', 'ad-education', 'ad-social-care', 'psw', 'head-qa', 'head-early-help', 'chief-executive'];

function sentence(r) {
  const words = Array.from({ length: r.int(8, 22) }, () => r.pick(WORDS));
  if (r.next() < 0.1) words[r.int(0, words.length - 1)] = `[${r.pick(WORDS)}](https://example.org/${r.pick(WORDS)})`;
  if (r.next() < 0.15) words[r.int(0, words.length - 1)] = `*${r.pick(WORDS)}*`;
  if (r.next() < 0.1) words[r.int(0, words.length - 1)] = `**${r.pick(WORDS)}**`;
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function body(r) {
  const target = r.int(300, 1500);
  const blocks = [];
  let words = 0;
  while (words < target) {
    const roll = r.next();
    let block;
    if (roll < 0.08) block = `## ${sentence(r).slice(0, -1)}`;
    else if (roll < 0.12) block = `### ${sentence(r).slice(0, -1)}`;
    else if (roll < 0.18) block = Array.from({ length: r.int(2, 5) }, () => `- ${sentence(r)}`).join('\n');
    else if (roll < 0.22) block = Array.from({ length: r.int(2, 5) }, (_, i) => `${i + 1}. ${sentence(r)}`).join('\n');
    else if (roll < 0.25) block = `> ${sentence(r)} ${sentence(r)}`;
    else block = Array.from({ length: r.int(2, 5) }, () => sentence(r)).join(' ');
    blocks.push(block);
    words += block.split(/\s+/).length;
  }
  return blocks.join('\n\n');
}

function tagsFor(r) {
  const count = r.int(1, 4);
  const chosen = new Set();
  // Long tail: low indexes are much more likely.
  while (chosen.size < count) chosen.add(TAGS[Math.min(TAGS.length - 1, Math.floor(TAGS.length * r.next() ** 2.2))]);
  return [...chosen];
}

export function generate(count, outDir, seed = 1) {
  const r = rng(seed);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'posts'), { recursive: true });
  fs.mkdirSync(path.join(outDir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'data', 'authors.yml'), AUTHORS.map((key, i) => `${key}:\n  name: Author ${i + 1}\n  role: Role ${i + 1}\n`).join(''));
  let time = Date.UTC(2025, 5, 30, 17, 0, 0);
  for (let index = 0; index < count; index += 1) {
    const date = new Date(time);
    const title = sentence(r)
      .slice(0, 60)
      .replace(/[.\s]+$/, '');
    const slug = `${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 50)}-${index}`;
    const front = [
      '---',
      `title: ${JSON.stringify(title)}`,
      `date: ${date.toISOString().replace('.000', '')}`,
      `tags: ${JSON.stringify(tagsFor(r))}`,
      `author: ${r.pick(AUTHORS)}`,
      `summary: ${JSON.stringify(sentence(r))}`,
      '---',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(outDir, 'posts', `${date.toISOString().slice(0, 10)}-${slug}.md`), `${front}\n${body(r)}\n`);
    time -= r.int(1, 40) * 3600 * 1000;
  }
}

export function editPost(file, seed = Date.now()) {
  const r = rng(seed);
  fs.appendFileSync(file, `\n\nUpdate ${seed}: ${sentence(r)}\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  if (args[0] === '--edit') editPost(args[1], seed);
  else generate(Number(args[0]), args[1], seed);
}
