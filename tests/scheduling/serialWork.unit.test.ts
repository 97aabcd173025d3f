import { createLogger } from '../../runtime/logger';
import { SerialWork } from '../../scheduling/scheduler';

describe('one run at a time in a process (the cron tick and kick share it)', () => {
  it('Given a run in progress, further calls do not overlap it but ask for exactly one more run afterwards', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const work = new SerialWork(
      async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        runs += 1;
        await new Promise((r) => setTimeout(r, 20));
        running -= 1;
      },
      createLogger('silent'),
      'test work',
    );
    await Promise.all([work.run(), work.run(), work.run(), work.run()]);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
  });

  it('Given a run that fails, the error is logged and the next run still happens', async () => {
    let calls = 0;
    const work = new SerialWork(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database restarting');
      },
      createLogger('silent'),
      'test work',
    );
    await work.run();
    await work.run();
    expect(calls).toBe(2);
  });
});
