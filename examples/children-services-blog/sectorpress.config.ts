import { defineConfig } from 'sectorpress';

export default defineConfig({
  title: 'Northmoor Children’s Services',
  description: 'Notes from the Director of Children’s Services and the leadership team at Northmoor Borough Council.',
  url: 'https://blog.example.org',
  language: 'en-GB',
  timezone: 'Europe/London',
  perPage: 5,
  navigation: [
    { title: 'Latest posts', url: '/' },
    { title: 'Tags', url: '/tags/' },
    { title: 'Events', url: '/events/' },
    { title: 'About', url: '/about/' },
  ],
  subscribe: {
    title: 'Get new posts by email',
    text: 'One email when the Director publishes a new post. No other mail, and you can unsubscribe at any time.',
    url: 'https://lists.example.org/northmoor-childrens-services/subscribe',
    label: 'Subscribe to the blog',
  },
  // Welsh pages are built under /cy/; navigation URLs here are relative to the Welsh home (docs/languages.md).
  languages: {
    cy: {
      title: 'Gwasanaethau Plant Northmoor',
      description: 'Nodiadau gan Gyfarwyddwr y Gwasanaethau Plant a’r tîm arwain yng Nghyngor Bwrdeistref Northmoor.',
      navigation: [
        { title: 'Cofnodion diweddaraf', url: '/' },
        { title: 'Tagiau', url: '/tags/' },
        { title: 'Digwyddiadau', url: '/events/' },
        { title: 'Amdanom', url: '/amdanom/' },
      ],
      dateFormats: { long: 'cccc, d LLLL yyyy' },
      subscribe: {
        title: 'Cael cofnodion newydd drwy e-bost',
        text: 'Un e-bost pan fydd y Cyfarwyddwr yn cyhoeddi cofnod newydd. Dim byd arall, a gallwch ddad-danysgrifio unrhyw bryd.',
        url: 'https://lists.example.org/northmoor-childrens-services/subscribe',
        label: 'Tanysgrifio i’r blog',
      },
      themeOptions: { accessibilityUrl: '/hygyrchedd/' },
    },
  },
});
