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
});
