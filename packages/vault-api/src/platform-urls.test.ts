import { threadsTokenUrlOf } from './platform-urls';

describe('threadsTokenUrlOf', () => {
  it('drops the version segment of THREADS_API_URL, and keeps a base without one', () => {
    expect(threadsTokenUrlOf('https://graph.threads.net/v1.0')).toBe('https://graph.threads.net');
    expect(threadsTokenUrlOf('http://sim/threads/v1.0')).toBe('http://sim/threads');
    expect(threadsTokenUrlOf('https://proxy.example/threads')).toBe('https://proxy.example/threads');
  });
});
