import { misHealth, type MisFact } from '../../digest/figures';

/** When the digest mentions the register sync from the MIS (digest/figures.ts misHealth), pure. */
const AT = new Date('2026-11-16T08:00:00Z');
const daysBefore = (d: number) => new Date(AT.getTime() - d * 86_400_000);
const link = (o: Partial<MisFact> = {}): MisFact => ({ state: 'CONNECTED', connectedAt: daysBefore(60), lastGoodSyncAt: daysBefore(1), finished: [{ status: 'SUCCEEDED', finishedAt: daysBefore(1) }], ...o });

describe('the register sync in the digest', () => {
  it.each<[string, MisFact | null, ReturnType<typeof misHealth>]>([
    ['a school that imports files', null, null],
    ['a sync that succeeded last night', link(), null],
    ['a link the school disconnected long ago', link({ state: 'DISCONNECTED', lastGoodSyncAt: daysBefore(90) }), null],
    ['no good sync for two days and 23 hours', link({ lastGoodSyncAt: new Date(daysBefore(3).getTime() + 3_600_000) }), null],
    ['no good sync for exactly three days', link({ lastGoodSyncAt: daysBefore(3) }), { problem: 'stale', daysSinceGoodSync: 3, failedSinceGoodSync: 0 }],
    ['a link made four days ago whose first sync never finished', link({ connectedAt: daysBefore(4), lastGoodSyncAt: null, finished: [] }), { problem: 'stale', daysSinceGoodSync: null, failedSinceGoodSync: 0 }],
    ['last night failed after a good one', link({ finished: [{ status: 'FAILED', finishedAt: daysBefore(0.5) }, { status: 'SUCCEEDED', finishedAt: daysBefore(1) }] }), { problem: 'failed', daysSinceGoodSync: 1, failedSinceGoodSync: 1 }],
    [
      'access revoked (its sync failed), two failures counted since the good one, not the one before',
      link({ state: 'REVOKED', lastGoodSyncAt: daysBefore(5), finished: [{ status: 'FAILED', finishedAt: daysBefore(1) }, { status: 'FAILED', finishedAt: daysBefore(2) }, { status: 'SUCCEEDED', finishedAt: daysBefore(5) }, { status: 'FAILED', finishedAt: daysBefore(6) }] }),
      { problem: 'revoked', daysSinceGoodSync: 5, failedSinceGoodSync: 2 },
    ],
  ])('%s', (_, mis, expected) => {
    expect(misHealth(mis, AT)).toEqual(expected);
  });
});
